import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpAuthorizer, HttpAuthorizerType } from 'aws-cdk-lib/aws-apigatewayv2';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes as routeTable } from '../../functions/routes.ts';
import { Api, addRoute } from '../../infra/api.ts';
import { logsKey } from '../../infra/logs.ts';
import { Users } from '../../infra/users.ts';
import type { RouteDefinition } from '../../shared/http/route.ts';
import {
  exportOf,
  functionOf,
  importOf,
  logicalIdOf,
  resourcesIn,
  resourcesOfApp,
  stackNamed,
  synthesizedApp,
  templateOf,
} from './synthesized.ts';

// The one synth of the test run (test/infra/synthesized.ts): whichever file runs first pays for it.
beforeAll(() => {
  synthesizedApp();
});

const routes: readonly RouteDefinition[] = routeTable;

describe('the HTTP API', () => {
  const api = () => stackNamed('Api');

  it('is one, in the Api stack, with a JWT authorizer backed by the user pool and its client', () => {
    expect(resourcesOfApp('AWS::ApiGatewayV2::Api').map(({ stack }) => stack)).toEqual([api()]);
    expect(resourcesOfApp('AWS::ApiGatewayV2::Authorizer').map(({ stack }) => stack)).toEqual([api()]);
    templateOf(api()).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [importOf('UserPoolClientId')],
        Issuer: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([importOf('UserPoolId')])] }),
      },
    });
    const data = stackNamed('Data');
    const [[poolId], [clientId]] = [
      resourcesIn(data, 'AWS::Cognito::UserPool')[0] ?? [],
      resourcesIn(data, 'AWS::Cognito::UserPoolClient')[0] ?? [],
    ];
    expect(exportOf('UserPoolId')).toEqual({ stack: data, value: { Ref: poolId } });
    expect(exportOf('UserPoolClientId')).toEqual({ stack: data, value: { Ref: clientId } });
  });

  it('has one route per entry of the route table, protected unless public', () => {
    const [authorizerId] = resourcesIn(api(), 'AWS::ApiGatewayV2::Authorizer')[0] ?? [];
    const [apiId] = resourcesIn(api(), 'AWS::ApiGatewayV2::Api')[0] ?? [];
    expect(exportOf('AuthorizerId')).toEqual({ stack: api(), value: { Ref: authorizerId } });
    expect(exportOf('ApiId')).toEqual({ stack: api(), value: { Ref: apiId } });
    const all = resourcesOfApp('AWS::ApiGatewayV2::Route');
    const byKey = new Map(all.map(({ resource }) => [resource.Properties.RouteKey, resource]));
    expect(all).toHaveLength(byKey.size);
    expect([...byKey.keys()].sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
    for (const route of routes) {
      const properties = byKey.get(`${route.method} ${route.path}`)?.Properties;
      expect(properties?.ApiId).toEqual(importOf('ApiId'));
      if (route.access === 'public') expect(properties?.AuthorizationType).toBe('NONE');
      else expect(properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: importOf('AuthorizerId') });
    }
  });

  it('integrates each route with its own function, in the stack of its context', () => {
    for (const route of routes) {
      const { stack, logicalId } = functionOf(route.operationId);
      const integration = templateOf(stack).findResources('AWS::ApiGatewayV2::Integration')[
        logicalIdOf(route.operationId, 'Route', 'Integration')
      ];
      expect(integration?.Properties, route.operationId).toMatchObject({
        ApiId: importOf('ApiId'),
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [logicalId, 'Arn'] },
      });
    }
    const integrations = resourcesOfApp('AWS::ApiGatewayV2::Integration');
    expect(integrations).toHaveLength(routes.length);
  });

  it('has one stage, in the Gateway stack, logging access to an encrypted log group and throttling', () => {
    const gateway = stackNamed('Gateway');
    expect(resourcesOfApp('AWS::ApiGatewayV2::Stage').map(({ stack }) => stack)).toEqual([gateway]);
    templateOf(gateway).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: importOf('ApiId'),
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context.requestId') },
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
    });
    templateOf(gateway).hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: importOf('LogsKeyArn'),
      RetentionInDays: 90,
    });
  });

  it('throttles each public route (the e-mailed approval and receipt links, /health) on its own, lower than the API, and only those', () => {
    const [, stage] = resourcesIn(stackNamed('Gateway'), 'AWS::ApiGatewayV2::Stage')[0] ?? [];
    const { DefaultRouteSettings: api, RouteSettings: own } = (stage as { Properties: Record<string, any> }).Properties;
    const publicKeys = routes.filter((route) => route.access === 'public').map((r) => `${r.method} ${r.path}`);
    expect([...publicKeys].sort()).toEqual(
      [
        'GET /approval-links/{link}',
        'POST /approval-links/{link}',
        'GET /receipt-links/{link}',
        'POST /receipt-links/{link}',
        'GET /return-links/{link}',
        'POST /return-links/{link}',
        'GET /statement-links/{link}',
        'POST /statement-links/{link}',
        'GET /survey-links/{link}',
        'POST /survey-links/{link}',
        'GET /health',
      ].sort(),
    );
    expect(Object.keys(own).sort()).toEqual([...publicKeys].sort());
    for (const key of publicKeys) {
      expect(own[key].ThrottlingRateLimit).toBeLessThan(api.ThrottlingRateLimit);
      expect(own[key].ThrottlingBurstLimit).toBeLessThan(api.ThrottlingBurstLimit);
      expect(own[key]).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
    }
    // Route settings may name only routes that exist: the stage deploys after every stack adding routes.
    const { gateway, contexts } = synthesizedApp();
    for (const stack of contexts.values()) expect(gateway.dependencies).toContain(stack);
  });

  it('offers its URL', () => {
    const [apiId] = resourcesIn(api(), 'AWS::ApiGatewayV2::Api')[0] ?? [];
    expect(exportOf('ApiUrl')).toEqual({ stack: api(), value: { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] } });
  });
});

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
    const users = new Users(stack, 'Users', {
      mailFrom: 'orders@example.com',
      mailDomain: 'example.com',
      configurationSetName: 'mail',
    });
    const api = new Api(stack, 'Api', {
      userPoolId: users.pool.userPoolId,
      userPoolClientId: users.client.userPoolClientId,
      logsKey: logsKey(stack),
    });
    const target = {
      httpApi: api.http,
      authorizer: HttpAuthorizer.fromHttpAuthorizerAttributes(stack, 'Authorizer', {
        authorizerId: api.authorizer.authorizerId,
        authorizerType: HttpAuthorizerType.JWT,
      }),
    };
    const open = addRoute(new Construct(stack, 'openLink'), route('openLink', 'public'), fn, target);
    const secret = addRoute(new Construct(stack, 'readSecret'), route('readSecret', { roles: ['gm'] }), fn, target);
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /openLink',
      AuthorizationType: 'NONE',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /readSecret',
      AuthorizationType: 'JWT',
    });
    for (const scope of [api, open, secret]) {
      expect(new AwsSolutionsChecks().validateScope(scope).violations).toEqual([]);
    }
    const unacknowledged = new AwsSolutionsChecks();
    Object.assign(unacknowledged, { isAcknowledged: () => false });
    expect(unacknowledged.validateScope(open).violations.map((violation) => violation.ruleName)).toEqual([
      'AwsSolutions-APIG4',
    ]);
    expect(unacknowledged.validateScope(secret).violations).toEqual([]);
  });
});
