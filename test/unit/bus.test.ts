import { describe, expect, it } from 'vitest';
import { localEventBus, matches } from '../../shared/adapters/local/bus.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { activeCustomer } from '../fixtures.ts';

const envelope = {
  source: 'order-follow-up',
  'detail-type': 'CustomerCreated',
  detail: { subject: { kind: 'customer' } },
};

describe('event patterns', () => {
  it('match listed values, nested fields, prefixes and existence', () => {
    expect(
      matches({ source: ['order-follow-up'], 'detail-type': ['CustomerCreated', 'CustomerUpdated'] }, envelope),
    ).toBe(true);
    expect(matches({ 'detail-type': ['CustomerUpdated'] }, envelope)).toBe(false);
    expect(matches({ detail: { subject: { kind: ['customer'] } } }, envelope)).toBe(true);
    expect(matches({ detail: { subject: { kind: ['order'] } } }, envelope)).toBe(false);
    expect(matches({ 'detail-type': [{ prefix: 'Customer' }] }, envelope)).toBe(true);
    expect(matches({ detail: { missing: [{ exists: false }] } }, envelope)).toBe(true);
    expect(matches({ detail: { missing: [{ exists: true }] } }, envelope)).toBe(false);
  });
});

describe('the local event bus', () => {
  const event: DomainEvent = {
    id: 'e1',
    type: 'CustomerCreated',
    occurredAt: '2026-11-01T00:00:00.000Z',
    actor: 'a',
    subject: { kind: 'customer', id: 'c1' },
    data: { customer: activeCustomer },
  };

  it("delivers EventBridge's envelope to matching rules only, retrying a failing target", async () => {
    const delivered: string[] = [];
    let failures = 1;
    const bus = localEventBus(
      [
        {
          name: 'flaky',
          pattern: { 'detail-type': ['CustomerCreated'] },
          target: async (e) => {
            if (failures-- > 0) throw new Error('transient');
            delivered.push(`flaky:${e.detail.id}:${e.source}`);
          },
        },
        { name: 'other', pattern: { 'detail-type': ['OrderPlaced'] }, target: async () => delivered.push('other') },
      ],
      () => delivered.push('gave up'),
    );
    await bus.publisher.publish([event]);
    await bus.drain();
    expect(delivered).toEqual(['flaky:e1:order-follow-up']);
  });

  it('reports a target that keeps failing', async () => {
    const reported: string[] = [];
    const bus = localEventBus(
      [{ name: 'broken', pattern: {}, target: async () => Promise.reject(new Error('down')) }],
      (rule, error) => reported.push(`${rule}: ${(error as Error).message}`),
    );
    await bus.publisher.publish([event]);
    await bus.drain();
    expect(reported).toEqual(['broken: down']);
  });
});
