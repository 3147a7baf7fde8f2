import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

const fiveMinutes = Duration.minutes(5);

/** Operators learn of failures from one topic (subscribe to it after deploying). */
export class Alarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // CloudWatch can't publish to a topic under the AWS managed SNS key, so the topic gets its own key.
    const key = new Key(this, 'TopicKey', { description: 'Encrypts the alarm topic', enableKeyRotation: true });
    key.grantEncryptDecrypt(new ServicePrincipal('cloudwatch.amazonaws.com'));
    this.topic = new Topic(this, 'Topic', { masterKey: key, enforceSSL: true });
    this.action = new SnsAction(this.topic);
  }

  /** Anything in a dead-letter queue needs a person. */
  onDeadLetters(id: string, queue: IQueue) {
    this.alarm(`${id}-dead-letters`, {
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
      description: `Messages are waiting in ${id}'s dead-letter queue`,
    });
  }

  onErrors(id: string, fn: IFunction) {
    this.alarm(`${id}-errors`, {
      metric: fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
      description: `${id} failed`,
    });
  }

  /** The outbox relay falls behind: domain events reach the bus late. */
  onStreamLag(id: string, fn: IFunction) {
    this.alarm(`${id}-lag`, {
      metric: fn.metric('IteratorAge', { period: fiveMinutes, statistic: 'Maximum' }),
      threshold: Duration.minutes(5).toMilliseconds(),
      description: `${id} is more than five minutes behind the table stream`,
    });
  }

  /** A workflow that fails or times out leaves an order or an approval stuck half-way. */
  onWorkflowFailures(id: string, stateMachine: IStateMachine) {
    this.alarm(`${id}-failed`, {
      metric: stateMachine.metricFailed({ period: fiveMinutes, statistic: 'Sum' }),
      description: `An execution of the ${id} workflow failed`,
    });
    this.alarm(`${id}-timed-out`, {
      metric: stateMachine.metricTimedOut({ period: fiveMinutes, statistic: 'Sum' }),
      description: `An execution of the ${id} workflow timed out`,
    });
  }

  private alarm(id: string, props: { metric: IMetric; description: string; threshold?: number }) {
    const alarm = new Alarm(this, id, {
      metric: props.metric,
      alarmDescription: props.description,
      threshold: props.threshold ?? 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
  }
}
