import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { Api } from '../../infra/api.ts';
import { logsKey } from '../../infra/logs.ts';
import { Users } from '../../infra/users.ts';
import type { RouteDefinition } from '../../shared/http/route.ts';

const route = (operationId: string, access: RouteDefinition['access']): RouteDefinition => ({
  operationId,
  method: 'GET',
  path: `/${operationId}`,
  summary: operationId,
  tag: 'Test',
  handler: 'unused.ts',
  access,
  responses: { 200: { description: 'OK' } },
  grants: [],
});

describe('a public route', () => {
  it('has no authorizer, and its missing authorization is acknowledged on that route only', () => {
    const stack = new Stack(new App(), 'Test');
    const fn = new LambdaFunction(stack, 'Handler', {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = async () => {};'),
    });
    const api = new Api(stack, 'Api', { users: new Users(stack, 'Users'), logsKey: logsKey(stack) });
    api.addRoute(route('openLink', 'public'), fn);
    api.addRoute(route('readSecret', { roles: ['gm'] }), fn);
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /openLink',
      AuthorizationType: 'NONE',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /readSecret',
      AuthorizationType: 'JWT',
    });
    expect(new AwsSolutionsChecks().validateScope(api).violations).toEqual([]);
  });
});
