import { CfnOutput, CfnParameter, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { routes } from '../functions/routes.ts';
import { type Setting, settings, workers } from '../functions/workers.ts';
import { pascalCase } from '../shared/naming.ts';
import { stateMachines } from '../state-machines/index.ts';
import { schedules } from '../state-machines/schedules.ts';
import { Alarms } from './alarms.ts';
import { Api } from './api.ts';
import { handlerFunction, type Resources } from './functions.ts';
import { logsKey } from './logs.ts';
import { Mail } from './mail.ts';
import { singleTable } from './table.ts';
import { Users } from './users.ts';
import { triggerWorker } from './workers.ts';
import { Workflow, workflowArn } from './workflows.ts';

/** HTTP handlers answer a person waiting; the workers run in the background. */
const sizing = {
  route: { memorySize: 1024, timeout: Duration.seconds(10) },
  worker: { memorySize: 512, timeout: Duration.seconds(30) },
};

/** The whole platform on AWS, wired from the same definitions the offline stack reads. */
export class OrderFollowUpStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const key = logsKey(this);
    const table = singleTable(this);
    const bus = new EventBus(this, 'Bus', { description: 'Domain events of the order follow-up platform' });
    const mail = new Mail(this, 'Mail');
    const users = new Users(this, 'Users');
    const api = new Api(this, 'Api', { users, logsKey: key });
    const alarms = new Alarms(this, 'Alarms');
    const resources: Resources = {
      table,
      bus,
      mail,
      appUrl: api.url,
      logsKey: key,
      workflows: new Map(stateMachines.map(({ name }) => [name, workflowArn(this, name)])),
      settings: Object.fromEntries(
        Object.entries(settings).map(([name, { description }]) => [
          name,
          new CfnParameter(this, pascalCase(name), { type: 'String', description }).valueAsString,
        ]),
      ) as Record<Setting, string>,
    };

    for (const route of routes) {
      const fn = handlerFunction(
        this,
        {
          name: route.operationId,
          description: `${route.method} ${route.path}: ${route.summary}`,
          handler: route.handler,
          grants: route.grants,
          ...sizing.route,
        },
        resources,
      );
      api.addRoute(route, fn);
      alarms.onErrors(route.operationId, fn);
    }

    for (const schedule of schedules) {
      if (!workers.some((worker) => worker.name === schedule.target.worker)) {
        throw new Error(`Schedule ${schedule.name} targets ${schedule.target.worker}, which is no worker`);
      }
    }

    const workerFunctions = new Map<string, IFunction>();
    for (const worker of workers) {
      const fn = handlerFunction(this, { ...worker, ...sizing.worker }, resources);
      alarms.onErrors(worker.name, fn);
      triggerWorker(this, worker, fn, { table, bus, schedules, alarms });
      workerFunctions.set(worker.name, fn);
    }

    for (const definition of stateMachines) {
      const workflow = new Workflow(this, `workflow-${definition.name}`, {
        definition,
        functions: workerFunctions,
        logsKey: key,
      });
      alarms.onWorkflowFailures(definition.name, workflow.stateMachine);
    }

    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: users.pool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'EventBusName', { value: bus.eventBusName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn, description: 'Subscribe operators here' });
  }
}
