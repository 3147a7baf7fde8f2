import { once } from 'node:events';
import { join } from 'node:path';
import { routes } from '../../functions/routes.ts';
import { workers } from '../../functions/workers.ts';
import { documentClient } from '../../shared/adapters/dynamodb.ts';
import { localEventBus } from '../../shared/adapters/local/bus.ts';
import { localMailbox } from '../../shared/adapters/local/mailbox.ts';
import { bindPorts } from '../../shared/runtime.ts';
import { type ScheduledInput, schedules } from '../../state-machines/schedules.ts';
import { ensureTable, startDynamoDbLocal } from './dynamodb.ts';
import { createGateway } from './gateway.ts';
import { invokerFor } from './invoke.ts';
import { localPages } from './pages.ts';
import { localScheduler } from './scheduler.ts';
import { pollStream } from './stream.ts';
import { localIdentityProvider } from './tokens.ts';

export type OfflineStackOptions = {
  /** Repository root (handler paths are relative to it). */
  root: string;
  /** Where data, mail, keys and checkpoints live; without it DynamoDB Local keeps everything in memory. */
  dataDir?: string;
  /** A DynamoDB Local already running (tests share one); otherwise one is started. */
  dynamoDbEndpoint?: string;
  /** Where to write mail when there is no dataDir. */
  mailDir: string;
  tableName?: string;
  port?: number;
  log?: (line: string) => void;
};

export type OfflineStack = Awaited<ReturnType<typeof startOfflineStack>>;

export const mailFrom = 'Order follow-up <orders@order-follow-up.local>';

/** Everything `npm start` runs, in one process: DynamoDB Local, stream → bus → workers, mailbox, HTTP gateway. */
export async function startOfflineStack(options: OfflineStackOptions) {
  const log = options.log ?? (() => {});
  const tableName = options.tableName ?? 'order-follow-up';
  const dynamo = options.dynamoDbEndpoint
    ? undefined
    : await startDynamoDbLocal({ dataDir: options.dataDir && join(options.dataDir, 'dynamodb') });
  const endpoint = options.dynamoDbEndpoint ?? dynamo?.endpoint ?? '';
  const streamArn = await ensureTable(endpoint, tableName);

  const port = options.port ?? 0;
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

  const clock = { now: () => new Date() };
  const mailbox = localMailbox(options.dataDir ? join(options.dataDir, 'mailbox') : options.mailDir, mailFrom, clock);
  const invoke = invokerFor(options.root);
  const bus = localEventBus(
    workers.flatMap((worker) =>
      (worker.rules ?? []).map((rule) => ({
        name: `${worker.name}/${rule.name}`,
        pattern: rule.pattern,
        target: (envelope: unknown) => invoke(worker.handler, envelope),
      })),
    ),
    (rule, error) => log(`event bus: ${rule} failed after retries: ${(error as Error).message}`),
  );
  bindPorts({
    table: { client: documentClient(endpoint), name: tableName },
    mail: mailbox,
    events: bus.publisher,
    clock,
  });

  const pollers = workers.flatMap((worker) =>
    worker.tableStream
      ? [
          pollStream({
            endpoint,
            streamArn,
            filter: worker.tableStream,
            checkpointFile: options.dataDir && join(options.dataDir, `stream-${worker.name}.json`),
            deliver: (event) => invoke(worker.handler, event) as never,
            onGiveUp: (_, error) => log(`stream → ${worker.name}: gave up on a record: ${(error as Error).message}`),
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
      await invoke(worker.handler, input);
    },
    (schedule, error) => log(`schedule ${schedule.name} failed: ${(error as Error).message}`),
  );

  const idp = await localIdentityProvider(options.dataDir && join(options.dataDir, 'keys', 'signing-key.json'));
  const gateway = createGateway({
    routes,
    idp,
    invoke,
    pages: localPages({ routes, mailbox, runSchedule: scheduler.runNow }),
  });
  gateway.listen(port, '127.0.0.1');
  await once(gateway, 'listening');
  const address = gateway.address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  process.env.APP_URL = url;

  return {
    url,
    idp,
    mailbox,
    tableName,
    endpoint,
    /** Waits until every change written so far has gone through stream, bus and workers. */
    async settle() {
      await Promise.all(pollers.map((p) => p.settled()));
      await bus.drain();
    },
    async stop() {
      scheduler.stop();
      gateway.closeAllConnections();
      await new Promise((done) => gateway.close(done));
      await Promise.all(pollers.map((p) => p.stop()));
      await bus.drain();
      await dynamo?.stop();
    },
  };
}
