import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One DynamoDB request as the client sent it: when, what kind, what it cost, and how it ended. */
export type TableCall = {
  command: string;
  startedAt: number;
  endedAt: number;
  write: boolean;
  /** Capacity units DynamoDB reported (ReturnConsumedCapacity TOTAL; a transaction counts double, as billed). */
  readUnits: number;
  writeUnits: number;
  /** The SDK's own attempts (throttling, transaction conflicts): more than 1 is a retry on the wire. */
  attempts: number;
  /** The error's name when the request failed (a lost race: TransactionCanceledException, ConditionalCheckFailed…). */
  error?: string;
};

/** One invocation of a function (a route's operationId, a worker's name) and the DynamoDB requests it made. */
export type Invocation = {
  function: string;
  startedAt: number;
  endedAt: number;
  calls: TableCall[];
  /** A route's answer: the status code of its result (a request that fails validation makes fewer requests). */
  status?: number;
  /** The function threw (a worker's failure, retried by its trigger). */
  threw?: boolean;
};

const writeCommands = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const metered = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems', ...writeCommands]);

type Capacity = { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number };

function units(consumed: Capacity | Capacity[] | undefined, write: boolean) {
  const all = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
  let readUnits = 0;
  let writeUnits = 0;
  for (const c of all) {
    // Offline, DynamoDB Local reports only CapacityUnits: it is read or write by the kind of request.
    const read = c.ReadCapacityUnits ?? (write ? 0 : (c.CapacityUnits ?? 0));
    const written = c.WriteCapacityUnits ?? (write ? (c.CapacityUnits ?? 0) : 0);
    readUnits += read;
    writeUnits += written;
  }
  return { readUnits, writeUnits };
}

/**
 * Counts what each invocation of the offline stack asks of DynamoDB: every request of the table client, attributed
 * to the invocation it was made in (through the async context), with its timing, its capacity and its retries.
 * The benchmarks read round trips, sequential depth and write units from it; nothing else uses it.
 */
export function invocationMeter() {
  const current = new AsyncLocalStorage<Invocation>();
  const invocations: Invocation[] = [];
  /** Requests made outside any invocation: the stack's own (stream polling uses another client). */
  const unattributed: TableCall[] = [];
  return {
    invocations,
    unattributed,
    async around<T>(fn: string, work: () => Promise<T>): Promise<T> {
      const invocation: Invocation = { function: fn, startedAt: performance.now(), endedAt: 0, calls: [] };
      try {
        const result = await current.run(invocation, work);
        const status = (result as { statusCode?: unknown } | undefined)?.statusCode;
        if (typeof status === 'number') invocation.status = status;
        return result;
      } catch (error) {
        invocation.threw = true;
        throw error;
      } finally {
        invocation.endedAt = performance.now();
        invocations.push(invocation);
      }
    },
    instrument(client: DynamoDBDocumentClient) {
      client.middlewareStack.add(
        (next, context) => async (args) => {
          const command = String(context.commandName ?? '').replace(/Command$/, '');
          const input = args.input as Record<string, unknown>;
          if (metered.has(command)) input.ReturnConsumedCapacity ??= 'TOTAL';
          const write = writeCommands.has(command);
          const call: TableCall = {
            command,
            startedAt: performance.now(),
            endedAt: 0,
            write,
            readUnits: 0,
            writeUnits: 0,
            attempts: 1,
          };
          (current.getStore()?.calls ?? unattributed).push(call);
          try {
            const result = await next(args);
            const output = result.output as {
              ConsumedCapacity?: Capacity | Capacity[];
              $metadata?: { attempts?: number };
            };
            Object.assign(call, units(output.ConsumedCapacity, write), { attempts: output.$metadata?.attempts ?? 1 });
            return result;
          } catch (error) {
            const failed = error as { name?: string; $metadata?: { attempts?: number } };
            call.error = failed.name ?? 'Error';
            call.attempts = failed.$metadata?.attempts ?? 1;
            throw error;
          } finally {
            call.endedAt = performance.now();
          }
        },
        { step: 'initialize', name: 'invocationMeter', override: true },
      );
    },
    clear() {
      invocations.length = 0;
      unattributed.length = 0;
    },
  };
}

export type InvocationMeter = ReturnType<typeof invocationMeter>;

/** The longest chain of requests each started after the one before it ended: requests sent together count once. */
function sequentialDepth(byStart: readonly TableCall[]) {
  const chain: number[] = [];
  for (const [i, call] of byStart.entries()) {
    let longest = 0;
    for (let j = 0; j < i; j++) {
      const before = byStart[j] as TableCall;
      if (before.endedAt <= call.startedAt) longest = Math.max(longest, chain[j] ?? 0);
    }
    chain.push(longest + 1);
  }
  return Math.max(0, ...chain);
}

/**
 * The round trips of one invocation: how many requests, and how many had to wait for one another (the
 * sequential depth). For a write,
 * also the read rounds before its first write request, and how many write requests it made. A write that lost a race
 * (a cancelled transaction, a failed condition: another writer moved what it read) and was tried again from a fresh
 * read is measured attempt by attempt — the worst attempt's depth, reads and writes — with its lost races in `failed`.
 */
export function roundTrips(calls: readonly TableCall[]) {
  const byStart = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const attempts: TableCall[][] = [[]];
  for (const call of byStart) {
    (attempts.at(-1) as TableCall[]).push(call);
    if (call.write && call.error) attempts.push([]);
  }
  const each = attempts
    .filter((attempt) => attempt.length)
    .map((attempt) => {
      const firstWrite = attempt.findIndex((call) => call.write);
      return {
        depth: sequentialDepth(attempt),
        writes: attempt.filter((call) => call.write).length,
        readRoundsBeforeWrite: firstWrite < 0 ? 0 : sequentialDepth(attempt.slice(0, firstWrite)),
      };
    });
  const worst = (key: keyof (typeof each)[number]) => Math.max(0, ...each.map((attempt) => attempt[key]));
  return {
    total: calls.length,
    depth: worst('depth'),
    writes: worst('writes'),
    readRoundsBeforeWrite: worst('readRoundsBeforeWrite'),
    readUnits: calls.reduce((sum, call) => sum + call.readUnits, 0),
    writeUnits: calls.reduce((sum, call) => sum + call.writeUnits, 0),
    /** Requests the SDK sent again on its own (throttling, transaction conflicts). */
    retries: calls.reduce((sum, call) => sum + call.attempts - 1, 0),
    /** Requests that failed: a lost race (a cancelled transaction, a failed condition) the code may try again. */
    failed: calls.filter((call) => call.error).length,
  };
}
