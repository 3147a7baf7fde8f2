import type { measureGatewaySegments, Part } from './breakdown.ts';
import type { measureBundles } from './bundle-size.ts';
import type { measureColdStart } from './cold-start.ts';
import type { measureContention } from './contention.ts';
import type { measureLatency, OperationLatency } from './latency.ts';
import type { measureMonthEnd } from './month-end.ts';
import type { measureOrderLatency, TripSummary } from './order-latency.ts';
import type { measureReports } from './reports.ts';

export const targets = {
  p50Ratio: 1.2,
  p99Ratio: 1.5,
  /** Kibibytes: 300 × 1024 bytes. */
  bundleKb: 300,
  /** R38: the month-end run's time ÷ the raw reads of the same data (one query per customer-month). */
  monthEndRatio: 1.5,
  /** The order path: a read is one round trip (requests sent together count once)… */
  readRoundTrips: 1,
  /** …and a write reads in at most one round before its single transaction. */
  readRoundsBeforeWrite: 1,
};

export type Target = { target: string; actual: number; limit: number; unit: string; pass: boolean };

export type Results = {
  latency?: Awaited<ReturnType<typeof measureLatency>>;
  segments?: Awaited<ReturnType<typeof measureGatewaySegments>>;
  cpu?: Part[];
  coldStart?: Awaited<ReturnType<typeof measureColdStart>>;
  bundles?: Awaited<ReturnType<typeof measureBundles>>;
  monthEnd?: Awaited<ReturnType<typeof measureMonthEnd>>;
  reports?: Awaited<ReturnType<typeof measureReports>>;
  orders?: Awaited<ReturnType<typeof measureOrderLatency>>;
  contention?: Awaited<ReturnType<typeof measureContention>>;
};

export function evaluateTargets(results: Results): Target[] {
  const list: Target[] = [];
  const measured = [
    ...(Object.values(results.latency ?? {}) as OperationLatency[]),
    ...Object.values(results.orders?.operations ?? {}),
  ];
  for (const operation of measured) {
    list.push(
      {
        target: `${operation.operation} p50 gateway ÷ raw`,
        actual: operation.ratios.gateway.p50,
        limit: targets.p50Ratio,
        unit: '×',
        pass: operation.ratios.gateway.p50 <= targets.p50Ratio,
      },
      {
        target: `${operation.operation} p99 gateway ÷ raw`,
        actual: operation.ratios.gateway.p99,
        limit: targets.p99Ratio,
        unit: '×',
        pass: operation.ratios.gateway.p99 <= targets.p99Ratio,
      },
    );
  }
  for (const operation of Object.values(results.orders?.operations ?? {})) {
    const { gateway, handler } = operation.roundTrips;
    const most = (pick: (trips: TripSummary) => { max: number }) => Math.max(pick(gateway).max, pick(handler).max);
    if (operation.write) {
      const rounds = most((t) => t.readRoundsBeforeWrite);
      const single = most((t) => t.writes) === 1 && Math.min(gateway.writes.min, handler.writes.min) === 1;
      list.push({
        target: `${operation.operation} read rounds before its one transaction`,
        actual: rounds,
        limit: targets.readRoundsBeforeWrite,
        unit: 'rounds',
        pass: rounds <= targets.readRoundsBeforeWrite && single,
      });
    } else {
      const rounds = most((t) => t.depth);
      list.push({
        target: `${operation.operation} round trips`,
        actual: rounds,
        limit: targets.readRoundTrips,
        unit: 'rounds',
        pass: rounds <= targets.readRoundTrips,
      });
    }
  }
  for (const bundle of results.bundles?.bundles ?? []) {
    list.push({
      target: `bundle ${bundle.name}`,
      actual: bundle.kb,
      limit: targets.bundleKb,
      unit: 'KB',
      pass: bundle.bytes <= targets.bundleKb * 1024,
    });
  }
  for (const row of results.monthEnd?.rows ?? []) {
    list.push({
      target: `month-end ${row.customers} customers ÷ raw reads`,
      actual: row.ratio,
      limit: targets.monthEndRatio,
      unit: '×',
      pass: row.ratio <= targets.monthEndRatio,
    });
  }
  if (results.monthEnd) {
    const rows = results.monthEnd.rows;
    const growth = (rows.at(-1)?.msPerStatement ?? 0) / (rows[0]?.msPerStatement || 1);
    list.push({
      target: 'month-end time per statement, largest ÷ smallest run (linear)',
      actual: Math.round(growth * 100) / 100,
      limit: 1.5,
      unit: '×',
      pass: results.monthEnd.linear,
    });
  }
  if (results.reports) {
    const { itemsGrowth, ordersGrowth, bounded } = results.reports;
    list.push({
      target: `monthly report items read, largest ÷ smallest run (orders ×${ordersGrowth})`,
      actual: itemsGrowth,
      limit: 2,
      unit: '×',
      pass: bounded,
    });
  }
  return list;
}

/** A plain text table: the first column left-aligned, numbers right-aligned. */
export function table(headers: string[], rows: (string | number)[][]) {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 || Number.isNaN(Number(cell.replace(/[×%]$/, '')))
          ? cell.padEnd(widths[column] ?? 0)
          : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(cells[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);

/** Each operation's three paths: the percentiles and the ratios against raw. */
function latencyTable(operations: readonly OperationLatency[]) {
  const rows: (string | number)[][] = [];
  for (const operation of operations) {
    for (const path of ['gateway', 'handler', 'raw'] as const) {
      const s = operation.summaries[path];
      const ratios = path === 'raw' ? undefined : operation.ratios[path];
      rows.push([
        path === 'gateway' ? operation.operation : '',
        path,
        s.n,
        fixed(s.p50),
        fixed(s.p90),
        fixed(s.p99),
        fixed(s.mean),
        ratios ? `${fixed(ratios.p50)}×` : '',
        ratios ? `${fixed(ratios.p99)}×` : '',
      ]);
    }
  }
  return table(['operation', 'path', 'n', 'p50', 'p90', 'p99', 'mean', 'p50 ÷ raw', 'p99 ÷ raw'], rows);
}
const micro = (ms: number) => fixed(ms * 1000, 1);

export function formatReport(results: Results, checked: Target[]) {
  const out: string[] = [];
  if (results.latency) {
    out.push('Latency (ms; gateway and handler against the raw DynamoDB call)');
    out.push(latencyTable(Object.values(results.latency)), '');
  }
  if (results.orders) {
    const { orders, customers, operations } = results.orders;
    out.push(
      `Order path latency (ms; gateway and handler against the raw DynamoDB calls; ${orders} orders of ${customers} customers)`,
    );
    out.push(latencyTable(Object.values(operations)), '');
    out.push('Order path round trips (DynamoDB requests of each measured request: least–most)');
    const rows: (string | number)[][] = [];
    for (const operation of Object.values(operations)) {
      for (const path of ['gateway', 'handler'] as const) {
        const t = operation.roundTrips[path];
        const span = ({ min, max }: { min: number; max: number }) => (min === max ? String(min) : `${min}–${max}`);
        rows.push([
          path === 'gateway' ? operation.operation : '',
          path,
          t.n,
          span(t.requests),
          span(t.depth),
          operation.write ? span(t.readRoundsBeforeWrite) : '',
          span(t.writes),
          t.retries,
          t.failed,
        ]);
      }
      rows.push(['', 'raw', '', operation.raw.requests, operation.raw.rounds, operation.write ? 1 : '', '', '', '']);
    }
    out.push(
      table(['operation', 'path', 'n', 'requests', 'depth', 'reads before write', 'writes', 'retries', 'failed'], rows),
      '',
    );
  }
  if (results.contention) {
    const { burst, lanes } = results.contention;
    out.push(
      'Contention: POST /orders at once through the gateway (ms; lost races = order transactions refused because another took the sequence, R3)',
    );
    out.push(
      table(
        [
          'run',
          'orders',
          's',
          'orders/s',
          'p50',
          'p90',
          'p99',
          'max',
          'lost races',
          'orders retried',
          'most',
          'SDK retries',
          'requests/order',
        ],
        (
          [
            [`${burst.orders} at once, one customer`, burst],
            [`${lanes.customers} customers × ${lanes.ordersEach} in turn`, lanes],
          ] as const
        ).map(([run, r]) => [
          run,
          r.orders,
          fixed(r.seconds, 1),
          fixed(r.orders / r.seconds, 1),
          fixed(r.latency.p50),
          fixed(r.latency.p90),
          fixed(r.latency.p99),
          fixed(r.latency.max),
          r.lostRaces,
          r.ordersThatRetried,
          r.mostRetriesOfOneOrder,
          r.sdkRetries,
          fixed(r.requestsPerOrder),
        ]),
      ),
      "Every order 201, each customer's numbers gapless (R3).",
      '',
    );
  }
  if (results.segments) {
    out.push('Where a gateway request spends its time (ms, each stretch measured in place)');
    const rows: (string | number)[][] = [];
    for (const [operation, stretches] of Object.entries(results.segments)) {
      for (const [i, s] of stretches.entries()) {
        rows.push([
          i === 0 ? operation : '',
          s.segment,
          fixed(s.p50, 3),
          fixed(s.p90, 3),
          fixed(s.p99, 3),
          fixed(s.mean, 3),
        ]);
      }
    }
    out.push(table(['operation', 'stretch', 'p50', 'p90', 'p99', 'mean'], rows), '');
  }
  if (results.cpu?.length) {
    out.push('Handler CPU in a hot loop, no I/O (µs)');
    out.push(
      table(
        ['piece', 'p50', 'p99', 'mean', 'what'],
        results.cpu.map((p) => [p.part, micro(p.p50), micro(p.p99), micro(p.mean), p.what]),
      ),
      '',
    );
  }
  if (results.monthEnd) {
    const m = results.monthEnd;
    out.push(
      `Month-end statements (R38): ${m.entriesPerCustomer} entries per customer, ${m.concurrency} customers at a time; ms`,
    );
    out.push(
      table(
        [
          'customers',
          'entries',
          'raw reads',
          'run',
          'run ÷ raw',
          'ms/statement',
          'reads/statement',
          'writes/statement',
        ],
        m.rows.map((r) => [
          r.customers,
          r.entries,
          r.rawMs,
          r.runMs,
          `${fixed(r.ratio)}×`,
          fixed(r.msPerStatement),
          fixed(r.readsPerStatement),
          fixed(r.writesPerStatement),
        ]),
      ),
    );
    if (m.pdf)
      out.push(
        `PDF rendering (apart): ${fixed(m.pdf.msPerStatement, 1)} ms and ${m.pdf.bytesPerStatement} bytes per statement (${m.pdf.statements} rendered)`,
      );
    out.push('');
  }
  if (results.reports) {
    const r = results.reports;
    out.push(
      `Reports (R41): the monthly report of ${r.month}, ${r.customers} customers, ${r.productTypes} product types, ${r.regions} regions; items read (returned / examined) and ms (median)`,
    );
    out.push(
      table(
        [
          'orders',
          'events',
          'figure items',
          'ms/event',
          'load s',
          'queries',
          'items',
          'examined',
          'ms',
          'one customer: items',
          'ms',
        ],
        r.rows.map((row) => [
          row.orders,
          row.events,
          row.figureItems,
          fixed(row.perEventMs),
          fixed(row.loadSeconds, 1),
          row.monthly.queries,
          row.monthly.count,
          row.monthly.scannedCount,
          fixed(row.monthly.medianMs, 1),
          row.customerMonthly.count,
          fixed(row.customerMonthly.medianMs, 1),
        ]),
      ),
      '',
    );
  }
  if (results.coldStart) {
    out.push('Cold start (ms, median of fresh processes; "at" = since spawn)');
    out.push(
      table(
        ['handler', 'module', 'node boot', 'import', 'first invoke', 'loaded at', 'responded at'],
        results.coldStart.map((c) => [
          c.operationId,
          c.variant,
          fixed(c.median.bootMs, 1),
          fixed(c.median.importMs, 1),
          fixed(c.median.invokeMs, 1),
          fixed(c.median.moduleLoadedMs, 1),
          fixed(c.median.firstResponseMs, 1),
        ]),
      ),
      '',
    );
  }
  if (results.bundles) {
    out.push(
      'Bundle size (esbuild as CDK runs it for infra: ESM, node24, minified, @aws-sdk/* external; KB = 1024 bytes;\nmap = the source map infra deploys beside it)',
    );
    out.push(
      table(
        ['function', 'kind', 'bytes', 'KB', 'gzip KB', 'map KB'],
        results.bundles.bundles.map((b) => [
          b.name,
          b.kind,
          b.bytes,
          fixed(b.kb, 1),
          fixed(b.gzipKb, 1),
          fixed(b.mapKb, 1),
        ]),
      ),
      '',
    );
    const { largest } = results.bundles;
    out.push(`What fills the largest bundle (${largest.name}, ${fixed(largest.bytes / 1024, 1)} KB)`);
    out.push(
      table(
        ['package', 'KB', 'share'],
        largest.byPackage.map((p) => [p.input, fixed(p.kb, 1), `${fixed(p.share * 100, 1)}%`]),
      ),
      '',
      table(
        ['largest inputs', 'KB', 'share'],
        largest.topInputs.slice(0, 10).map((p) => [p.input, fixed(p.kb, 1), `${fixed(p.share * 100, 1)}%`]),
      ),
      '',
    );
  }
  if (checked.length) {
    out.push('Targets');
    out.push(
      table(
        ['target', 'actual', 'limit', 'result'],
        checked.map((t) => [
          t.target,
          `${t.unit === '×' ? fixed(t.actual, 3) : fixed(t.actual, 1)} ${t.unit}`,
          `${t.limit} ${t.unit}`,
          t.pass ? 'pass' : 'MISS',
        ]),
      ),
    );
  }
  return out.join('\n');
}
