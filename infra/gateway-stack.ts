import { Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '../shared/http/route.ts';
import { defaultStage } from './api.ts';
import type { Deployment } from './deployment.ts';
import { StageMonitoring } from './monitoring.ts';
import { imported } from './shared.ts';

/**
 * The HTTP API's `$default` stage — its access log and throttles, the public routes' lower than the API's — deployed
 * after every stack that adds routes: API Gateway accepts a route's own throttle only once the route exists. It
 * serves every request, so it is termination-protected like the API. Being last, it also holds what watches the
 * whole stage: the stage-wide alarms and the dashboard (infra/monitoring.ts), which cost the context stacks nothing.
 */
export class GatewayStack extends Stack {
  constructor(
    scope: Construct,
    id: string,
    props: StackProps & { deployment: Deployment; routes: readonly RouteDefinition[]; workflows: readonly string[] },
  ) {
    super(scope, id, { terminationProtection: true, ...props });
    const { deployment } = props;
    const apiId = imported(deployment, 'ApiId');
    defaultStage(this, {
      httpApi: HttpApi.fromHttpApiAttributes(this, 'Api', { httpApiId: apiId }),
      logsKey: Key.fromKeyArn(this, 'LogsKey', imported(deployment, 'LogsKeyArn')),
      publicRoutes: props.routes.filter((route) => route.access === 'public'),
    });
    new StageMonitoring(this, 'Monitoring', {
      deployment,
      apiId,
      tableName: imported(deployment, 'TableName'),
      topic: Topic.fromTopicArn(this, 'AlarmTopic', imported(deployment, 'AlarmTopicArn')),
      workflows: props.workflows,
    });
  }
}
