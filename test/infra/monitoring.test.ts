import { beforeAll, describe, expect, it } from 'vitest';
import { apiLatencyThreshold, metricsPerAlarm } from '../../infra/monitoring.ts';
import { stateMachines } from '../../state-machines/index.ts';
import { stateMachineArnOf } from './arns.ts';
import { importOf, type Resource, resourcesIn, resourcesOfApp, stackNamed, synthesizedApp } from './synthesized.ts';

beforeAll(() => {
  synthesizedApp();
});

const gateway = () => stackNamed('Gateway');
const alarms = () => resourcesIn(gateway(), 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
const sentToTheTopic = { AlarmActions: [importOf('AlarmTopicArn')] };

type Query = { MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions?: unknown }; Stat: string } };

/** The dimensions and statistic of the alarm's metric `metricName`. */
function statOf(alarm: Resource['Properties'], metricName: string) {
  const query = (alarm.Metrics as Query[]).find((q) => q.MetricStat?.Metric.MetricName === metricName);
  return { Dimensions: query?.MetricStat?.Metric.Dimensions, Stat: query?.MetricStat?.Stat };
}

/** The alarm whose single metric (or one of whose math metrics) is `namespace`/`metricName`. */
function alarmOn(namespace: string, metricName: string) {
  const found = alarms().filter(
    (alarm) =>
      (alarm.Namespace === namespace && alarm.MetricName === metricName) ||
      (alarm.Metrics ?? []).some(
        (query: { MetricStat?: { Metric: { Namespace: string; MetricName: string } } }) =>
          query.MetricStat?.Metric.Namespace === namespace && query.MetricStat.Metric.MetricName === metricName,
      ),
  );
  expect(found, `${namespace} ${metricName}`).toHaveLength(1);
  const alarm = found[0] as Resource['Properties'];
  expect(alarm).toMatchObject(sentToTheTopic);
  return alarm;
}

describe('the stage-wide alarms, in the Gateway stack, to the alarm topic', () => {
  it('alarm on any API 5xx and on a p99 latency above the threshold for 15 minutes', () => {
    const errors = alarmOn('AWS/ApiGateway', '5xx');
    expect(errors).toMatchObject({ Threshold: 1 });
    expect(statOf(errors, '5xx')).toEqual({
      Dimensions: [{ Name: 'ApiId', Value: importOf('ApiId') }],
      Stat: 'Sum',
    });
    const latency = alarmOn('AWS/ApiGateway', 'Latency');
    expect(latency).toMatchObject({ Threshold: apiLatencyThreshold.toMilliseconds(), EvaluationPeriods: 3 });
    expect(statOf(latency, 'Latency')).toEqual({
      Dimensions: [{ Name: 'ApiId', Value: importOf('ApiId') }],
      Stat: 'p99',
    });
  });

  it('alarm on Lambda throttles (the account) and DynamoDB throttles of the table, read or write', () => {
    const lambda = alarmOn('AWS/Lambda', 'Throttles');
    expect(lambda).toMatchObject({ Threshold: 1 });
    expect(statOf(lambda, 'Throttles')).toEqual({ Dimensions: undefined, Stat: 'Sum' });
    const table = alarmOn('AWS/DynamoDB', 'ReadThrottleEvents');
    expect(alarmOn('AWS/DynamoDB', 'WriteThrottleEvents')).toEqual(table);
    for (const metricName of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
      expect(statOf(table, metricName)).toEqual({
        Dimensions: [{ Name: 'TableName', Value: importOf('TableName') }],
        Stat: 'Sum',
      });
    }
  });

  it('alarm on throttled executions of every workflow of the stage, at most 10 metrics per alarm', () => {
    const throttled = alarms().filter((alarm) =>
      (alarm.Metrics ?? []).some(
        (q: { MetricStat?: { Metric: { MetricName: string } } }) =>
          q.MetricStat?.Metric.MetricName === 'ExecutionThrottled',
      ),
    );
    expect(throttled.length).toBeGreaterThan(0);
    const arns = throttled.flatMap((alarm) => {
      expect(alarm).toMatchObject(sentToTheTopic);
      const metrics = alarm.Metrics.filter((q: { MetricStat?: unknown }) => q.MetricStat);
      expect(metrics.length).toBeLessThanOrEqual(10);
      return metrics.map(
        (q: { MetricStat: { Metric: { Dimensions: [{ Value: unknown }] } } }) =>
          q.MetricStat.Metric.Dimensions[0].Value,
      );
    });
    const { deployment } = synthesizedApp();
    expect(arns).toEqual(
      stateMachines.map((definition) => stateMachineArnOf(deployment.workflowName(definition.name))),
    );
  });

  it('are the only alarms of the Gateway stack; failed workflows keep their own alarms beside them', () => {
    // API 5xx, API latency, Lambda and DynamoDB throttles, and the workflows' throttles, 10 workflows an alarm.
    expect(alarms()).toHaveLength(4 + Math.ceil(stateMachines.length / metricsPerAlarm));
    const failed = resourcesOfApp('AWS::CloudWatch::Alarm').filter(
      ({ resource }) => resource.Properties.MetricName === 'ExecutionsFailed',
    );
    expect(failed).toHaveLength(stateMachines.length);
  });
});

describe('the dashboard', () => {
  it('is one per stage, named with the stage, in the Gateway stack', () => {
    const dashboards = resourcesOfApp('AWS::CloudWatch::Dashboard');
    expect(dashboards.map(({ stack }) => stack)).toEqual([gateway()]);
    expect(dashboards[0]?.resource.Properties).toMatchObject({ DashboardName: 'dev-OrderFollowUp' });
  });

  it('shows the API, the stage’s functions, the table, the workflows and the alarms', () => {
    const [[, dashboard]] = resourcesIn(gateway(), 'AWS::CloudWatch::Dashboard') as [[string, Resource]];
    const body = JSON.stringify(gateway().resolve(dashboard.Properties.DashboardBody));
    for (const expected of [
      'API requests',
      'API latency',
      `SEARCH('{AWS/Lambda,FunctionName} MetricName=\\\\\\"Errors\\\\\\" \\\\\\"dev-OrderFollowUp\\\\\\"'`,
      'ReadThrottleEvents',
      'ExecutionsFailed',
      'ExecutionThrottled',
      'Stage-wide alarms',
      'OrdersPlaced',
      'EmailsRefused',
    ]) {
      expect(body).toContain(expected);
    }
  });
});

describe('the workflows’ logs', () => {
  it('are named under /aws/vendedlogs/states/, after their state machine', () => {
    const { deployment } = synthesizedApp();
    const names = resourcesOfApp('AWS::Logs::LogGroup')
      .map(({ resource }) => resource.Properties.LogGroupName)
      .filter((name) => typeof name === 'string' && name.startsWith('/aws/vendedlogs/states/'));
    expect(names.sort()).toEqual(
      stateMachines.map((definition) => `/aws/vendedlogs/states/${deployment.workflowName(definition.name)}`).sort(),
    );
  });
});
