import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

const fiveMinutes = Duration.minutes(5);

/**
 * Operators learn of failures from one topic (subscribe to it after deploying). It lives in the Data stack:
 * the subscriptions made on it outside the app must survive any other stack's replacement.
 */
export function alarmTopic(scope: Construct) {
  const topic = new Construct(scope, 'Alarms');
  // CloudWatch can't publish to a topic under the AWS managed SNS key, so the topic gets its own key.
  const key = new Key(topic, 'TopicKey', { description: 'Encrypts the alarm topic', enableKeyRotation: true });
  key.grantEncryptDecrypt(new ServicePrincipal('cloudwatch.amazonaws.com'));
  return new Topic(topic, 'Topic', { masterKey: key, enforceSSL: true });
}

export type AlarmOn = { metric: IMetric; description: string; threshold?: number; evaluationPeriods?: number };

/** The alarms of one stack, each created beside what it watches and sent to the one topic. */
export class Alarms {
  private readonly action: SnsAction;

  constructor(topic: ITopic) {
    this.action = new SnsAction(topic);
  }

  /** Anything in a dead-letter queue needs a person. */
  onDeadLetters(scope: Construct, name: string, queue: IQueue) {
    this.alarm(scope, 'DeadLettersWaiting', {
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
      description: `Messages are waiting in ${name}'s dead-letter queue`,
    });
  }

  onErrors(scope: Construct, name: string, fn: IFunction) {
    this.alarm(scope, 'Errors', {
      metric: fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
      description: `${name} failed`,
    });
  }

  /** The outbox relay falls behind: domain events reach the bus late. */
  onStreamLag(scope: Construct, name: string, fn: IFunction) {
    this.alarm(scope, 'StreamLag', {
      metric: fn.metric('IteratorAge', { period: fiveMinutes, statistic: 'Maximum' }),
      threshold: Duration.minutes(5).toMilliseconds(),
      description: `${name} is more than five minutes behind the table stream`,
    });
  }

  /** A workflow that fails or times out leaves an order or an approval stuck half-way. */
  onWorkflowFailures(scope: Construct, name: string, stateMachine: IStateMachine) {
    this.alarm(scope, 'Failed', {
      metric: stateMachine.metricFailed({ period: fiveMinutes, statistic: 'Sum' }),
      description: `An execution of the ${name} workflow failed`,
    });
    this.alarm(scope, 'TimedOut', {
      metric: stateMachine.metricTimedOut({ period: fiveMinutes, statistic: 'Sum' }),
      description: `An execution of the ${name} workflow timed out`,
    });
  }

  /**
   * An alarm on any metric or metric math (no SEARCH: CloudWatch refuses it in alarms; at most 10 metrics), at or
   * above `threshold` (1) in `evaluationPeriods` (1) periods in a row.
   */
  alarm(scope: Construct, id: string, props: AlarmOn) {
    const alarm = new Alarm(scope, id, {
      metric: props.metric,
      alarmDescription: props.description,
      threshold: props.threshold ?? 1,
      evaluationPeriods: props.evaluationPeriods ?? 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
