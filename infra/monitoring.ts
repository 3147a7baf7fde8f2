import { Duration } from 'aws-cdk-lib';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { Alarms } from './alarms.ts';
import type { Deployment } from './deployment.ts';
import { workflowArn } from './workflows.ts';

const period = Duration.minutes(5);

/** CloudWatch refuses an alarm on metric math that references more than 10 metrics. */
export const metricsPerAlarm = 10;

/** API Gateway's p99 latency above this, 15 minutes in a row, means people wait (routes time out at 10 s). */
export const apiLatencyThreshold = Duration.millis(2500);

export type StageMonitoringProps = {
  deployment: Deployment;
  apiId: string;
  tableName: string;
  topic: ITopic;
  /** The stage's workflows by name; their ARNs follow from their names (`workflowArn`). */
  workflows: readonly string[];
};

const chunks = <T>(items: readonly T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** `SUM([m0, m1, …])` over metrics named `m<i>`. */
function total(metrics: readonly IMetric[], label: string) {
  return new MathExpression({
    expression: metrics.length === 1 ? 'm0' : `SUM([${metrics.map((_, i) => `m${i}`).join(', ')}])`,
    usingMetrics: Object.fromEntries(metrics.map((metric, i) => [`m${i}`, metric])),
    label,
    period,
  });
}

/**
 * The stage-wide alarms and the one dashboard of a stage, in one place (the Gateway stack, deployed last): alarms
 * on aggregates, not per function, so that they cost the context stacks nothing of their resource budget. Each
 * function's errors, each dead-letter queue and each workflow's failures keep their own alarm beside them.
 *
 * - the API: any 5xx (a function failing, timing out, or API Gateway failing to reach it), p99 latency;
 * - Lambda throttles: the account's (`AWS/Lambda` without dimensions; per-function metrics would need one alarm
 *   per ten functions, and throttling is an account-wide concurrency matter anyway);
 * - DynamoDB throttles on the single table and its indexes (read and write events, table-level);
 * - workflow executions throttled, over the stage's state machines.
 */
export class StageMonitoring extends Construct {
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: StageMonitoringProps) {
    super(scope, id);
    const { deployment, apiId, tableName } = props;
    const alarms = new Alarms(props.topic);
    const add = (alarm: Alarm) => {
      this.alarms.push(alarm);
      return alarm;
    };

    const api = (metricName: string, statistic: string, label = metricName) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: apiId },
        statistic,
        period,
        label,
      });
    const api5xx = api('5xx', 'Sum', 'Server errors (5xx)');
    const apiLatency = api('Latency', 'p99', 'Latency p99');
    add(alarms.alarm(this, 'ApiServerErrors', { metric: api5xx, description: 'The API answered 5xx' }));
    add(
      alarms.alarm(this, 'ApiLatency', {
        metric: apiLatency,
        threshold: apiLatencyThreshold.toMilliseconds(),
        evaluationPeriods: 3,
        description: `The API's p99 latency was above ${apiLatencyThreshold.toMilliseconds()} ms for 15 minutes`,
      }),
    );

    const lambdaThrottles = new Metric({
      namespace: 'AWS/Lambda',
      metricName: 'Throttles',
      statistic: 'Sum',
      period,
      label: 'Throttled invocations (account)',
    });
    add(
      alarms.alarm(this, 'LambdaThrottles', {
        metric: lambdaThrottles,
        description: "Lambda throttled invocations (the account's concurrency is exhausted)",
      }),
    );

    const table = (metricName: string) =>
      new Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: tableName },
        statistic: 'Sum',
        period,
      });
    const tableThrottles = new MathExpression({
      expression: 'reads + writes',
      usingMetrics: { reads: table('ReadThrottleEvents'), writes: table('WriteThrottleEvents') },
      label: 'Throttled reads and writes',
      period,
    });
    add(
      alarms.alarm(this, 'TableThrottles', {
        metric: tableThrottles,
        description: 'DynamoDB throttled reads or writes on the table',
      }),
    );

    const workflow = (name: string, metricName: string) =>
      new Metric({
        namespace: 'AWS/States',
        metricName,
        dimensionsMap: { StateMachineArn: workflowArn(this, deployment.workflowName(name)) },
        statistic: 'Sum',
        period,
        label: name,
      });
    const throttled = props.workflows.map((name) => workflow(name, 'ExecutionThrottled'));
    chunks(throttled, metricsPerAlarm).forEach((metrics, i) => {
      add(
        alarms.alarm(this, i === 0 ? 'WorkflowsThrottled' : `WorkflowsThrottled${i + 1}`, {
          metric: total(metrics, 'Throttled executions'),
          description: 'Step Functions throttled executions of the workflows',
        }),
      );
    });

    const functionsOfStage = (metricName: string, label: string) =>
      new MathExpression({
        expression: `SEARCH('{AWS/Lambda,FunctionName} MetricName="${metricName}" "${deployment.prefix}"', 'Sum', 300)`,
        label,
        period,
      });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: deployment.prefix,
      defaultInterval: Duration.hours(24),
    });
    const width = 8;
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Order follow-up (${deployment.stage})\nAlarms go to the alarm topic (Data stack); see docs/operations.md.`,
        width: 24,
        height: 2,
      }),
      new AlarmStatusWidget({ title: 'Stage-wide alarms', alarms: this.alarms, width: 24, height: 3 }),
      new GraphWidget({
        title: 'API requests',
        left: [api('Count', 'Sum', 'Requests'), api('4xx', 'Sum', 'Client errors (4xx)'), api5xx],
        width,
      }),
      new GraphWidget({ title: 'API latency (ms)', left: [api('Latency', 'p50', 'Latency p50'), apiLatency], width }),
      new GraphWidget({
        title: 'Functions of the stage: errors and throttles',
        left: [functionsOfStage('Errors', 'Errors')],
        right: [lambdaThrottles],
        width,
      }),
      new GraphWidget({
        title: 'DynamoDB',
        left: [tableThrottles],
        right: [table('ConsumedReadCapacityUnits'), table('ConsumedWriteCapacityUnits')],
        width,
      }),
      new GraphWidget({
        title: 'Workflows: failed and timed out',
        left: props.workflows.flatMap((name) => [workflow(name, 'ExecutionsFailed')]),
        right: props.workflows.map((name) => workflow(name, 'ExecutionsTimedOut')),
        width,
      }),
      new GraphWidget({ title: 'Workflows: throttled', left: throttled, width }),
      new GraphWidget({
        title: 'Business: orders placed, approvals decided, lapses, e-mails refused',
        left: ['OrdersPlaced', 'ApprovalsDecided', 'Lapses', 'EmailsRefused'].map(
          (metricName) =>
            new Metric({
              // shared/metrics.ts: EMF lines of the functions, in the stage's namespace.
              namespace: deployment.prefix,
              metricName,
              dimensionsMap: { service: 'order-follow-up' },
              statistic: 'Sum',
              period: Duration.hours(1),
            }),
        ),
        width: 24,
      }),
    );
  }
}
