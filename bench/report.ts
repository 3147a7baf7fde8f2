import type { measureGatewaySegments, Part } from './breakdown.ts';
import { type measureBundles, neverRun } from './bundle-size.ts';
import type { measureEveryColdStart } from './cold-every.ts';
import type { measureColdStart } from './cold-start.ts';
import type { measureContention } from './contention.ts';
import type { measureCost } from './cost.ts';
import type { measureLatency, OperationLatency } from './latency.ts';
import type { measureMonthEnd } from './month-end.ts';
import type { measureOrderLatency, TripSummary } from './order-latency.ts';
import type { measureReports } from './reports.ts';
import { type measureRoundTrips, roundTripTargets } from './round-trips.ts';

export const targets = {
  p50Ratio: 1.2,
  p99Ratio: 1.5,
  /** Kibibytes: 300 × 1024 bytes. */
  bundleKb: 300,
  /** R38: the month-end run's time ÷ the raw reads of the same data (one query per customer-month). */
  monthEndRatio: 1.5,
  /** Each function's first response after a cold start ÷ the bare handler's (one GetItem with the DynamoDB client). */
  coldStartRatio: 1.5,
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
  coldEvery?: Awaited<ReturnType<typeof measureEveryColdStart>>;
  bundles?: Awaited<ReturnType<typeof measureBundles>>;
  monthEnd?: Awaited<ReturnType<typeof measureMonthEnd>>;
  reports?: Awaited<ReturnType<typeof measureReports>>;
  roundTrips?: Awaited<ReturnType<typeof measureRoundTrips>>;
  cost?: Awaited<ReturnType<typeof measureCost>>;
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
  const bundles = results.bundles?.bundles ?? [];
  for (const { name } of bundles.length ? neverRun : []) {
    const carrying = bundles.filter((bundle) => bundle.neverRunKb[name] !== undefined).length;
    list.push({ target: `bundles with ${name}`, actual: carrying, limit: 0, unit: 'bundles', pass: carrying === 0 });
  }
  for (const fn of results.coldEvery?.functions ?? []) {
    list.push({
      target: `cold start ${fn.name}: first response ÷ bare handler`,
      actual: fn.ratios.firstResponse,
      limit: targets.coldStartRatio,
      unit: '×',
      pass: fn.pass,
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
  for (const route of results.roundTrips?.routes ?? []) {
    if (!route.ok) continue;
    const name = `round trips ${route.method} ${route.path} (${route.operationId})`;
    if (route.kind === 'read') {
      list.push({
        target: `${name}: sequential depth`,
        actual: route.ok.depth.max,
        limit: roundTripTargets.readDepth,
        unit: 'rounds',
        pass: route.ok.depth.max <= roundTripTargets.readDepth,
      });
      continue;
    }
    list.push(
      {
        target: `${name}: read rounds before the write`,
        actual: route.ok.readRoundsBeforeWrite.max,
        limit: roundTripTargets.readRoundsBeforeWrite,
        unit: 'rounds',
        pass: route.ok.readRoundsBeforeWrite.max <= roundTripTargets.readRoundsBeforeWrite,
      },
      {
        target: `${name}: write requests`,
        actual: route.ok.writeRequests.max,
        limit: roundTripTargets.writeRequests,
        unit: 'requests',
        pass: route.ok.writeRequests.max <= roundTripTargets.writeRequests,
      },
    );
  }
  if (results.contention) {
    // measureContention throws when an order is not 201 or a customer's numbers are not gapless: here both held.
    for (const [name, run] of [
      ["one customer's burst", results.contention.burst],
      ['customers in parallel', results.contention.lanes],
    ] as const) {
      list.push({
        target: `contention, ${name}: ${run.orders} orders, every one 201 and numbered gapless (R3)`,
        actual: run.gapless ? 0 : 1,
        limit: 0,
        unit: 'failures',
        pass: run.gapless,
      });
    }
  }
  if (results.cost) {
    // A waiting or failed execution would leave the order's later transitions uncounted.
    const unfinished = Object.values(results.cost.executions).reduce(
      (total, outcomes) =>
        total + Object.entries(outcomes).reduce((n, [outcome, count]) => n + (outcome === 'SUCCEEDED' ? 0 : count), 0),
      0,
    );
    list.push({
      target: 'cost: executions of the measured orders not ended SUCCEEDED',
      actual: unfinished,
      limit: 0,
      unit: 'executions',
      pass: unfinished === 0,
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
  if (results.coldEvery) {
    const { bare, functions, summary, worst } = results.coldEvery;
    out.push(
      `Cold start of every function against the bare handler (ms, median of fresh processes, since spawn; deployed bundles;\nbare handler ${fixed(bare.kb, 1)} KB: loaded at ${fixed(bare.median.moduleLoadedMs, 1)}, responded at ${fixed(bare.median.firstResponseMs, 1)}, CPU ${fixed(bare.median.responseCpuMs, 0)} ms; ${bare.runs.length} runs;\nCPU ms = the process's CPU time until it responded; db = DynamoDB requests of the first invocation)`,
    );
    out.push(
      table(
        [
          'function',
          'kind',
          'KB',
          'loaded at',
          '÷ bare',
          'responded at',
          '÷ bare',
          'CPU ms',
          '÷ bare',
          'db',
          'answer',
          'target',
        ],
        functions.map((f) => [
          f.name,
          f.kind,
          fixed(f.kb, 1),
          fixed(f.median.moduleLoadedMs, 1),
          `${fixed(f.ratios.moduleLoaded)}×`,
          fixed(f.median.firstResponseMs, 1),
          `${fixed(f.ratios.firstResponse)}×`,
          fixed(f.median.responseCpuMs, 0),
          `${fixed(f.ratios.responseCpu)}×`,
          f.dynamodbCalls,
          f.answers.join(' | ').slice(0, 50),
          f.pass ? 'pass' : 'MISS',
        ]),
      ),
      '',
      `${summary.passed} of ${summary.count} functions within ${summary.limit}× on first response; worst ${summary.worst?.name} ${fixed(summary.worst?.firstResponse ?? 0)}×; median ${fixed(summary.medianFirstResponse)}× (module load: median ${fixed(summary.medianModuleLoaded)}×; CPU: median ${fixed(summary.medianResponseCpu)}×); ${summary.reachedDynamoDb} reached DynamoDB on their first invocation`,
      '',
      'What weighs most in the slowest bundles (minified KB by package, or by file of this repository)',
      table(
        ['function', 'heaviest inputs'],
        worst.map((w) => [w.name, w.heaviest.map((h) => `${h.input} ${fixed(h.kb, 1)}`).join(', ')]),
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
        ['function', 'kind', 'bytes', 'KB', 'gzip KB', 'map KB', 'never run KB'],
        results.bundles.bundles.map((b) => [
          b.name,
          b.kind,
          b.bytes,
          fixed(b.kb, 1),
          fixed(b.gzipKb, 1),
          fixed(b.mapKb, 1),
          fixed(
            Object.values(b.neverRunKb).reduce((sum, kb) => sum + kb, 0),
            1,
          ),
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
  if (results.roundTrips) {
    const r = results.roundTrips;
    out.push(
      `DynamoDB round trips per route: the README tour and ${r.demos.length} demo(s)${(r.afterDemos ?? []).map((s) => `, then ${s}`).join('')}, ${r.responses} answers, ${r.invocations} invocations (${r.seconds} s); over the 2xx answers`,
      `${r.exercisedRoutes} of ${r.routes.length} routes exercised with a 2xx${
        r.exercisedRoutes < r.routes.length
          ? `; not exercised: ${r.routes
              .filter((route) => route.pass === undefined)
              .map((route) => route.operationId)
              .join(', ')}`
          : ''
      }`,
      'target: a GET in one round trip (depth 1); a write at most one read round before it, and one write request',
    );
    const pair = (mean: number, maxValue: number) => `${fixed(mean)} / ${maxValue}`;
    out.push(
      table(
        [
          'route',
          'operationId',
          '2xx',
          '4xx',
          'requests mean/max',
          'depth mean/max',
          'reads before write',
          'writes',
          'WCU',
          'target',
        ],
        r.routes.map((route) => [
          `${route.method} ${route.path}`,
          route.operationId,
          route.seen.ok,
          route.seen.clientErrors,
          route.ok ? pair(route.ok.requests.mean, route.ok.requests.max) : '',
          route.ok ? pair(route.ok.depth.mean, route.ok.depth.max) : '',
          route.ok && route.kind === 'write' ? route.ok.readRoundsBeforeWrite.max : '',
          route.ok && route.kind === 'write' ? route.ok.writeRequests.max : '',
          route.ok ? fixed(route.ok.writeUnits.mean, 1) : '',
          route.pass === undefined ? 'not exercised' : route.pass ? 'pass' : 'MISS',
        ]),
      ),
      '',
    );
    const missed = r.routes.filter((route) => route.pass === false);
    if (missed.length) {
      out.push('What each MISS does at its deepest (requests sent together joined by +, rounds by →)');
      out.push(
        table(
          ['route', 'misses', 'deepest 2xx request'],
          missed.map((route) => [route.operationId, route.misses?.join('; ') ?? '', route.deepest ?? '']),
        ),
        '',
      );
    }
    out.push(
      `Workers (informative): every invocation; ${r.unattributedRequests} request(s) outside any invocation (the offline mailbox page reading link states, the demo data)`,
    );
    out.push(
      table(
        [
          'worker',
          'invocations',
          'threw',
          'requests mean/max',
          'depth mean/max',
          'reads before write',
          'writes',
          'WCU',
          'RCU',
        ],
        r.workers
          .filter((w) => w.all)
          .map((w) => [
            w.name,
            w.invocations,
            w.threw,
            w.all ? pair(w.all.requests.mean, w.all.requests.max) : '',
            w.all ? pair(w.all.depth.mean, w.all.depth.max) : '',
            w.all?.readRoundsBeforeWrite.max ?? '',
            w.all?.writeRequests.max ?? '',
            w.all ? fixed(w.all.writeUnits.mean, 1) : '',
            w.all ? fixed(w.all.readUnits.mean, 1) : '',
          ]),
      ),
    );
    const idle = r.workers.filter((w) => !w.all).map((w) => w.name);
    if (idle.length) out.push(`not invoked: ${idle.join(', ')}`);
    for (const failure of r.failures)
      out.push(`✗ ${failure.what} did not finish: the routes after its failure are missing`);
    out.push('');
  }
  if (results.cost) {
    const c = results.cost;
    out.push(
      `Cost of a happy-path order: ${c.orders} order(s) measured, the statement shared over ${c.ordersStated}; AWS list prices, ${c.prices.region}, read ${c.prices.readOn} (${c.seconds} s)`,
    );
    out.push(
      table(
        ['item', 'per order', 'price', '$ per order', '$ per 1,000 orders'],
        [
          ...c.bill.lines.map((line) => [
            line.item,
            fixed(line.perOrder, line.perOrder < 1 ? 6 : 2),
            line.price,
            fixed(line.usdPerOrder, 7),
            fixed(line.usdPer1000Orders, 4),
          ]),
          ['total', '', '', fixed(c.bill.usdPer1000Orders / 1000, 7), fixed(c.bill.usdPer1000Orders, 4)],
        ],
      ),
      'Lambda duration is offline wall time (in-process, DynamoDB Local, a shared 2-core machine): only indicative.',
      '',
    );
    out.push(
      'Per workflow, per order (Choice/Pass/Succeed/Fail: states that run no step of their own — a Choice routes on a decision)',
    );
    out.push(
      table(
        ['workflow', 'executions', 'transitions', 'Choice/Pass/Succeed/Fail', 'outcome'],
        c.states.map((w) => [
          w.workflow,
          fixed(Number((c.perOrder.executions as Record<string, number>)[w.workflow] ?? 0)),
          fixed(w.transitionsPerOrder),
          fixed(w.choicePassSucceedFail),
          Object.entries(c.executions[w.workflow] ?? {})
            .map(([outcome, n]) => `${n} ${outcome}`)
            .join('; '),
        ]),
      ),
      '',
    );
    out.push(
      'Every state entered, per order and workflow: most first, ties in the order entered (* = Choice, Pass, Succeed or Fail: no step of its own)',
    );
    out.push(
      table(
        ['workflow', 'state', 'type', 'per order'],
        c.states.flatMap((w) =>
          w.entered.map((s, i) => [
            i === 0 ? w.workflow : '',
            s.state,
            `${s.type}${['Choice', 'Pass', 'Succeed', 'Fail'].includes(s.type) ? ' *' : ''}`,
            fixed(s.count),
          ]),
        ),
      ),
    );
    out.push('', 'Lambda per order, by function (listStaff, listCustomers: the demo client looking up who is on duty)');
    out.push(
      table(
        ['function', 'kind', 'MB', 'invocations', 'ms mean', 'GB-s', 'DynamoDB requests', 'RCU', 'WCU'],
        c.functions.map((f) => [
          f.function,
          f.kind,
          f.memoryMb,
          fixed(f.invocations),
          fixed(f.msMean, 1),
          fixed(f.gbSeconds, 3),
          fixed(f.tableRequests),
          fixed(f.readUnits, 1),
          fixed(f.writeUnits, 1),
        ]),
      ),
    );
    const periodic = Object.entries(c.periodic);
    if (periodic.length) {
      out.push(`left out, run by the scheduler on its own clock: ${periodic.map(([w, n]) => `${w} ×${n}`).join(', ')}`);
    }
    out.push('');
  }
  if (checked.length) {
    out.push('Targets');
    out.push(
      table(
        ['target', 'actual', 'limit', 'result'],
        checked.map((t) => [
          t.target,
          `${t.unit === '×' ? fixed(t.actual, 3) : t.unit === 'bundles' ? t.actual : fixed(t.actual, 1)} ${t.unit}`,
          `${t.limit} ${t.unit}`,
          t.pass ? 'pass' : 'MISS',
        ]),
      ),
    );
  }
  return out.join('\n');
}
