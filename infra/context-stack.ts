import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpAuthorizer, HttpAuthorizerType } from 'aws-cdk-lib/aws-apigatewayv2';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type IFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { functionMemoryMb, functionTimeoutSeconds } from '../shared/limits.ts';
import { tableDefinition } from '../shared/persistence/table.ts';
import { schedules } from '../state-machines/schedules.ts';
import { Alarms } from './alarms.ts';
import { addRoute, type RouteTarget } from './api.ts';
import type { StackPlan } from './contexts.ts';
import type { Deployment } from './deployment.ts';
import { handlerFunction, type Resources } from './functions.ts';
import { Mail } from './mail.ts';
import { type DeploymentSetting, settingValue } from './settings.ts';
import { functionExport, imported, offerFunction } from './shared.ts';
import { triggerWorker } from './workers.ts';
import { Workflow, workflowArn } from './workflows.ts';

/** HTTP handlers answer a person waiting; the workers run in the background. */
const sizing = {
  route: { memorySize: functionMemoryMb.route, timeout: Duration.seconds(functionTimeoutSeconds.route) },
  worker: { memorySize: functionMemoryMb.worker, timeout: Duration.seconds(functionTimeoutSeconds.worker) },
};

export type ContextStackProps = StackProps & {
  deployment: Deployment;
  plan: StackPlan;
  /** Every workflow of the stage by name: functions may start, answer or stop any of them. */
  workflows: readonly string[];
};

/**
 * The routes, workers and workflows of some contexts (infra/contexts.ts). Each route, worker and workflow is
 * one construct named after it, holding all it costs: function, log group, alarms, route or triggers. What the
 * stack shares with the others of its stage it imports by export name (infra/shared.ts) or reads from SSM
 * (infra/settings.ts); the workflows' ARNs it builds from their names.
 */
export class ContextStack extends Stack {
  readonly plan: StackPlan;

  constructor(scope: Construct, id: string, props: ContextStackProps) {
    super(scope, id, props);
    const { deployment, plan } = props;
    this.plan = plan;

    const shared = new Construct(this, 'Shared');
    const table = TableV2.fromTableAttributes(shared, 'Table', {
      tableName: imported(deployment, 'TableName'),
      tableStreamArn: imported(deployment, 'TableStreamArn'),
      globalIndexes: tableDefinition.globalSecondaryIndexes.map((index) => index.name),
    });
    const bus = EventBus.fromEventBusName(shared, 'Bus', imported(deployment, 'EventBusName'));
    const logsKey = Key.fromKeyArn(shared, 'LogsKey', imported(deployment, 'LogsKeyArn'));
    const alarms = new Alarms(Topic.fromTopicArn(shared, 'AlarmTopic', imported(deployment, 'AlarmTopicArn')));
    const setting = (name: DeploymentSetting) => settingValue(this, deployment, name);
    const configurationSetName = imported(deployment, 'MailConfigurationSetName');
    const resources: Resources = {
      table,
      archive: Bucket.fromBucketName(shared, 'Archive', imported(deployment, 'ArchiveBucketName')),
      bus,
      logsKey,
      mail: new Mail(this, {
        from: () => setting('mail-from'),
        domain: () => setting('mail-domain'),
        configurationSetName,
      }),
      appUrl: imported(deployment, 'ApiUrl'),
      metricsNamespace: deployment.prefix,
      workflows: new Map(props.workflows.map((name) => [name, workflowArn(this, deployment.workflowName(name))])),
      setting,
    };
    const api: RouteTarget = {
      httpApi: HttpApi.fromHttpApiAttributes(shared, 'Api', {
        httpApiId: imported(deployment, 'ApiId'),
        apiEndpoint: imported(deployment, 'ApiUrl'),
      }),
      authorizer: HttpAuthorizer.fromHttpAuthorizerAttributes(shared, 'Authorizer', {
        authorizerId: imported(deployment, 'AuthorizerId'),
        authorizerType: HttpAuthorizerType.JWT,
      }),
    };

    for (const route of plan.routes) {
      const unit = new Construct(this, route.operationId);
      const fn = handlerFunction(
        unit,
        {
          name: route.operationId,
          description: `${route.method} ${route.path}: ${route.summary}`,
          handler: route.handler,
          grants: route.grants,
          ...sizing.route,
        },
        resources,
      );
      addRoute(unit, route, fn, api);
      alarms.onErrors(unit, route.operationId, fn);
    }

    const workerFunctions = new Map<string, IFunction>();
    for (const worker of plan.workers) {
      const unit = new Construct(this, worker.name);
      const fn = handlerFunction(unit, { ...worker, ...sizing.worker }, resources);
      alarms.onErrors(unit, worker.name, fn);
      triggerWorker(unit, worker, fn, { table, bus, schedules, alarms, configurationSetName });
      workerFunctions.set(worker.name, fn);
      if (plan.invokedElsewhere.includes(worker.name)) offerFunction(this, deployment, worker.name, fn.functionArn);
    }
    for (const worker of plan.invokesElsewhere) {
      const functionArn = imported(deployment, functionExport(worker));
      workerFunctions.set(
        worker,
        LambdaFunction.fromFunctionAttributes(shared, `Function-${worker}`, { functionArn, sameEnvironment: true }),
      );
    }

    for (const definition of plan.workflows) {
      const workflow = new Workflow(this, `workflow-${definition.name}`, {
        definition,
        stateMachineName: deployment.workflowName(definition.name),
        functions: workerFunctions,
        logsKey,
      });
      alarms.onWorkflowFailures(workflow, definition.name, workflow.stateMachine);
    }
  }
}
