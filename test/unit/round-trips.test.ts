import { describe, expect, it } from 'vitest';
import { rounds, summarizeRoundTrips } from '../../bench/round-trips.ts';
import type { Invocation, TableCall } from '../../scripts/offline/meter.ts';

const read = (startedAt: number, endedAt: number): TableCall => ({
  command: 'GetItem',
  startedAt,
  endedAt,
  write: false,
  readUnits: 0.5,
  writeUnits: 0,
  attempts: 1,
});
const write = (startedAt: number): TableCall => ({
  ...read(startedAt, startedAt + 1),
  command: 'TransactWriteItems',
  write: true,
  readUnits: 0,
  writeUnits: 4,
});
const invocation = (fn: string, status: number | undefined, calls: TableCall[]): Invocation => ({
  function: fn,
  startedAt: 0,
  endedAt: 10,
  calls,
  status,
});

describe('round trips per route', () => {
  const summary = summarizeRoundTrips([
    // A GET reading in two rounds misses; its 4xx, with one round, is no excuse.
    invocation('getOrder', 200, [read(0, 1), read(2, 3)]),
    invocation('getOrder', 404, [read(0, 1)]),
    // Two reads together, then the transaction: passes.
    invocation('placeOrder', 201, [read(0, 2), read(0, 1), write(3)]),
    // Two read rounds before the write: misses.
    invocation('recordPayment', 201, [read(0, 1), read(2, 3), write(4)]),
    // Only a 4xx: exercised, but not measured.
    invocation('getCustomer', 404, [read(0, 1)]),
    invocation('publish-events', undefined, [write(0)]),
  ]);
  const route = (id: string) => summary.routes.find((r) => r.operationId === id);

  it('judges the 2xx answers of each route against its target and counts the 4xx apart', () => {
    expect(route('getOrder')).toMatchObject({
      kind: 'read',
      seen: { ok: 1, clientErrors: 1, other: 0 },
      ok: { depth: { max: 2 } },
      pass: false,
      misses: ['sequential depth 2 > 1'],
    });
    expect(route('placeOrder')).toMatchObject({
      kind: 'write',
      ok: {
        requests: { mean: 3 },
        readRoundsBeforeWrite: { max: 1 },
        writeRequests: { max: 1 },
        writeUnits: { mean: 4 },
      },
      pass: true,
    });
    expect(route('recordPayment')).toMatchObject({ pass: false, misses: ['2 read rounds before the write > 1'] });
  });

  it('lists the routes without a 2xx answer unjudged, and the workers apart', () => {
    expect(route('getCustomer')).toEqual(expect.objectContaining({ seen: { ok: 0, clientErrors: 1, other: 0 } }));
    expect(route('getCustomer')?.pass).toBeUndefined();
    expect(route('listOrders')).toMatchObject({ seen: { ok: 0, clientErrors: 0, other: 0 } });
    expect(summary.workers.find((w) => w.name === 'publish-events')).toMatchObject({ invocations: 1, threw: 0 });
  });
});

describe('the rounds of a request', () => {
  it('joins requests sent together and chains those that waited, marking a failed one', () => {
    const failed = { ...write(4), error: 'TransactionCanceledException' };
    expect(rounds([read(0, 2), read(0, 1), failed, write(6)])).toBe(
      'GetItem + GetItem → TransactWriteItems ✗TransactionCanceledException → TransactWriteItems',
    );
    expect(rounds([])).toBe('');
  });
});
