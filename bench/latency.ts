import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createCustomer, getCustomer } from '../functions/customers/routes.ts';
import { loadDemoStaff } from '../scripts/offline/demo-data.ts';
import { invokerFor } from '../scripts/offline/invoke.ts';
import { type OfflineStack, startOfflineStack } from '../scripts/offline/stack.ts';
import { documentClient } from '../shared/adapters/dynamodb.ts';
import { staffRepository } from '../shared/persistence/staff.ts';
import { port } from '../shared/runtime.ts';
import {
  benchUser,
  createEvent,
  expectStatus,
  getEvent,
  httpClient,
  newCustomerBody,
  rawCreateCommand,
  rawGetCommand,
} from './operations.ts';
import { capturedCommands } from './order-operations.ts';
import { ratio, round, type Summary, summarize, timed } from './stats.ts';

/** How one operation is reached: the whole HTTP path, the handler called in-process, or DynamoDB directly. */
export const paths = ['gateway', 'handler', 'raw'] as const;
export type PathName = (typeof paths)[number];

export type OperationLatency = {
  operation: string;
  /** What each path does, in words. */
  paths: Record<PathName, string>;
  summaries: Record<PathName, Summary>;
  /** gateway ÷ raw and handler ÷ raw, for p50, p99 and mean. */
  ratios: Record<'gateway' | 'handler', { p50: number; p99: number; mean: number }>;
  /** What the gateway path adds to the raw call, in ms. */
  overheadMs: { p50: number; p99: number; mean: number };
};

export type LatencyOptions = {
  root: string;
  endpoint: string;
  runId: string;
  mailDir: string;
  /** Measured POST iterations (each: one POST on every path). */
  posts: number;
  /** Measured GET iterations (each: one GET on every path). */
  gets: number;
  /** Unmeasured iterations before each phase. */
  warmup: number;
  log: (line: string) => void;
};

/** Codes are three digits and unique per table: 999 customers at most in the table. */
export const maxCodesPerTable = 999;

type Samples = Record<'create' | 'get', Record<PathName, number[]>>;

const emptySamples = (): Samples => ({
  create: { gateway: [], handler: [], raw: [] },
  get: { gateway: [], handler: [], raw: [] },
});

/** Every order of the three paths: iteration i takes the (i mod 6)th, so each path comes first, second and last
 * equally often, and after each other path equally often. */
const orders: readonly (readonly PathName[])[] = [
  ['gateway', 'handler', 'raw'],
  ['raw', 'gateway', 'handler'],
  ['handler', 'raw', 'gateway'],
  ['gateway', 'raw', 'handler'],
  ['handler', 'gateway', 'raw'],
  ['raw', 'handler', 'gateway'],
];
export const orderOf = (iteration: number) => orders[iteration % orders.length] as readonly PathName[];

/** Waits until the stack has carried every change through stream, bus and workers (or `ms` passed). */
export function settleWithin(stack: OfflineStack, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    stack.settle(),
    new Promise<void>((done) => {
      timer = setTimeout(done, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function operationLatency(
  operation: string,
  described: Record<PathName, string>,
  samples: Record<PathName, number[]>,
) {
  const summaries = {
    gateway: summarize(samples.gateway),
    handler: summarize(samples.handler),
    raw: summarize(samples.raw),
  };
  const ratiosOf = (path: 'gateway' | 'handler') => ({
    p50: ratio(summaries[path].p50, summaries.raw.p50),
    p99: ratio(summaries[path].p99, summaries.raw.p99),
    mean: ratio(summaries[path].mean, summaries.raw.mean),
  });
  return {
    operation,
    paths: described,
    summaries,
    ratios: { gateway: ratiosOf('gateway'), handler: ratiosOf('handler') },
    overheadMs: {
      p50: round(summaries.gateway.p50 - summaries.raw.p50),
      p99: round(summaries.gateway.p99 - summaries.raw.p99),
      mean: round(summaries.gateway.mean - summaries.raw.mean),
    },
  } satisfies OperationLatency;
}

/**
 * p50/p99 of POST /customers and GET /customers/{id} on three paths, against one DynamoDB Local:
 * - gateway: HTTP (keep-alive, one socket) → offline gateway (route, JWT check, API Gateway event) → handler;
 * - handler: the same handler module invoked in-process with a prebuilt API Gateway event (no HTTP, no JWT);
 * - raw: the same DynamoDB calls with the same items, sent directly with a document client: for a POST the staff
 *   directory's query (POST /customers resolves the account owner in it), then the transaction; for a GET the one GetItem.
 * One offline stack on a fresh table: first the POSTs, then GETs of the customers created. Within each phase the
 * three paths are interleaved call by call, in all six orders in turn, so that drift (JIT, GC, the table growing,
 * other load on the machine) falls on all of them alike.
 */
export async function measureLatency(options: LatencyOptions) {
  const { root, endpoint, posts, gets, warmup, log } = options;
  const creations = (warmup + posts) * paths.length;
  if (creations > maxCodesPerTable) {
    throw new Error(`${creations} creations need more customer codes than the ${maxCodesPerTable} that exist`);
  }
  const tableName = `bench-${options.runId}-latency`;
  const stack = await startOfflineStack({ root, dynamoDbEndpoint: endpoint, mailDir: options.mailDir, tableName });
  // A customer's account owner is a person of the directory (POST /customers reads it).
  await loadDemoStaff({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const http = httpClient(stack.url);
  const raw = documentClient(endpoint);
  const invoke = invokerFor(root);
  const samples = emptySamples();
  try {
    const token = await stack.idp.issue({ role: benchUser.role, email: benchUser.email });
    const verified = await stack.idp.verify(token);
    if (!('claims' in verified)) throw new Error(`the stack refused its own token: ${verified.reason}`);
    const { claims } = verified;
    let nextCode = 1;

    const create: Record<PathName, () => Promise<{ ms: number; id: string }>> = {
      async gateway() {
        const body = JSON.stringify(newCustomerBody(nextCode++));
        const { ms, value } = await timed(() => http.call('POST', '/customers', { token, body }));
        expectStatus('gateway POST /customers', value.status, 201, value.body);
        return { ms, id: JSON.parse(value.body).id };
      },
      async handler() {
        const event = createEvent(nextCode++, claims);
        const { ms, value } = await timed(
          async () => (await invoke(createCustomer.handler, event)) as APIGatewayProxyStructuredResultV2,
        );
        expectStatus('handler createCustomer', value.statusCode ?? 0, 201, value.body);
        return { ms, id: JSON.parse(value.body ?? '{}').id };
      },
      async raw() {
        // As the handler: the directory (the account owner is a person resolved on the server), then the write.
        const [directoryQuery] = await capturedCommands(tableName, (captured) => staffRepository(captured).directory());
        if (!directoryQuery) throw new Error('reading the directory sent nothing');
        const { customer, command } = rawCreateCommand(tableName, nextCode++);
        const { ms } = await timed(async () => {
          await raw.send(directoryQuery);
          await raw.send(command);
        });
        return { ms, id: customer.id };
      },
    };
    const get: Record<PathName, (id: string) => Promise<number>> = {
      async gateway(id) {
        const { ms, value } = await timed(() => http.call('GET', `/customers/${id}`, { token }));
        expectStatus('gateway GET /customers/{id}', value.status, 200, value.body);
        return ms;
      },
      async handler(id) {
        const event = getEvent(id, claims);
        const { ms, value } = await timed(
          async () => (await invoke(getCustomer.handler, event)) as APIGatewayProxyStructuredResultV2,
        );
        expectStatus('handler getCustomer', value.statusCode ?? 0, 200, value.body);
        return ms;
      },
      async raw(id) {
        const command = rawGetCommand(tableName, id);
        const { ms, value } = await timed(() => raw.send(command));
        if (!value.Item) throw new Error(`raw GetItem: ${id} not found`);
        return ms;
      },
    };

    // POSTs first. Each creation puts an event on the table's stream, which the offline stack then carries to
    // the bus and the workers in this very process (on AWS: other functions), a few hundred ms of work. The
    // stack settles after every iteration, unmeasured, so that this background work never lands on a measured
    // call: it would slow every path down (by 2× at p50 on a 2-core machine) and blur the comparison.
    let started = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < warmup + posts; i++) {
      for (const path of orderOf(i)) {
        const { ms, id } = await create[path]();
        if (i >= warmup) samples.create[path].push(ms);
        ids.push(id);
      }
      await settleWithin(stack, 10_000);
    }
    log(`  POST: ${posts} (+${warmup} warm-up) × 3 paths in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Then GETs of the customers just created: in an iteration each path reads one of the three created in the
    // same POST iteration, so that none reads an item another path has just read. Only the stream poller's idle
    // polling runs meanwhile.
    started = performance.now();
    for (let i = 0; i < warmup + gets; i++) {
      const created = (i % (warmup + posts)) * paths.length;
      for (const [k, path] of orderOf(i).entries()) {
        const ms = await get[path](ids[created + k] as string);
        if (i >= warmup) samples.get[path].push(ms);
      }
    }
    log(`  GET: ${gets} (+${warmup} warm-up) × 3 paths in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    http.close();
    raw.destroy();
    await settleWithin(stack, 30_000);
    await stack.stop();
  }

  const describe = (operation: 'POST /customers' | 'GET /customers/{id}', call: string) => ({
    gateway: `${operation} over keep-alive HTTP through the offline gateway (JWT check, API Gateway event, handler)`,
    handler: `the ${operation} handler invoked in-process with a prebuilt API Gateway event`,
    raw: call,
  });
  return {
    createCustomer: operationLatency(
      'POST /customers',
      describe(
        'POST /customers',
        'one TransactWriteItems (code guard + customer + outbox event, same conditions) with the document client',
      ),
      samples.create,
    ),
    getCustomer: operationLatency(
      'GET /customers/{id}',
      describe('GET /customers/{id}', 'one GetItem of the same key with the document client'),
      samples.get,
    ),
  };
}
