import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { decideByLink } from '../functions/approvals/routes.ts';
import { getOrderRoute, listOrdersRoute, placeOrderRoute } from '../functions/orders/routes.ts';
import { loadDemoData } from '../scripts/offline/demo-data.ts';
import { invokerFor } from '../scripts/offline/invoke.ts';
import { type InvocationMeter, invocationMeter, roundTrips } from '../scripts/offline/meter.ts';
import { startOfflineStack } from '../scripts/offline/stack.ts';
import { documentClient } from '../shared/adapters/dynamodb.ts';
import type { RouteDefinition } from '../shared/http/route.ts';
import { port } from '../shared/runtime.ts';
import {
  type LatencyOptions,
  type OperationLatency,
  operationLatency,
  orderOf,
  type PathName,
  paths,
  settleWithin,
} from './latency.ts';
import { apiGatewayEvent, benchUser, expectStatus, formType, httpClient } from './operations.ts';
import {
  kitOrderBody,
  openCustomers,
  rawDecisionCommands,
  rawGetOrderCommands,
  rawListOrdersCommands,
  rawPlaceCommands,
} from './order-operations.ts';
import { timed } from './stats.ts';

/** As the customers' latency: `posts` POST /orders iterations (as many link decisions follow), `gets` of each read. */
export type OrderLatencyOptions = LatencyOptions;

/** The operations measured, by the route's operationId. */
const operations = ['placeOrder', 'getOrder', 'listOrders', 'decideByLink'] as const;
type Operation = (typeof operations)[number];
const writes = new Set<Operation>(['placeOrder', 'decideByLink']);

/** R3: 99 order numbers a customer a month; the orders are spread over customers, fewer than that each. */
const ordersPerCustomer = 90;
/** The first code of the benchmark's customers (the demo customers have 001–004). */
const firstCode = 101;
/** The list's first page, as the API gives it without `limit`. */
const pageSize = 25;

type Trips = ReturnType<typeof roundTrips>;

/** The round trips of the requests measured on one path: each figure's least and most, and the sums of lost races. */
export type TripSummary = {
  n: number;
  requests: { min: number; max: number };
  depth: { min: number; max: number };
  readRoundsBeforeWrite: { min: number; max: number };
  writes: { min: number; max: number };
  retries: number;
  failed: number;
};

export type OrderOperationLatency = OperationLatency & {
  write: boolean;
  /** What the raw path sends, in requests and rounds (it is built so). */
  raw: { requests: number; rounds: number };
  roundTrips: Record<'gateway' | 'handler', TripSummary>;
};

function summarizeTrips(all: readonly Trips[]): TripSummary {
  const range = (pick: (t: Trips) => number) => {
    const values = all.map(pick);
    return { min: Math.min(...values), max: Math.max(...values) };
  };
  return {
    n: all.length,
    requests: range((t) => t.total),
    depth: range((t) => t.depth),
    readRoundsBeforeWrite: range((t) => t.readRoundsBeforeWrite),
    writes: range((t) => t.writes),
    retries: all.reduce((sum, t) => sum + t.retries, 0),
    failed: all.reduce((sum, t) => sum + t.failed, 0),
  };
}

/**
 * The DynamoDB requests of the one invocation of `fn` that ended since `mark` (an index into the meter's list):
 * what the measured request asked of the table. Background work (workers) runs under other names.
 */
function tripsOf(meter: InvocationMeter, mark: number, fn: string) {
  const mine = meter.invocations.slice(mark).filter((invocation) => invocation.function === fn);
  if (mine.length !== 1) throw new Error(`expected one invocation of ${fn}, the meter saw ${mine.length}`);
  return roundTrips((mine[0] as (typeof mine)[number]).calls);
}

/**
 * p50/p99 and DynamoDB round trips of the order path — POST /orders (a kit order of three lines), GET /orders/{id},
 * GET /orders?customer= and the decision posted from an approval link (the order intake's first approval) — on three
 * paths against one DynamoDB Local, arranged as measureLatency arranges the customer's: interleaved call by call in all
 * six orders, warm-up first, the stack settling unmeasured after every write iteration, keep-alive HTTP on one socket.
 * The offline stack runs with the invocation meter: each measured gateway and handler request's DynamoDB requests are
 * counted (total, sequential depth, read rounds before the first write).
 */
export async function measureOrderLatency(options: OrderLatencyOptions) {
  const { root, endpoint, posts, gets, warmup, log } = options;
  const iterations = warmup + posts;
  const orderCount = iterations * paths.length;
  const customerCount = Math.max(paths.length, Math.ceil(orderCount / ordersPerCustomer));
  if (firstCode + customerCount > 999) throw new Error(`${orderCount} orders need more customers than codes exist`);
  const tableName = `bench-${options.runId}-orders`;
  const meter = invocationMeter();
  const stack = await startOfflineStack({
    root,
    dynamoDbEndpoint: endpoint,
    mailDir: options.mailDir,
    tableName,
    meter,
  });
  const http = httpClient(stack.url);
  const raw = documentClient(endpoint);
  // The raw requests carry what the meter adds to the stack's (ReturnConsumedCapacity): the same requests on the wire.
  meter.instrument(raw);
  const rawTable = { client: raw, name: tableName };
  const invoke = invokerFor(root);
  const samples = Object.fromEntries(
    operations.map((op) => [op, { gateway: [], handler: [], raw: [] }]),
  ) as unknown as Record<Operation, Record<PathName, number[]>>;
  const trips = Object.fromEntries(operations.map((op) => [op, { gateway: [], handler: [] }])) as unknown as Record<
    Operation,
    Record<'gateway' | 'handler', Trips[]>
  >;
  const rawShape = {} as Record<Operation, { requests: number; rounds: number }>;
  try {
    await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
    const customers = await openCustomers(
      port('table'),
      Array.from({ length: customerCount }, (_, i) => firstCode + i),
    );
    // Their onboarding reviews start (each mails its approvers): over before anything is measured.
    await settleWithin(stack, 120_000);
    const token = await stack.idp.issue({ role: benchUser.role, email: benchUser.email });
    const verified = await stack.idp.verify(token);
    if (!('claims' in verified)) throw new Error(`the stack refused its own token: ${verified.reason}`);
    const { claims } = verified;

    /** Calls the handler of `route` in-process, counted by the meter under the route's name as the gateway's are. */
    const handlerCall = (route: RouteDefinition, event: unknown) =>
      timed(
        async () =>
          (await meter.around(route.operationId, () =>
            invoke(route.handler, event),
          )) as APIGatewayProxyStructuredResultV2,
      );
    /** Times one call of a path and keeps its sample (and the meter's round trips) unless it warms up. */
    const measure = async <T>(
      op: Operation,
      path: PathName,
      measured: boolean,
      call: () => Promise<{ ms: number; value: T }>,
    ) => {
      const mark = meter.invocations.length;
      const { ms, value } = await call();
      if (measured) {
        samples[op][path].push(ms);
        if (path !== 'raw') trips[op][path].push(tripsOf(meter, mark, op));
      }
      return value;
    };

    // POST /orders: a customer's orders in turn, R3 numbering each customer's; the intake workflow each order starts
    // (load, request the merchandiser's review, mail the link) runs while the stack settles, unmeasured.
    type Placed = { id: string; number: string; customerId: string };
    const placed: Placed[] = [];
    const nextOrder = () => {
      const customer = customers[placed.length % customers.length] as (typeof customers)[number];
      return kitOrderBody(customer.id, `BENCH-PO-${placed.length + 1}`);
    };
    let started = performance.now();
    for (let i = 0; i < iterations; i++) {
      meter.clear();
      for (const path of orderOf(i)) {
        const body = nextOrder();
        const measured = i >= warmup;
        if (path === 'gateway') {
          const text = JSON.stringify(body);
          const answer = await measure('placeOrder', path, measured, () =>
            timed(() => http.call('POST', '/orders', { token, body: text })),
          );
          expectStatus('gateway POST /orders', answer.status, 201, answer.body);
          const { id, number } = JSON.parse(answer.body);
          placed.push({ id, number, customerId: body.customerId });
        } else if (path === 'handler') {
          const event = apiGatewayEvent(placeOrderRoute, { path: '/orders', body, claims });
          const answer = await measure('placeOrder', path, measured, () => handlerCall(placeOrderRoute, event));
          expectStatus('handler placeOrder', answer.statusCode ?? 0, 201, answer.body);
          const { id, number } = JSON.parse(answer.body ?? '{}');
          placed.push({ id, number, customerId: body.customerId });
        } else {
          const { order, reads, write } = await rawPlaceCommands(rawTable, body, benchUser.email);
          rawShape.placeOrder = { requests: reads.length + 1, rounds: 2 };
          await measure('placeOrder', path, measured, () =>
            timed(async () => {
              await Promise.all(reads.map((command) => raw.send(command)));
              return raw.send(write);
            }),
          );
          placed.push({ id: order.id, number: order.number, customerId: body.customerId });
        }
      }
      await settleWithin(stack, 20_000);
    }
    log(`  POST /orders: ${posts} (+${warmup} warm-up) × 3 paths in ${seconds(started)} s`);

    // GET /orders/{id}: in an iteration each path reads one of the three orders placed in the same POST iteration.
    started = performance.now();
    for (let i = 0; i < warmup + gets; i++) {
      meter.clear();
      const first = (i % iterations) * paths.length;
      for (const [k, path] of orderOf(i).entries()) {
        const { id } = placed[first + k] as Placed;
        const measured = i >= warmup;
        if (path === 'gateway') {
          const answer = await measure('getOrder', path, measured, () =>
            timed(() => http.call('GET', `/orders/${id}`, { token })),
          );
          expectStatus('gateway GET /orders/{id}', answer.status, 200, answer.body);
        } else if (path === 'handler') {
          const event = apiGatewayEvent(getOrderRoute, { path: `/orders/${id}`, pathParameters: { id }, claims });
          const answer = await measure('getOrder', path, measured, () => handlerCall(getOrderRoute, event));
          expectStatus('handler getOrder', answer.statusCode ?? 0, 200, answer.body);
        } else {
          const commands = await rawGetOrderCommands(tableName, id);
          rawShape.getOrder = { requests: commands.length, rounds: 1 };
          const [partition] = await measure('getOrder', path, measured, () =>
            timed(() => Promise.all(commands.map((command) => raw.send(command)))),
          );
          if (!(partition as { Items?: unknown[] }).Items?.length) throw new Error(`raw GET order: ${id} not found`);
        }
      }
    }
    log(`  GET /orders/{id}: ${gets} (+${warmup} warm-up) × 3 paths in ${seconds(started)} s`);

    // GET /orders?customer=: the first page (25, newest first) of a customer's orders, each path another customer's.
    started = performance.now();
    for (let i = 0; i < warmup + gets; i++) {
      meter.clear();
      for (const [k, path] of orderOf(i).entries()) {
        const customer = customers[(i * paths.length + k) % customers.length] as (typeof customers)[number];
        const query = `/orders?customer=${customer.id}`;
        const measured = i >= warmup;
        if (path === 'gateway') {
          const answer = await measure('listOrders', path, measured, () =>
            timed(() => http.call('GET', query, { token })),
          );
          expectStatus('gateway GET /orders?customer=', answer.status, 200, answer.body);
        } else if (path === 'handler') {
          const event = apiGatewayEvent(listOrdersRoute, { path: query, claims });
          const answer = await measure('listOrders', path, measured, () => handlerCall(listOrdersRoute, event));
          expectStatus('handler listOrders', answer.statusCode ?? 0, 200, answer.body);
        } else {
          const [command] = await rawListOrdersCommands(tableName, customer.id, pageSize);
          if (!command) throw new Error('listing orders sent nothing');
          rawShape.listOrders = { requests: 1, rounds: 1 };
          const page = await measure('listOrders', path, measured, () => timed(() => raw.send(command)));
          if (!(page as { Items?: unknown[] }).Items?.length) throw new Error('raw list: no orders');
        }
      }
    }
    log(`  GET /orders?customer=: ${gets} (+${warmup} warm-up) × 3 paths in ${seconds(started)} s`);

    // The merchandiser's review of each order, approved from the link its request e-mail carries: each path decides
    // one of the three orders of a POST iteration. The workflow goes on (the next step) while the stack settles.
    const links = reviewLinks(stack.mailbox.list());
    const linkOf = (order: Placed) => {
      const link = links.get(order.number);
      if (!link) throw new Error(`no review request e-mailed for order ${order.number}`);
      return link;
    };
    const form = { outcome: 'approve' };
    const formText = new URLSearchParams(form).toString();
    started = performance.now();
    for (let i = 0; i < iterations; i++) {
      meter.clear();
      for (const [k, path] of orderOf(i).entries()) {
        const link = linkOf(placed[i * paths.length + k] as Placed);
        const measured = i >= warmup;
        if (path === 'gateway') {
          const answer = await measure('decideByLink', path, measured, () =>
            timed(() => http.call('POST', `/approval-links/${link}`, { body: formText, contentType: formType })),
          );
          expectStatus('gateway POST /approval-links/{link}', answer.status, 200, answer.body);
        } else if (path === 'handler') {
          const event = apiGatewayEvent(decideByLink, {
            path: `/approval-links/${link}`,
            pathParameters: { link },
            form,
          });
          const answer = await measure('decideByLink', path, measured, () => handlerCall(decideByLink, event));
          expectStatus('handler decideByLink', answer.statusCode ?? 0, 200, answer.body);
        } else {
          const { read, write } = await rawDecisionCommands(rawTable, link);
          rawShape.decideByLink = { requests: 2, rounds: 2 };
          const found = await measure('decideByLink', path, measured, () =>
            timed(async () => {
              const { Responses } = await raw.send(read);
              await raw.send(write);
              return Responses?.[tableName]?.length ?? 0;
            }),
          );
          if (found !== 2) throw new Error(`raw decision: link ${link} read ${found} of its 2 items`);
        }
      }
      await settleWithin(stack, 20_000);
    }
    log(`  POST /approval-links/{link}: ${posts} (+${warmup} warm-up) × 3 paths in ${seconds(started)} s`);

    const describe = (operation: string, call: string) => ({
      gateway: `${operation} over keep-alive HTTP through the offline gateway (JWT check unless public, API Gateway event, handler)`,
      handler: `the ${operation} handler invoked in-process with a prebuilt API Gateway event`,
      raw: call,
    });
    const described: Record<Operation, { operation: string; paths: Record<PathName, string> }> = {
      placeOrder: {
        operation: 'POST /orders',
        paths: describe(
          'POST /orders',
          'Promise.all of GetItem customer, BatchGetItem products, Query approved quotations, GetItem sequence (consistent); then one TransactWriteItems (sequence, number guard, order, PO lookup, history, revision, outbox event)',
        ),
      },
      getOrder: {
        operation: 'GET /orders/{id}',
        paths: describe(
          'GET /orders/{id}',
          "Promise.all of the Query of the order's partition (order and history, consistent) and the Query of its approvals (GSI2)",
        ),
      },
      listOrders: {
        operation: 'GET /orders?customer=',
        paths: describe(
          'GET /orders?customer=',
          `one Query of the customer's orders (GSI2, newest first, ${pageSize})`,
        ),
      },
      decideByLink: {
        operation: 'POST /approval-links/{link}',
        paths: describe(
          'POST /approval-links/{link}',
          'one BatchGetItem of the link and its approval (consistent), then one TransactWriteItems (approval if pending, outbox event); no SendTaskSuccess',
        ),
      },
    };
    const results = Object.fromEntries(
      operations.map((op) => {
        const { operation, paths: pathsDescribed } = described[op];
        const latency: OrderOperationLatency = {
          ...operationLatency(operation, pathsDescribed, samples[op]),
          write: writes.has(op),
          raw: rawShape[op],
          roundTrips: { gateway: summarizeTrips(trips[op].gateway), handler: summarizeTrips(trips[op].handler) },
        };
        return [op, latency];
      }),
    ) as Record<Operation, OrderOperationLatency>;
    return { customers: customers.length, orders: placed.length, operations: results };
  } finally {
    http.close();
    raw.destroy();
    await settleWithin(stack, 30_000);
    await stack.stop();
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** The link of each order's merchandiser review, from the request e-mails, by order number (the subject names it). */
function reviewLinks(mails: readonly { template: string; subject: string; links: string[] }[]) {
  const links = new Map<string, string>();
  for (const mail of mails) {
    if (mail.template !== 'approval-request') continue;
    const number = /[A-Z]{2}[A-Z]\d{9}/.exec(mail.subject)?.[0];
    const url = mail.links.find((l) => l.includes('/approval-links/'));
    if (number && url) links.set(number, new URL(url).pathname.split('/').at(-1) ?? '');
  }
  return links;
}
