import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { WorkerDefinition } from '../functions/workers.ts';
import type { ScheduleDefinition } from '../state-machines/schedules.ts';
import type { Alarms } from './alarms.ts';
import { deadLetterQueue, parkFailedInvocations, relayTableStream, triggerOnRules } from './events.ts';
import { scheduleWorker } from './schedules.ts';

type Triggers = {
  table: ITableV2;
  bus: IEventBus;
  schedules: readonly ScheduleDefinition[];
  alarms: Alarms;
  /** The stage's SES configuration set: rules on the default bus take only its e-mails' events. */
  configurationSetName: string;
};

/**
 * What invokes a worker — the table stream, rules on the bus, its schedules — and where what keeps failing is
 * parked. A worker that only workflows invoke has none: they call it synchronously and handle its errors.
 */
export function triggerWorker(scope: Construct, worker: WorkerDefinition, fn: IFunction, triggers: Triggers) {
  const scheduled = triggers.schedules.filter((schedule) => schedule.target.worker === worker.name);
  if (!worker.tableStream && !worker.rules && scheduled.length === 0) return;
  const deadLetters = deadLetterQueue(scope, 'DeadLetters');
  triggers.alarms.onDeadLetters(scope, worker.name, deadLetters);
  if (worker.tableStream) {
    relayTableStream(fn, triggers.table, worker.tableStream, deadLetters);
    triggers.alarms.onStreamLag(scope, worker.name, fn);
  }
  if (worker.rules || scheduled.length > 0) parkFailedInvocations(fn, deadLetters);
  if (worker.rules) triggerOnRules(scope, fn, triggers.bus, worker.rules, deadLetters, triggers.configurationSetName);
  scheduleWorker(scope, fn, scheduled, deadLetters);
}
