import { dynamoDbExport } from './adapters/aws/archive.ts';
import { eventBridgePublisher } from './adapters/aws/eventbridge.ts';
import { sesMail } from './adapters/aws/ses.ts';
import { stepFunctions } from './adapters/aws/step-functions.ts';
import { tableFromEnvironment } from './adapters/dynamodb.ts';
import { ulidIds } from './adapters/ids.ts';
import type { Ports } from './ports/index.ts';

function required(name: string) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** On AWS every port is built from the Lambda's environment, on first use. */
const onAws: { [K in keyof Ports]: () => Ports[K] } = {
  table: () => tableFromEnvironment(),
  mail: () => sesMail(required('MAIL_FROM'), process.env.SES_CONFIGURATION_SET),
  events: () => eventBridgePublisher(required('EVENT_BUS_NAME')),
  clock: () => ({ now: () => new Date() }),
  ids: () => ulidIds,
  workflows: () => stepFunctions(),
  settings: () => ({ get: (variable) => process.env[variable] }),
  archive: () => dynamoDbExport(required('TABLE_ARN'), required('ARCHIVE_BUCKET')),
};

const bound: Partial<Ports> = {};

/**
 * The composition root. Handlers ask for a port by name; the offline stack and the tests bind their own
 * adapters first (`bindPorts`), so that a handler never knows where it runs.
 */
export function port<K extends keyof Ports>(name: K): Ports[K] {
  bound[name] ??= onAws[name]();
  return bound[name] as Ports[K];
}

export function bindPorts(ports: Partial<Ports>) {
  Object.assign(bound, ports);
}
