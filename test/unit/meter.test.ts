import { describe, expect, it } from 'vitest';
import { invocationMeter, roundTrips, type TableCall } from '../../scripts/offline/meter.ts';

const call = (command: string, startedAt: number, endedAt: number, extra: Partial<TableCall> = {}): TableCall => ({
  command,
  startedAt,
  endedAt,
  write: command.startsWith('Transact') || command === 'PutItem',
  readUnits: 0,
  writeUnits: 0,
  attempts: 1,
  ...extra,
});

describe('round trips of an invocation', () => {
  it('counts requests sent together as one round and requests one after another as several', () => {
    const parallel = [call('GetItem', 0, 5), call('Query', 1, 6), call('BatchGetItem', 0, 4)];
    expect(roundTrips(parallel)).toMatchObject({ total: 3, depth: 1, writes: 0 });
    const sequential = [call('GetItem', 0, 5), call('Query', 5, 9), call('BatchGetItem', 10, 12)];
    expect(roundTrips(sequential)).toMatchObject({ total: 3, depth: 3 });
  });

  it('finds the longest chain whatever the order the requests were recorded in', () => {
    // Two parallel reads, one slow: the write waits for both, so the depth is 2, not 3.
    const calls = [call('TransactWriteItems', 9, 12), call('GetItem', 0, 3), call('Query', 0, 8)];
    expect(roundTrips(calls)).toMatchObject({ total: 3, depth: 2, writes: 1, readRoundsBeforeWrite: 1 });
  });

  it('counts the read rounds before the first write, the capacity, and a lost race apart from the attempt after it', () => {
    const calls = [
      call('GetItem', 0, 1, { readUnits: 0.5 }),
      call('Query', 2, 3, { readUnits: 1 }),
      call('TransactWriteItems', 4, 5, { error: 'TransactionCanceledException' }),
      call('Query', 6, 7, { readUnits: 1 }),
      call('TransactWriteItems', 8, 9, { writeUnits: 6, attempts: 2 }),
    ];
    // The first attempt (two reads, a cancelled transaction) is the worse; the one after it read once and wrote.
    expect(roundTrips(calls)).toEqual({
      total: 5,
      depth: 3,
      writes: 1,
      readRoundsBeforeWrite: 2,
      readUnits: 2.5,
      writeUnits: 6,
      retries: 1,
      failed: 1,
    });
    expect(roundTrips([])).toMatchObject({ total: 0, depth: 0, readRoundsBeforeWrite: 0 });
  });
});

describe('the invocation meter', () => {
  it("records a route's status and a function that threw", async () => {
    const meter = invocationMeter();
    await meter.around('getOrder', async () => ({ statusCode: 404, body: '' }));
    await meter.around('notify', async () => undefined);
    await expect(meter.around('shipping', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(meter.invocations.map(({ function: fn, status, threw }) => ({ fn, status, threw }))).toEqual([
      { fn: 'getOrder', status: 404, threw: undefined },
      { fn: 'notify', status: undefined, threw: undefined },
      { fn: 'shipping', status: undefined, threw: true },
    ]);
  });
});
