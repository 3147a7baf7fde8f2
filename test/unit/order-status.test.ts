import { describe, expect, it } from 'vitest';
import { orderStatusInWords, orderStatusWords } from '../../shared/domain/order-status.ts';
import { OrderStatus } from '../../shared/schemas/order.ts';

describe("an order's status as people read it", () => {
  it('has words in both languages for every status, never the code', () => {
    for (const status of OrderStatus.options) {
      const words = orderStatusInWords(status);
      expect(words).not.toMatch(/_/);
      expect(orderStatusWords[status]['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(orderStatusWords[status].en).toMatch(/^[a-z' ]+$/i);
    }
    expect(orderStatusInWords('awaiting_deposit')).toBe('待收订金 waiting for its deposit');
  });
});
