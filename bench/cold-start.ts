import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCustomer, getCustomer } from '../functions/customers/routes.ts';
import { loadDemoStaff } from '../scripts/offline/demo-data.ts';
import { ensureTable } from '../scripts/offline/dynamodb.ts';
import { localIdentityProvider, type TokenRequest } from '../scripts/offline/tokens.ts';
import { documentClient } from '../shared/adapters/dynamodb.ts';
import { ulidIds } from '../shared/adapters/ids.ts';
import { benchUser, createEvent, getEvent, rawCreateCommand } from './operations.ts';
import { median, round } from './stats.ts';

const rotated = <T>(items: readonly T[], by: number) => [
  ...items.slice(by % items.length),
  ...items.slice(0, by % items.length),
];

/**
 * What runs in each fresh process: load the handler module, then invoke it once with the event, as Lambda's
 * runtime does on a cold start. Plain JavaScript (no type stripping), the times read from the process's own
 * clock, whose origin is the moment the process started. A handler that throws has answered too (as Lambda reports
 * an error); the HTTP requests it made are counted, to DynamoDB and to anything else. The report goes to fd 3:
 * handlers write their logs and metrics to stdout.
 */
const childScript = `
import { subscribe } from 'node:diagnostics_channel';
import { writeSync } from 'node:fs';
const atStart = performance.now();
const cpu = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
const calls = { dynamodb: 0, other: 0 };
subscribe('http.client.request.start', ({ request }) => {
  if (request.getHeader('host') === process.env.BENCH_DYNAMODB_HOST) calls.dynamodb++;
  else calls.other++;
});
const event = JSON.parse(process.env.BENCH_EVENT);
const module = await import(process.env.BENCH_MODULE);
const loaded = performance.now();
const loadedCpu = cpu();
const context = {
  callbackWaitsForEmptyEventLoop: false, functionName: 'bench', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:bench', memoryLimitInMB: '1024',
  awsRequestId: 'bench', logGroupName: '/aws/lambda/bench', logStreamName: 'local',
  getRemainingTimeInMillis: () => 30000, done() {}, fail() {}, succeed() {},
};
let result;
let error;
try {
  result = await module.handler(event, context);
} catch (thrown) {
  error = String(thrown?.message ?? thrown).split('\\n')[0].slice(0, 200);
}
const responded = performance.now();
const respondedCpu = cpu();
writeSync(3, JSON.stringify({ origin: performance.timeOrigin, atStart, loaded, responded, loadedCpu, respondedCpu, status: result?.statusCode, error, calls }));
process.exit(0);
`;

export type ColdStartRun = {
  /** spawn() → the process's clock starts. */
  processStartMs: number;
  /** Node's own bootstrap, until the first line of the script. */
  bootMs: number;
  /** import() of the handler module: Lambda's init phase for this code. */
  importMs: number;
  /** The first invocation: SDK client, first connection to DynamoDB, the call. */
  invokeMs: number;
  /** spawn() → handler module loaded. */
  moduleLoadedMs: number;
  /** spawn() → first response returned. */
  firstResponseMs: number;
  /**
   * CPU time of the process (all its threads, user + system) until the module was loaded, and until the response:
   * what the start costs apart from waiting, which other load on the machine stretches much less than wall time.
   */
  loadCpuMs: number;
  responseCpuMs: number;
};

type Variant = 'bundle' | 'deployed' | 'source';

const variantModules: Record<Variant, string> = {
  bundle: 'esbuild bundle without source map; @aws-sdk from node_modules, as the Lambda runtime provides it',
  deployed: 'the bundle as infra deploys it: with its source map and NODE_OPTIONS=--enable-source-maps',
  source: 'the TypeScript source through Node type stripping, as the offline stack loads it',
};

/** What the first invocation answered: an HTTP status, or the error thrown; and the HTTP requests it made. */
export type ColdAnswer = { status?: number; error?: string; calls: { dynamodb: number; other: number } };

/**
 * One fresh `node` process loading `moduleUrl` and invoking its handler once with `event`. `env` comes on top of
 * this process's environment; `dynamoDbHost` (host:port) tells the DynamoDB requests from the others.
 */
export async function coldRun({
  root,
  moduleUrl,
  event,
  env,
  dynamoDbHost,
}: {
  root: string;
  moduleUrl: string;
  event: unknown;
  env: Record<string, string>;
  dynamoDbHost: string;
}): Promise<{ run: ColdStartRun; answer: ColdAnswer }> {
  const started = performance.timeOrigin + performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', childScript], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      BENCH_MODULE: moduleUrl,
      BENCH_EVENT: JSON.stringify(event),
      BENCH_DYNAMODB_HOST: dynamoDbHost,
    },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let report = '';
  let stderr = '';
  child.stdio[3]?.on('data', (chunk) => {
    report += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  // 'close', not 'exit': the report may still be in the pipe when the process has exited.
  const code = await new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('close', (exitCode) => done(exitCode));
  }).finally(() => clearTimeout(timer));
  if (code !== 0) throw new Error(`cold start of ${moduleUrl} exited with ${code}:\n${stderr}`);
  const times = JSON.parse(report) as {
    origin: number;
    atStart: number;
    loaded: number;
    responded: number;
    loadedCpu: number;
    respondedCpu: number;
  } & ColdAnswer;
  const since = (at: number) => times.origin + at - started;
  return {
    run: {
      processStartMs: times.origin - started,
      bootMs: times.atStart,
      importMs: times.loaded - times.atStart,
      invokeMs: times.responded - times.loaded,
      moduleLoadedMs: since(times.loaded),
      firstResponseMs: since(times.responded),
      loadCpuMs: times.loadedCpu,
      responseCpuMs: times.respondedCpu,
    },
    answer: { status: times.status, error: times.error, calls: times.calls },
  };
}

const keys = [
  'processStartMs',
  'bootMs',
  'importMs',
  'invokeMs',
  'moduleLoadedMs',
  'firstResponseMs',
  'loadCpuMs',
  'responseCpuMs',
] as const;

export function medianOf(runs: ColdStartRun[]) {
  return Object.fromEntries(keys.map((key) => [key, round(median(runs.map((run) => run[key])), 1)])) as ColdStartRun;
}

export const roundRun = (run: ColdStartRun) =>
  Object.fromEntries(keys.map((key) => [key, round(run[key], 1)])) as ColdStartRun;

/**
 * The table every cold start runs against, on DynamoDB Local: one customer (with its outbox event, as POST /customers
 * writes them) and the demo staff directory; and the claims the JWT authorizer would pass for a user.
 */
export async function prepareColdTable({ endpoint, runId }: { endpoint: string; runId: string }) {
  const tableName = `bench-${runId}-cold`;
  const streamArn = await ensureTable(endpoint, tableName);
  const client = documentClient(endpoint);
  const seeded = rawCreateCommand(tableName, 1);
  try {
    await client.send(seeded.command);
    // POST /customers checks the account owner against the staff directory (A44).
    await loadDemoStaff({ table: { client, name: tableName }, clock: { now: () => new Date() }, ids: ulidIds });
  } finally {
    client.destroy();
  }
  const idp = await localIdentityProvider();
  return {
    endpoint,
    tableName,
    streamArn,
    seeded,
    /** What every function's environment holds on AWS for the table, here pointing at DynamoDB Local. */
    env: { TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint, POWERTOOLS_LOG_LEVEL: 'WARN', AWS_REGION: 'local' },
    dynamoDbHost: new URL(endpoint).host,
    async claims(user: TokenRequest) {
      const verified = await idp.verify(await idp.issue(user));
      if (!('claims' in verified)) throw new Error(verified.reason);
      return verified.claims;
    },
  };
}

export type ColdTable = Awaited<ReturnType<typeof prepareColdTable>>;

/**
 * Cold start of the customer handlers: for each run a fresh `node` (the project's Node 24) loads the module and
 * invokes it once against DynamoDB Local with an API Gateway event: the esbuild bundle, the bundle as deployed
 * (with its source map, loaded by --enable-source-maps) and the TypeScript source (what the offline stack runs).
 * The AWS SDK comes from node_modules, as on Lambda from the runtime. The medians of `runs` runs are reported.
 */
export async function measureColdStart({
  root,
  table,
  bundles,
  runs,
  log,
}: {
  root: string;
  table: ColdTable;
  /** operationId → bundled files. */
  bundles: Map<string, { file: string; deployedFile: string }>;
  runs: number;
  log: (line: string) => void;
}) {
  const { seeded, env } = table;
  const claims = await table.claims(benchUser);
  const targets = [
    { route: getCustomer, status: 200, event: () => getEvent(seeded.customer.id, claims) },
    { route: createCustomer, status: 201, event: (code: number) => createEvent(code, claims) },
  ];
  const variants: Variant[] = ['bundle', 'deployed', 'source'];
  const collected = new Map<string, ColdStartRun[]>();
  let nextCode = 2;
  for (let run = 0; run < runs; run++) {
    for (const target of targets) {
      for (const variant of rotated(variants, run)) {
        const bundle = bundles.get(target.route.operationId);
        if (!bundle) throw new Error(`no bundle for ${target.route.operationId}`);
        const path = {
          bundle: bundle.file,
          deployed: bundle.deployedFile,
          source: resolve(root, target.route.handler),
        };
        const moduleUrl = pathToFileURL(path[variant]).href;
        const { run: result, answer } = await coldRun({
          root,
          moduleUrl,
          event: target.event(nextCode++),
          env: variant === 'deployed' ? { ...env, NODE_OPTIONS: '--enable-source-maps' } : env,
          dynamoDbHost: table.dynamoDbHost,
        });
        if (answer.status !== target.status) {
          throw new Error(
            `cold start of ${moduleUrl} answered ${answer.status ?? answer.error}, expected ${target.status}`,
          );
        }
        const key = `${target.route.operationId}/${variant}`;
        collected.set(key, [...(collected.get(key) ?? []), result]);
      }
    }
  }
  log(`  ${collected.size} handler variants × ${runs} fresh processes`);
  return [...collected].map(([key, all]) => {
    const [operationId, variant] = key.split('/') as [string, Variant];
    return {
      operationId,
      variant,
      module: variantModules[variant],
      median: medianOf(all),
      runs: all.map(roundRun),
    };
  });
}
