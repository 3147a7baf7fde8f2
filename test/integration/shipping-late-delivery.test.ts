import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { waitFor } from './approvals.ts';
import { shippingStack } from './shipping-flow.ts';

describe('a delivery not signed for when expected (R23): the merchandiser is alerted; a late receipt still ends it', async () => {
  const { stack, call, huaxin, merchandiser, templates, pay, finishedOrder, prepared, shipped, today } =
    await shippingStack({
      AwaitReceipt: 1000,
    });

  it('alerts the merchandiser with the waybill, and closes the order when the customer signs after all', async () => {
    const { id, number } = await finishedOrder('SHIP-LATE-2');
    await pay(id, 'balance', 2975, 'SHIP-LATE-2-BAL');
    await prepared(number);
    await shipped(number);
    await waitFor(() => templates('delivery-late', number).length > 0);
    const [late] = templates('delivery-late', number);
    expect(late?.to).toEqual([demoPeople.merchandiser]);
    expect(late?.text).toContain('SF1234567890');

    const signed = await call('POST', `/orders/${id}/deliveries/1/receipt`, {
      as: { role: 'customer', email: 'li.wei@huaxin.example', customerId: huaxin },
      headers: { 'idempotency-key': 'late-receipt' },
      body: { condition: 'complete', signedBy: '李伟', signedOn: today() },
    });
    expect(signed.status).toBe(200);
    await stack.settle();
    expect((await call('GET', `/orders/${id}`, { as: merchandiser })).body.status).toBe('closed');
    expect(stack.workflows.executions().find((e) => e.name === `shipping-${id}-1`)?.status).toBe('SUCCEEDED');
  });
});
