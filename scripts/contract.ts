/**
 * `npm run contract`: the API answers what its contract says. Runs the README's tour, the demos and (after all of
 * them) `scripts/every-route.ts` against an offline stack of its own, checks every answer against docs/openapi.json
 * (status, media type, body schema, headers) and lists each violation; exits 1 if there is any.
 * test/integration/contract.test.ts runs the same on the test stack's DynamoDB Local and expects none.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { port as portOf } from '../shared/runtime.ts';
import { answerHelp } from './help.ts';
import { contractValidator, type Violation } from './offline/contract.ts';
import { loadDemoData } from './offline/demo-data.ts';
import { demoTokens, tokensFile, writeTokensFile } from './offline/demo-tokens.ts';
import type { Observe } from './offline/gateway.ts';
import type { InvocationMeter } from './offline/meter.ts';
import { type OfflineStack, startOfflineStack } from './offline/stack.ts';

const root = resolve(import.meta.dirname, '..');

/** The demos the contract run drives, in this order (each a script of its own, as a person runs it). */
export const demos = [
  'scripts/demo-intake.ts',
  'scripts/demo-change.ts',
  'scripts/demo-cancellation.ts',
  'scripts/demo-shipping.ts',
  'scripts/demo-complaint.ts',
  'scripts/demo-return.ts',
  'scripts/demo-month-end.ts',
  'scripts/demo-reports.ts',
];

/** Run after the demos, when all of them ran: every route they leave unasked, on what they left. */
export const everyRoute = 'scripts/every-route.ts';

/** What runs after the tour: the demos, then `everyRoute` if they are all of them (it needs what each leaves). */
export const contractScripts = (scripts: readonly string[]) =>
  demos.every((demo) => scripts.includes(demo)) ? [...scripts, everyRoute] : [...scripts];

/**
 * The README's tour as one shell script: its `sh` blocks, but the one that starts the stack (already running here).
 * Run with `set -eu`, so that a command that fails as written fails the run.
 */
export function tourScript(readme: string) {
  const tour = readme.slice(readme.indexOf('## A five-minute tour'));
  const section = tour.slice(0, tour.indexOf('\n## ', 1));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return ['set -eu', ...blocks.filter((block) => !block.includes('npm start'))].join('\n');
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number | null; output: string }>((done) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => done({ code, output }));
  });
}

export type ContractRun = {
  /** The API's answers checked (the offline stack's own pages, `/_local/…`, are not the API's). */
  responses: number;
  violations: Violation[];
  /** Commands that did not finish as written: the tour or a demo, with what it printed. */
  failures: { what: string; output: string }[];
};

export type DemoStackOptions = {
  /** A DynamoDB Local already running (tests share one); otherwise one is started. */
  dynamoDbEndpoint?: string;
  observe?: Observe;
  /** For benchmarks: counts what each invocation asks of DynamoDB. */
  meter?: InvocationMeter;
};

/** A stack with the demo data, and commands run against it as a person runs them in a second terminal. */
export type DemoStack = {
  stack: OfflineStack;
  dataDir: string;
  /** Runs a command from the repository, with PORT and OFFLINE_DATA_DIR of this stack: its exit code and output. */
  run(command: string, args: string[]): Promise<{ code: number | null; output: string }>;
};

/**
 * A fresh offline stack (a DynamoDB Local of its own unless one is given, a temporary data directory, a free port)
 * with the demo data and the demo users' tokens, as `npm start` leaves it, until `close`.
 */
export async function openDemoStack(options: DemoStackOptions): Promise<DemoStack & { close(): Promise<void> }> {
  const temporary = mkdtempSync(join(tmpdir(), 'contract-'));
  const dataDir = join(temporary, '.local');
  const stack = await startOfflineStack({
    root,
    dataDir,
    dynamoDbEndpoint: options.dynamoDbEndpoint,
    tableName: `contract-${crypto.randomUUID()}`,
    mailDir: join(dataDir, 'mailbox'),
    observe: options.observe,
    meter: options.meter,
  });
  const close = async () => {
    await stack.stop();
    rmSync(temporary, { recursive: true, force: true });
  };
  try {
    const { customerIds } = await loadDemoData({ table: portOf('table'), clock: portOf('clock'), ids: portOf('ids') });
    writeTokensFile(tokensFile(dataDir), await demoTokens(stack.idp, customerIds), stack.url);
  } catch (error) {
    await close();
    throw error;
  }
  // The commands run as a person runs them: from the repository (npm, scripts), the data in .local/ of `temporary`.
  const env = { ...process.env, PORT: new URL(stack.url).port, OFFLINE_DATA_DIR: dataDir };
  return { stack, dataDir, run: (command, args) => run(command, args, { cwd: root, env }), close };
}

/** `work` against a stack `openDemoStack` opens, which then stops. */
export async function withDemoStack<T>(options: DemoStackOptions, work: (demo: DemoStack) => Promise<T>) {
  const demo = await openDemoStack(options);
  try {
    return await work(demo);
  } finally {
    await demo.close();
  }
}

export const readmeTour = 'README tour';

/** What a contract run runs, in order: the README's tour, then each demo (all unless some are named) and `everyRoute`. */
export const contractSteps = (scripts: readonly string[] = demos) => [readmeTour, ...contractScripts(scripts)];

/** One command of a contract run: how it ended, what it printed, and the API's answers to it, checked. */
export type ContractStep = { what: string; code: number | null; output: string } & Omit<ContractRun, 'failures'>;

/**
 * A demo stack whose API answers are checked against docs/openapi.json, for running `contractSteps` one by one
 * (in their order: each goes on from what the ones before it left).
 */
export async function openContract(options: Omit<DemoStackOptions, 'observe'> = {}) {
  const check = contractValidator(JSON.parse(readFileSync(join(root, 'docs', 'openapi.json'), 'utf8')));
  let answers: Omit<ContractRun, 'failures'> = { responses: 0, violations: [] };
  const demo = await openDemoStack({
    ...options,
    observe: (exchange) => {
      if (!exchange.path.startsWith('/_local/')) answers.responses++;
      answers.violations.push(...check(exchange));
    },
  });
  return {
    async step(what: string): Promise<ContractStep> {
      answers = { responses: 0, violations: [] };
      const { code, output } =
        what === readmeTour
          ? await demo.run('bash', [
              '-c',
              tourScript(readFileSync(join(root, 'README.md'), 'utf8')).replaceAll(
                'source .local/',
                `source ${demo.dataDir}/`,
              ),
            ])
          : await demo.run(process.execPath, [what]);
      return { what, code, output, ...answers };
    },
    close: demo.close,
  };
}

/** Every step of a contract run against a fresh offline stack: the answers checked, the violations, the failures. */
export async function runContract({
  demos: scripts = demos,
  ...options
}: Omit<DemoStackOptions, 'observe'> & { demos?: readonly string[] } = {}): Promise<ContractRun> {
  const result: ContractRun = { responses: 0, violations: [], failures: [] };
  const contract = await openContract(options);
  try {
    for (const what of contractSteps(scripts)) {
      const { code, output, responses, violations } = await contract.step(what);
      result.responses += responses;
      result.violations.push(...violations);
      if (code !== 0) result.failures.push({ what, output });
    }
  } finally {
    await contract.close();
  }
  return result;
}

if (import.meta.main) {
  answerHelp(`
npm run contract — runs the README tour, the demos (${demos.join(', ')}) and ${everyRoute} (every route they
leave unasked) against an offline stack of its own
(DynamoDB Local, a temporary data directory, a free port) and checks every answer against docs/openapi.json:
status, media type, body schema, headers. Prints each violation; exits 1 if there is any, or if a command fails.
`);
  const { responses, violations, failures } = await runContract();
  for (const failure of failures) console.log(`✗ ${failure.what} failed:\n${failure.output}`);
  for (const v of violations) console.log(`✗ ${v.request} → ${v.status}: ${v.problem}`);
  console.log(
    `${responses} responses, ${violations.length} contract violation(s), ${failures.length} failed command(s)`,
  );
  process.exit(violations.length || failures.length ? 1 : 0);
}
