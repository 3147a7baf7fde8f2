import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { WorkerDefinition } from '../functions/workers.ts';

/** Where a worker parks what it could not handle after its retries, for an operator to look at and redrive. */
export function deadLetterQueue(scope: Construct, id: string) {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself a dead-letter queue (of a Lambda event source mapping, rule target, schedule or ' +
      'async invocation, which cdk-nag does not recognise as such); nothing consumes it but an operator.',
  });
  return queue;
}

/**
 * The outbox relay: the table's stream invokes the worker for the records its filter selects (new event
 * items), in order per item key. A failing record is retried, the batch split to isolate it, and finally
 * its position (not its content: the record stays in the stream for 24 h) is sent to the dead-letter queue.
 */
export function relayTableStream(
  fn: IFunction,
  table: ITableV2,
  filter: NonNullable<WorkerDefinition['tableStream']>,
  deadLetters: Queue,
) {
  fn.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 10,
      filters: [
        FilterCriteria.filter({
          eventName: filter.eventName,
          dynamodb: { NewImage: { entity: { S: filter.entity } } },
        }),
      ],
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: 10,
      onFailure: new SqsDlq(deadLetters),
    }),
  );
}

/**
 * Lambda retries a failing asynchronous invocation (from a rule or a schedule) twice, then parks the event
 * in the worker's dead-letter queue.
 */
export function parkFailedInvocations(fn: IFunction, deadLetters: Queue) {
  fn.configureAsyncInvoke({
    retryAttempts: 2,
    maxEventAge: Duration.hours(6),
    onFailure: new SqsDestination(deadLetters),
  });
}

/** One rule on the bus per entry; what EventBridge can't deliver after its retries is parked as well. */
export function triggerOnRules(
  scope: Construct,
  fn: IFunction,
  bus: IEventBus,
  rules: NonNullable<WorkerDefinition['rules']>,
  deadLetters: Queue,
  configurationSetName?: string,
) {
  for (const rule of rules) {
    // SES publishes only to the default bus, for every configuration set of the account: this stage's only.
    const onDefault = rule.bus === 'default';
    if (onDefault && !configurationSetName) throw new Error(`rule ${rule.name}: no configuration set to narrow it to`);
    new Rule(scope, `rule-${rule.name}`, {
      eventBus: onDefault ? EventBus.fromEventBusName(scope, `DefaultBus-${rule.name}`, 'default') : bus,
      description: rule.description,
      eventPattern: {
        source: rule.pattern.source,
        detailType: rule.pattern['detail-type'],
        ...(onDefault ? { detail: { mail: { tags: { 'ses:configuration-set': [configurationSetName] } } } } : {}),
      },
      targets: [
        new LambdaFunction(fn, { deadLetterQueue: deadLetters, retryAttempts: 8, maxEventAge: Duration.hours(6) }),
      ],
    });
  }
}
