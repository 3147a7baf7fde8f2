import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routes as definedRoutes } from '../../functions/routes.ts';
import { workers as definedWorkers, type WorkerDefinition } from '../../functions/workers.ts';
import { documentClient } from '../../shared/adapters/dynamodb.ts';
import { localArchive } from '../../shared/adapters/local/archive.ts';
import { localEventBus, type ServiceEnvelope } from '../../shared/adapters/local/bus.ts';
import { localMailbox } from '../../shared/adapters/local/mailbox.ts';
import type { RouteDefinition } from '../../shared/http/route.ts';
import { bindPorts } from '../../shared/runtime.ts';
import { functionArnPlaceholder, stateMachines } from '../../state-machines/index.ts';
import { type ScheduledInput, schedules } from '../../state-machines/schedules.ts';
import { guardedPorts, type LocalFunction, localSettings, localTableArn } from './access.ts';
import { demoSettings } from './demo-data.ts';
import { ensureTable, startDynamoDbLocal } from './dynamodb.ts';
import { createGateway, type Observe } from './gateway.ts';
import { invokerFor } from './invoke.ts';
import type { InvocationMeter } from './meter.ts';
import { localPages } from './pages.ts';
import { localScheduler } from './scheduler.ts';
import { pollStream } from './stream.ts';
import { localIdentityProvider } from './tokens.ts';
import { localWorkflowEngine } from './workflows/engine.ts';

export type OfflineStackOptions = {
  /** Repository root (handler paths are relative to it). */
  root: string;
  /** Where data, mail, keys and checkpoints live; without it DynamoDB Local keeps everything in memory. */
  dataDir?: string;
  /** A DynamoDB Local already running (tests share one); otherwise one is started. */
  dynamoDbEndpoint?: string;
  /** Where to write mail when there is no dataDir. */
  mailDir: string;
  /** Where the monthly table exports go (R42): `<dataDir>/archive` unless given; without either, a temporary directory. */
  archiveDir?: string;
  tableName?: string;
  port?: number;
  log?: (line: string) => void;
  /** Each step of starting, as it begins (`npm start` prints them: a first start takes a while). */
  progress?: (step: string) => void;
  /** Sees every HTTP answer the gateway gives (the contract check). */
  observe?: Observe;
  /** For tests: milliseconds replacing a waiting task's TimeoutSeconds, by state machine and state. */
  workflowTimeoutOverrides?: Record<string, Record<string, number>>;
  /** For tests: milliseconds replacing a state's Retry pauses, by state machine and state. */
  workflowRetryIntervalOverrides?: Record<string, Record<string, number>>;
  /** For tests: a directory of ASL files to run instead of `state-machines/` (e.g. with a test workflow added). */
  workflowDefinitions?: string;
  /** For tests: other definitions than functions/routes.ts and functions/workers.ts (e.g. a grant taken away). */
  routes?: readonly RouteDefinition[];
  workers?: readonly WorkerDefinition[];
  /** For benchmarks: counts each invocation's DynamoDB requests (round trips, capacity, retries). */
  meter?: InvocationMeter;
};

export type OfflineStack = Awaited<ReturnType<typeof startOfflineStack>>;

export const mailFrom = 'Order follow-up <orders@order-follow-up.local>';

/** Everything `npm start` runs, in one process: DynamoDB Local, stream → bus → workers, mailbox, HTTP gateway. */
export async function startOfflineStack(options: OfflineStackOptions) {
  const log = options.log ?? (() => {});
  const progress = options.progress ?? (() => {});
  const routes = options.routes ?? definedRoutes;
  const workers = options.workers ?? definedWorkers;
  const tableName = options.tableName ?? 'order-follow-up';
  if (!options.dynamoDbEndpoint) progress('starting DynamoDB Local (Java)');
  const dynamo = options.dynamoDbEndpoint
    ? undefined
    : await startDynamoDbLocal({ dataDir: options.dataDir && join(options.dataDir, 'dynamodb') });
  const endpoint = options.dynamoDbEndpoint ?? dynamo?.endpoint ?? '';
  progress(`opening the table ${tableName}`);
  const streamArn = await ensureTable(endpoint, tableName);

  const port = options.port ?? 0;
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  // The deployment settings: the demo's, or the environment's where it sets one. Each function sees only its own.
  const settings = Object.fromEntries(
    Object.entries(demoSettings).map(([variable, value]) => [variable, process.env[variable] ?? value]),
  );

  const archiveDir =
    options.archiveDir ??
    (options.dataDir ? join(options.dataDir, 'archive') : mkdtempSync(join(tmpdir(), 'archive-')));
  const clock = { now: () => new Date() };
  // A simulated bounce goes to the bus made below (the mailbox is made first: the bus's targets use the ports).
  let reportBounce: (event: ServiceEnvelope) => void = () => {};
  const mailbox = localMailbox(options.dataDir ? join(options.dataDir, 'mailbox') : options.mailDir, mailFrom, clock, {
    onBounce: (event) => reportBounce(event),
  });
  const invokeHandler = invokerFor(options.root);
  let invocations = 0;
  const meter = options.meter;
  const invoke = (fn: LocalFunction & { handler: string }, event: unknown) => {
    invocations++;
    const call = () => invokeHandler(fn.handler, event, fn);
    return meter ? meter.around(fn.name, call) : call();
  };
  const activity = () => invocations;
  const bus = localEventBus(
    workers.flatMap((worker) =>
      (worker.rules ?? []).map((rule) => ({
        name: `${worker.name}/${rule.name}`,
        pattern: rule.pattern,
        target: (envelope: unknown) => invoke(worker, envelope),
      })),
    ),
    (rule, error) => log(`event bus: ${rule} failed after retries: ${(error as Error).message}`),
    options.dataDir && join(options.dataDir, 'bus.json'),
  );
  reportBounce = (event) => bus.put([event]);
  // What a restart takes up again (workflow steps, undelivered events) waits until the ports are bound.
  const portsBound = Promise.withResolvers<void>();
  // Each worker a workflow invokes is addressed by its local function ARN, substituted as CDK substitutes the real one.
  const functionArn = (worker: string) => `arn:aws:lambda:local:000000000000:function:${worker}`;
  progress('loading the workflows (and taking up the executions under way)');
  const workflows = await localWorkflowEngine({
    invoke: async (arn, payload) => {
      const worker = workers.find((w) => functionArn(w.name) === arn);
      if (!worker) throw new Error(`no worker for ${arn}`);
      await portsBound.promise;
      return invoke(worker, payload);
    },
    substitutions: Object.fromEntries(
      stateMachines.flatMap((machine) =>
        machine.invokes.map((worker) => [functionArnPlaceholder(worker), functionArn(worker)]),
      ),
    ),
    definitions: options.workflowDefinitions,
    storeFile: options.dataDir && join(options.dataDir, 'workflows.json'),
    timeoutOverrides: options.workflowTimeoutOverrides,
    retryIntervalOverrides: options.workflowRetryIntervalOverrides,
    log,
  });
  const tableClient = documentClient(endpoint);
  meter?.instrument(tableClient);
  // Each port checks the grants of the function using it (access.ts); the stack's own code is not checked.
  bindPorts({
    ...guardedPorts({
      table: { client: tableClient, name: tableName },
      mail: mailbox,
      events: bus.publisher,
      workflows,
      // The export is DynamoDB's work, not the function's: it reads the table with a client of its own.
      archive: localArchive(
        archiveDir,
        { client: documentClient(endpoint), name: tableName },
        localTableArn(tableName),
      ),
    }),
    clock,
    settings: localSettings(settings),
  });
  portsBound.resolve();
  bus.resume();

  const pollers = workers.flatMap((worker) =>
    worker.tableStream
      ? [
          pollStream({
            endpoint,
            streamArn,
            filter: worker.tableStream,
            checkpointFile: options.dataDir && join(options.dataDir, `stream-${worker.name}.json`),
            deliver: (event) => invoke(worker, event) as never,
            onGiveUp: (record, error) =>
              log(
                `stream → ${worker.name}: ${record ? 'gave up on a record' : 'could not read the stream'}: ${(error as Error).message}`,
              ),
          }),
        ]
      : [],
  );

  const scheduler = localScheduler(
    schedules,
    async (schedule, time) => {
      const worker = workers.find((w) => w.name === schedule.target.worker);
      if (!worker) throw new Error(`schedule ${schedule.name} targets unknown worker ${schedule.target.worker}`);
      const input: ScheduledInput = { schedule: schedule.name, scheduledTime: time.toISOString() };
      await invoke(worker, input);
    },
    (schedule, error) => log(`schedule ${schedule.name} failed: ${(error as Error).message}`),
  );

  progress('starting the gateway');
  const idp = await localIdentityProvider(options.dataDir && join(options.dataDir, 'keys', 'signing-key.json'));
  const gateway = createGateway({
    routes,
    idp,
    invoke: (handler, event, fn) => invoke({ ...fn, handler }, event),
    pages: localPages({ routes, mailbox, workflows, runSchedule: scheduler.runNow, settle: () => settleBriefly() }),
    observe: options.observe,
  });
  gateway.listen(port, '127.0.0.1');
  await once(gateway, 'listening');
  const address = gateway.address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  process.env.APP_URL = url;

  /**
   * Waits until everything set off so far has run its course: changes through stream, bus and workers, and
   * workflows up to their next human step — round after round, since each can set off the others.
   */
  async function settle() {
    for (let quiet = 0; quiet < 2; ) {
      const before = activity();
      await Promise.all(pollers.map((p) => p.settled()));
      await bus.drain();
      await workflows.settled();
      quiet = activity() === before ? quiet + 1 : 0;
    }
  }
  /** The mailbox waits for the mail under way, but never long: a workflow retrying for minutes does not hold it. */
  const settleBriefly = () => Promise.race([settle(), new Promise<void>((done) => setTimeout(done, 5000).unref())]);

  return {
    url,
    archiveDir,
    idp,
    mailbox,
    tableName,
    endpoint,
    workflows,
    /** How many of the app's events the bus has received (benchmarks count them). */
    eventsPublished: bus.published,
    settle,
    async stop() {
      scheduler.stop();
      gateway.closeAllConnections();
      await new Promise((done) => gateway.close(done));
      await Promise.all(pollers.map((p) => p.stop()));
      await bus.drain();
      await workflows.stop();
      await dynamo?.stop();
    },
  };
}
