import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localEventBus, matches } from '../../shared/adapters/local/bus.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { activeCustomer, testTeam } from '../fixtures.ts';

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
    data: { customer: activeCustomer, team: testTeam },
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
    // What EventBridge bills: the events put, however many rules they match or retries they take.
    expect(bus.published()).toBe(1);
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

  it('keeps accepted deliveries in its journal until made: after a crash, resume() makes those left over, once', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'bus-'));
    const journal = join(directory, 'bus.json');
    try {
      const second: DomainEvent = { ...event, id: 'e2' };
      const rules = (target: (e: { id: string }) => Promise<unknown>) => [
        { name: 'slow', pattern: {}, target: (e: { detail: DomainEvent }) => target(e.detail) },
      ];
      // The first process makes e1's delivery, then dies while e2's is under way.
      const crashed = localEventBus(
        rules(async ({ id }) => (id === 'e1' ? undefined : new Promise(() => {}))),
        () => {},
        journal,
      );
      await crashed.publisher.publish([event]);
      await crashed.drain();
      await crashed.publisher.publish([second, second]);

      const delivered: string[] = [];
      const restarted = localEventBus(
        rules(async ({ id }) => delivered.push(id)),
        () => {},
        journal,
      );
      restarted.resume();
      await restarted.drain();
      expect(delivered).toEqual(['e2']);
      const again = localEventBus(
        rules(async ({ id }) => delivered.push(id)),
        () => {},
        journal,
      );
      again.resume();
      await again.drain();
      expect(delivered).toEqual(['e2']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
