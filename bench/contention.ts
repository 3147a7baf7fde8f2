import { loadDemoData } from '../scripts/offline/demo-data.ts';
import { startDynamoDbLocal } from '../scripts/offline/dynamodb.ts';
import { type InvocationMeter, invocationMeter, roundTrips } from '../scripts/offline/meter.ts';
import { startOfflineStack } from '../scripts/offline/stack.ts';
import { parseOrderNumber } from '../shared/domain/order-number.ts';
import { port } from '../shared/runtime.ts';
import { benchUser, expectStatus, type HttpAnswer, httpClient } from './operations.ts';
import { kitOrderBody, openCustomers } from './order-operations.ts';
import { round, summarize, timed } from './stats.ts';

export type ContentionOptions = {
  root: string;
  runId: string;
  mailDir: string;
  /** Orders placed at once for one customer. */
  burst: number;
  /** Customers placing orders in parallel, each one order after another… */
  lanes: number;
  /** …this many each. */
  ordersEach: number;
  log: (line: string) => void;
};

/**
 * What placing the orders cost in lost races: `lostRaces` are the order transactions the handler saw fail (another
 * order took the customer's sequence first, R3) and sent again after numbering anew; `sdkRetries` the requests the
 * SDK itself sent again (throttling, transaction conflicts — DynamoDB Local raises neither).
 */
function racesOf(meter: InvocationMeter) {
  const placed = meter.invocations.filter((invocation) => invocation.function === 'placeOrder');
  const lost = placed.map((invocation) => roundTrips(invocation.calls).failed);
  const requests = placed.reduce((sum, invocation) => sum + invocation.calls.length, 0);
  return {
    /** DynamoDB requests per order: 5 without a race (four reads in one round, the transaction). */
    requestsPerOrder: round(requests / Math.max(1, placed.length), 2),
    lostRaces: lost.reduce((sum, n) => sum + n, 0),
    ordersThatRetried: lost.filter((n) => n > 0).length,
    mostRetriesOfOneOrder: Math.max(0, ...lost),
    sdkRetries: placed.reduce((sum, invocation) => sum + roundTrips(invocation.calls).retries, 0),
  };
}

/** R3: the customer's orders numbered 1…n in the month, each once (all placed in one month of a fresh customer). */
function checkGapless(customerCode: string, numbers: readonly string[]) {
  const sequences = numbers
    .map((number) => {
      const parts = parseOrderNumber(number);
      if (parts?.customerCode !== customerCode)
        throw new Error(`order number ${number} is not customer ${customerCode}'s`);
      return parts.sequence;
    })
    .sort((a, b) => a - b);
  const expected = Array.from({ length: numbers.length }, (_, i) => i + 1);
  if (sequences.join() !== expected.join()) {
    const missing = expected.filter((n) => !sequences.includes(n));
    const twice = sequences.filter((n, i) => sequences[i - 1] === n);
    throw new Error(
      `customer ${customerCode}'s order numbers are not gapless (R3): missing ${missing.join(', ') || 'none'}, twice ${twice.join(', ') || 'none'}`,
    );
  }
}

/**
 * Orders placed at the same time through the gateway (concurrent HTTP on as many sockets), on an offline stack
 * without workers: nothing runs beside the requests (no stream, no workflows), so the figures are the order path's
 * under contention, not the background's. Its own DynamoDB Local: one that has held the other phases' tables
 * answers transactions slower. Two runs on a fresh table:
 * - burst: `burst` orders of one customer sent at once — all must be 201 and numbered 1…burst (R3), the numbering's
 *   lost races counted from the meter;
 * - lanes: `lanes` customers in parallel, each placing `ordersEach` orders one after another — orders per second.
 * Throws when an order is not 201 or a customer's numbers are not gapless.
 */
export async function measureContention(options: ContentionOptions) {
  const { root, burst, lanes, ordersEach, log } = options;
  const meter = invocationMeter();
  const dynamo = await startDynamoDbLocal();
  // Ctrl-C ends the run with process.exit: stop() sends SIGTERM at once.
  const stopOnExit = () => void dynamo.stop();
  process.once('exit', stopOnExit);
  const stack = await startOfflineStack({
    root,
    dynamoDbEndpoint: dynamo.endpoint,
    mailDir: options.mailDir,
    tableName: `bench-${options.runId}-contention`,
    workers: [],
    meter,
  });
  const http = httpClient(stack.url, Math.max(burst, lanes));
  try {
    await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
    const [warm, alone, ...laneCustomers] = await openCustomers(
      port('table'),
      Array.from({ length: lanes + 2 }, (_, i) => 201 + i),
    );
    if (!warm || !alone) throw new Error('no customers');
    const token = await stack.idp.issue({ role: benchUser.role, email: benchUser.email });
    let po = 0;
    let resets = 0;
    // A keep-alive socket the gateway closed just as it was reused resets the request: sent again with the same
    // Idempotency-Key, it is answered with the first answer if the order was placed, as any client would retry.
    const send = async (body: string, idempotencyKey: string, tries = 3): Promise<HttpAnswer> => {
      try {
        return await http.call('POST', '/orders', { token, body, idempotencyKey });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET' || tries <= 1) throw error;
        resets++;
        return send(body, idempotencyKey, tries - 1);
      }
    };
    const place = async (customerId: string) => {
      const body = JSON.stringify(kitOrderBody(customerId, `BENCH-RACE-${++po}`));
      const key = `bench-race-${options.runId}-${po}`;
      const { ms, value } = await timed(() => send(body, key));
      expectStatus('gateway POST /orders', value.status, 201, value.body);
      return { ms, number: JSON.parse(value.body).number as string };
    };
    // Warm the handler, the sockets and DynamoDB Local, one order after another, then several at once.
    for (let i = 0; i < 10; i++) await place(warm.id);
    await Promise.all(Array.from({ length: 10 }, () => place(warm.id)));

    meter.clear();
    let started = performance.now();
    const burstOrders = await Promise.all(Array.from({ length: burst }, () => place(alone.id)));
    const burstMs = performance.now() - started;
    checkGapless(
      alone.code,
      burstOrders.map((o) => o.number),
    );
    const burstRaces = racesOf(meter);
    log(
      `  ${burst} orders of one customer at once: ${(burstMs / 1000).toFixed(1)} s, ${burstRaces.lostRaces} lost races`,
    );

    meter.clear();
    started = performance.now();
    const laneOrders = await Promise.all(
      laneCustomers.map(async (customer) => {
        const placed: { ms: number; number: string }[] = [];
        for (let i = 0; i < ordersEach; i++) placed.push(await place(customer.id));
        checkGapless(
          customer.code,
          placed.map((o) => o.number),
        );
        return placed;
      }),
    );
    const lanesMs = performance.now() - started;
    const lanesRaces = racesOf(meter);
    const laneCount = laneOrders.flat().length;
    log(`  ${lanes} customers × ${ordersEach} orders: ${(lanesMs / 1000).toFixed(1)} s`);

    return {
      /** Requests the gateway's closing keep-alive socket reset, sent again with their Idempotency-Key. */
      connectionResets: resets,
      burst: {
        orders: burst,
        seconds: round(burstMs / 1000),
        latency: summarize(burstOrders.map((o) => o.ms)),
        gapless: true,
        ...burstRaces,
      },
      lanes: {
        customers: lanes,
        ordersEach,
        orders: laneCount,
        seconds: round(lanesMs / 1000),
        ordersPerSecond: round(laneCount / (lanesMs / 1000), 1),
        latency: summarize(laneOrders.flat().map((o) => o.ms)),
        gapless: true,
        ...lanesRaces,
      },
    };
  } finally {
    http.close();
    await stack.stop();
    await dynamo.stop();
    process.off('exit', stopOnExit);
  }
}
