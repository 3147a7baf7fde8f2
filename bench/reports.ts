import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { localClient, startDynamoDbLocal } from '../scripts/offline/dynamodb.ts';
import { documentClient } from '../shared/adapters/dynamodb.ts';
import { reportReader } from '../shared/application/reports.ts';
import { eachAtMost } from '../shared/concurrency.ts';
import { contributionOf } from '../shared/domain/report-figures.ts';
import {
  applyContribution,
  counterUpdate,
  newTally,
  type ReadTally,
  type Target,
  targetsOf,
} from '../shared/persistence/report-figures.ts';
import { createTableInput } from '../shared/persistence/table.ts';
import type { TablePort } from '../shared/ports/index.ts';
import { generatedEvents } from '../test/report-events.ts';
import { round } from './stats.ts';

/**
 * R41: the monthly report over the figures of 1,000 to 100,000 orders of one month. The events are generated
 * (test/report-events.ts: placed, confirmed, shipped, signed for, complaints, returns, anomalies, approvals, survey
 * answers); the first `perEvent` go through the worker's own transaction, one each (guard + ADDs), the rest are added
 * in bulk with the same targets and UpdateItem ADDs, summed per item first (their guards left out: a report never
 * reads them). Then the monthly report is read, for the company and for one customer, and timed; the items its
 * queries return and examine (Count, ScannedCount) must not grow with the orders.
 */
export type ReportsOptions = {
  sizes: number[];
  customers: number;
  /** Events applied one by one through the worker's transaction, before the bulk. */
  perEvent: number;
  /** Report reads timed per size (the median is reported). */
  runs: number;
  log: (line: string) => void;
};

const month = '2026-11';
const customerRead = '007';

async function timed<T>(work: () => Promise<T>) {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export type ReportsRow = {
  orders: number;
  events: number;
  figureItems: number;
  perEventMs: number;
  loadSeconds: number;
  monthly: { queries: number; count: number; scannedCount: number; medianMs: number };
  customerMonthly: { queries: number; count: number; scannedCount: number; medianMs: number };
  receivedCounted: number;
};

async function measured(runs: number, read: (tally: ReadTally) => Promise<unknown>) {
  const times: number[] = [];
  let tally = newTally();
  for (let run = 0; run < runs; run += 1) {
    tally = newTally();
    times.push((await timed(() => read(tally))).ms);
  }
  return { ...tally, medianMs: round(median(times), 1) };
}

export async function measureReports({ sizes, customers, perEvent, runs, log }: ReportsOptions) {
  const rows: ReportsRow[] = [];
  for (const orders of sizes) {
    // A DynamoDB Local of its own for each size: it keeps everything in memory.
    const dynamo = await startDynamoDbLocal();
    const name = `bench-reports-${orders}`;
    await localClient(dynamo.endpoint).send(new CreateTableCommand(createTableInput(name)));
    const table: TablePort = { client: documentClient(dynamo.endpoint), name };
    log(`reports ${orders} orders: generating and applying the events…`);
    const now = new Date('2026-12-01T00:00:00.000Z');
    const single: Parameters<typeof applyContribution>[2][] = [];
    const singleIds: string[] = [];
    const bulk = new Map<string, Target>();
    let events = 0;
    const loaded = await timed(async () => {
      generatedEvents({
        orders,
        customers,
        month,
        seed: orders,
        validate: false,
        onEvent: (event) => {
          events += 1;
          const contribution = contributionOf(event);
          if (single.length < perEvent) {
            single.push(contribution);
            singleIds.push(event.id);
            return;
          }
          for (const target of targetsOf(contribution)) {
            const key = `${target.pk}\u0000${target.sk}`;
            const into = bulk.get(key) ?? { ...target, counters: {} };
            for (const [counter, value] of Object.entries(target.counters)) {
              into.counters[counter] = (into.counters[counter] ?? 0) + value;
            }
            bulk.set(key, into);
          }
        },
      });
      await eachAtMost([...bulk.values()], 8, async (target) => {
        const { Update } = counterUpdate(name, target);
        await table.client.send(new UpdateCommand(Update));
      });
    });
    const perEventRun = await timed(async () => {
      for (const [i, contribution] of single.entries()) {
        await applyContribution(table, singleIds[i] as string, contribution, now);
      }
    });
    log(`  ${events} events, ${bulk.size} figure items; the monthly report…`);
    const reader = (tally: ReadTally) => reportReader(table, tally);
    const monthly = await measured(runs, (tally) => reader(tally).monthly(month, { withAmounts: true }));
    const customerMonthly = await measured(runs, (tally) =>
      reader(tally).monthly(month, { customer: customerRead, withAmounts: true }),
    );
    const report = await reportReader(table).monthly(month, { withAmounts: true });
    rows.push({
      orders,
      events,
      figureItems: bulk.size,
      perEventMs: round(perEventRun.ms / Math.max(1, single.length), 2),
      loadSeconds: round((loaded.ms + perEventRun.ms) / 1000, 1),
      monthly,
      customerMonthly,
      receivedCounted: report.figures.orders.received,
    });
    log(
      `  monthly report: ${monthly.count} items returned (${monthly.scannedCount} examined) in ${monthly.queries} queries, ${monthly.medianMs} ms; one customer's: ${customerMonthly.count} items, ${customerMonthly.medianMs} ms`,
    );
    await dynamo.stop();
  }
  const [first, ...rest] = rows;
  const largest = rows.at(-1);
  return {
    month,
    customers,
    productTypes: 3,
    regions: 9,
    perEventTransactions: perEvent,
    rows,
    /** The items the monthly report read at the largest size ÷ at the smallest: bounded by the combinations, not the orders. */
    itemsGrowth: first && largest ? round(largest.monthly.scannedCount / first.monthly.scannedCount, 2) : 0,
    ordersGrowth: first && largest ? round(largest.orders / first.orders, 0) : 0,
    bounded: rest.every((row) => row.monthly.scannedCount <= (first?.monthly.scannedCount ?? 0) * 2),
  };
}
