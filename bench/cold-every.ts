import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleFunction } from '../infra/bundle.ts';
import { demoSettings } from '../scripts/offline/demo-data.ts';
import { mailFrom } from '../scripts/offline/stack.ts';
import { stateMachineArnVariable } from '../shared/adapters/aws/step-functions.ts';
import { workflows } from '../state-machines/index.ts';
import { startAwsStandIn } from './aws-stand-in.ts';
import { type BundleResult, measuredBuild, packageOf } from './bundle-size.ts';
import { coldEvents } from './cold-events.ts';
import { type ColdAnswer, type ColdStartRun, type ColdTable, coldRun, medianOf, roundRun } from './cold-start.ts';
import { benchUser, getEvent } from './operations.ts';
import { median, round } from './stats.ts';

/** One bare-handler run before every this many function runs, and at the start of each round. */
const bareEvery = 4;

/** The bare handler's module, bundled as the functions are deployed (infra/bundle.ts: with its source map). */
async function bundleBare(outDir: string) {
  const dir = join(outDir, 'deployed', 'bare-handler');
  await bundleFunction('bench/bare-handler.ts', dir);
  const file = join(dir, 'index.mjs');
  return { file, kb: round(statSync(file).size / 1024, 1) };
}

/** What weighs most in a function's bundle: its packages (and this repository's files) by minified bytes. */
async function heaviestInputs(handler: string, top: number) {
  const { metafile } = await build({ ...measuredBuild(handler), outfile: 'out.mjs', write: false });
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input) === '(this repository)' ? input : packageOf(input);
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([input, bytes]) => ({ input, kb: round(bytes / 1024, 1) }));
}

/** "404", "ok", "error: NotFound: …": what a first invocation answered, for the table. */
const answerOf = (answer: ColdAnswer) =>
  answer.error ? `error: ${answer.error}` : answer.status === undefined ? 'ok' : String(answer.status);

/**
 * The cold start of every function (functions/routes.ts and workers.ts) against a bare handler that only reads one
 * item with the DynamoDB client: for each run a fresh `node` loads the bundle as infra deploys it and invokes it once
 * (see cold-events.ts for each function's event) against DynamoDB Local; SES, EventBridge and Step Functions are
 * answered by a stand-in (aws-stand-in.ts). Rounds go through every function once, each round in another order,
 * with a bare-handler run before every `bareEvery` function runs, so that drift falls on both alike. Each function's
 * median, and the ratio of its module load and first response to the bare handler's medians.
 */
export async function measureEveryColdStart({
  root,
  table,
  bundles,
  outDir,
  runs,
  limit,
  log,
}: {
  root: string;
  table: ColdTable;
  bundles: BundleResult[];
  outDir: string;
  runs: number;
  /** The first-response ratio a function passes at. */
  limit: number;
  log: (line: string) => void;
}) {
  const bare = await bundleBare(outDir);
  const standIn = await startAwsStandIn();
  try {
    const events = await coldEvents(table, bundles);
    const bareClaims = await table.claims(benchUser);
    const env = {
      ...table.env,
      // As on Lambda: credentials in the environment, source maps on; the other AWS services at the stand-in.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL: standIn.endpoint,
      NODE_OPTIONS: '--enable-source-maps',
      MAIL_FROM: mailFrom,
      EVENT_BUS_NAME: 'bench',
      APP_URL: 'http://127.0.0.1',
      TABLE_ARN: `arn:aws:dynamodb:local:000000000000:table/${table.tableName}`,
      ARCHIVE_BUCKET: 'bench',
      POWERTOOLS_METRICS_NAMESPACE: 'bench',
      ...demoSettings,
      ...Object.fromEntries(
        workflows.map((w) => [
          stateMachineArnVariable(w.name),
          `arn:aws:states:local:000000000000:stateMachine:${w.name}`,
        ]),
      ),
    };
    const once = (file: string, event: unknown) =>
      coldRun({ root, moduleUrl: pathToFileURL(file).href, event, env, dynamoDbHost: table.dynamoDbHost });
    const bareOnce = () => once(bare.file, getEvent(table.seeded.customer.id, bareClaims));

    // Unmeasured: DynamoDB Local's JIT and the file cache of the SDK's modules are warm before the first sample.
    for (let i = 0; i < 3; i++) await bareOnce();
    const bareRuns: ColdStartRun[] = [];
    const collected = new Map<string, { runs: ColdStartRun[]; answers: ColdAnswer[] }>();
    for (let r = 0; r < runs; r++) {
      const shift = Math.floor((r * bundles.length) / runs);
      const order = [...bundles.slice(shift), ...bundles.slice(0, shift)];
      for (const [i, bundle] of order.entries()) {
        if (i % bareEvery === 0) bareRuns.push((await bareOnce()).run);
        const event = events.get(bundle.name)?.();
        const { run, answer } = await once(bundle.deployedFile, event);
        const into = collected.get(bundle.name) ?? { runs: [], answers: [] };
        into.runs.push(run);
        into.answers.push(answer);
        collected.set(bundle.name, into);
      }
      log(`  round ${r + 1}/${runs}: ${bundles.length} functions, ${bareRuns.length} bare runs so far`);
    }

    const bareMedian = medianOf(bareRuns);
    const ratio = (value: number, base: number) => round(value / base, 3);
    const functions = bundles
      .map((bundle) => {
        const { runs: all, answers } = collected.get(bundle.name) ?? { runs: [], answers: [] };
        const m = medianOf(all);
        const firstResponse = ratio(m.firstResponseMs, bareMedian.firstResponseMs);
        return {
          name: bundle.name,
          kind: bundle.kind,
          kb: bundle.kb,
          median: m,
          ratios: {
            moduleLoaded: ratio(m.moduleLoadedMs, bareMedian.moduleLoadedMs),
            firstResponse,
            responseCpu: ratio(m.responseCpuMs, bareMedian.responseCpuMs),
          },
          pass: firstResponse <= limit,
          answers: [...new Set(answers.map(answerOf))],
          dynamodbCalls: median(answers.map((a) => a.calls.dynamodb)),
          otherAwsCalls: median(answers.map((a) => a.calls.other)),
          runs: all.map(roundRun),
        };
      })
      .sort((a, b) => b.ratios.firstResponse - a.ratios.firstResponse);
    const worst = await Promise.all(
      functions.slice(0, 5).map(async (f) => ({
        name: f.name,
        heaviest: await heaviestInputs(bundles.find((b) => b.name === f.name)?.handler ?? '', 5),
      })),
    );
    return {
      module: 'the bundles as infra deploys them (source map, --enable-source-maps); @aws-sdk from node_modules',
      bare: { kb: bare.kb, median: bareMedian, runs: bareRuns.map(roundRun) },
      functions,
      summary: {
        count: functions.length,
        passed: functions.filter((f) => f.pass).length,
        limit,
        worst: functions[0] && { name: functions[0].name, firstResponse: functions[0].ratios.firstResponse },
        medianFirstResponse: round(median(functions.map((f) => f.ratios.firstResponse)), 3),
        medianModuleLoaded: round(median(functions.map((f) => f.ratios.moduleLoaded)), 3),
        medianResponseCpu: round(median(functions.map((f) => f.ratios.responseCpu)), 3),
        reachedDynamoDb: functions.filter((f) => f.dynamodbCalls > 0).length,
      },
      worst,
    };
  } finally {
    await standIn.stop();
  }
}
