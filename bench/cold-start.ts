import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCustomer, getCustomer } from '../functions/customers/routes.ts';
import { loadDemoStaff } from '../scripts/offline/demo-data.ts';
import { ensureTable } from '../scripts/offline/dynamodb.ts';
import { localIdentityProvider } from '../scripts/offline/tokens.ts';
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
 * clock, whose origin is the moment the process started.
 */
const childScript = `
const atStart = performance.now();
const event = JSON.parse(process.env.BENCH_EVENT);
const module = await import(process.env.BENCH_MODULE);
const loaded = performance.now();
const context = {
  callbackWaitsForEmptyEventLoop: false, functionName: 'bench', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:bench', memoryLimitInMB: '1024',
  awsRequestId: 'bench', logGroupName: '/aws/lambda/bench', logStreamName: 'local',
  getRemainingTimeInMillis: () => 30000, done() {}, fail() {}, succeed() {},
};
const result = await module.handler(event, context);
const responded = performance.now();
const report = JSON.stringify({ origin: performance.timeOrigin, atStart, loaded, responded, status: result?.statusCode });
process.stdout.write(report, () => process.exit(0));
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
};

type Variant = 'bundle' | 'deployed' | 'source';

const variantModules: Record<Variant, string> = {
  bundle: 'esbuild bundle without source map; @aws-sdk from node_modules, as the Lambda runtime provides it',
  deployed: 'the bundle as infra deploys it: with its source map and NODE_OPTIONS=--enable-source-maps',
  source: 'the TypeScript source through Node type stripping, as the offline stack loads it',
};

async function coldRun({
  root,
  moduleUrl,
  event,
  env,
  expectedStatus,
}: {
  root: string;
  moduleUrl: string;
  event: unknown;
  env: Record<string, string>;
  expectedStatus: number;
}): Promise<ColdStartRun> {
  const started = performance.timeOrigin + performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', childScript], {
    cwd: root,
    env: { ...process.env, ...env, BENCH_MODULE: moduleUrl, BENCH_EVENT: JSON.stringify(event) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('exit', (exitCode) => done(exitCode));
  }).finally(() => clearTimeout(timer));
  if (code !== 0) throw new Error(`cold start of ${moduleUrl} exited with ${code}:\n${stderr}`);
  const report = JSON.parse(stdout) as {
    origin: number;
    atStart: number;
    loaded: number;
    responded: number;
    status: number;
  };
  if (report.status !== expectedStatus) {
    throw new Error(`cold start of ${moduleUrl} answered ${report.status}, expected ${expectedStatus}:\n${stderr}`);
  }
  const since = (at: number) => report.origin + at - started;
  return {
    processStartMs: report.origin - started,
    bootMs: report.atStart,
    importMs: report.loaded - report.atStart,
    invokeMs: report.responded - report.loaded,
    moduleLoadedMs: since(report.loaded),
    firstResponseMs: since(report.responded),
  };
}

const keys = ['processStartMs', 'bootMs', 'importMs', 'invokeMs', 'moduleLoadedMs', 'firstResponseMs'] as const;

function medianOf(runs: ColdStartRun[]) {
  return Object.fromEntries(keys.map((key) => [key, round(median(runs.map((run) => run[key])), 1)])) as ColdStartRun;
}

/**
 * Cold start of the customer handlers: for each run a fresh `node` (the project's Node 24) loads the module and
 * invokes it once against DynamoDB Local with an API Gateway event: the esbuild bundle, the bundle as deployed
 * (with its source map, loaded by --enable-source-maps) and the TypeScript source (what the offline stack runs).
 * The AWS SDK comes from node_modules, as on Lambda from the runtime. The medians of `runs` runs are reported.
 */
export async function measureColdStart({
  root,
  endpoint,
  runId,
  bundles,
  runs,
  log,
}: {
  root: string;
  endpoint: string;
  runId: string;
  /** operationId → bundled files. */
  bundles: Map<string, { file: string; deployedFile: string }>;
  runs: number;
  log: (line: string) => void;
}) {
  const tableName = `bench-${runId}-cold`;
  await ensureTable(endpoint, tableName);
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
  const verified = await idp.verify(await idp.issue({ role: benchUser.role, email: benchUser.email }));
  if (!('claims' in verified)) throw new Error(verified.reason);
  const { claims } = verified;
  const env = { TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint, POWERTOOLS_LOG_LEVEL: 'WARN', AWS_REGION: 'local' };

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
        const result = await coldRun({
          root,
          moduleUrl: pathToFileURL(path[variant]).href,
          event: target.event(nextCode++),
          env: variant === 'deployed' ? { ...env, NODE_OPTIONS: '--enable-source-maps' } : env,
          expectedStatus: target.status,
        });
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
      runs: all.map((one) => Object.fromEntries(keys.map((k) => [k, round(one[k], 1)])) as ColdStartRun),
    };
  });
}
