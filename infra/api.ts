import { Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type IHttpApi,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../shared/http/route.ts';
import { encryptedLogGroup } from './logs.ts';

/** Who called what, with which result: one JSON line per request (no tokens, no bodies). */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    route: '$context.routeKey',
    status: '$context.status',
    latencyMs: '$context.responseLatency',
    subject: '$context.authorizer.claims.sub',
    authorizerError: '$context.authorizer.error',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/** What a stack needs to add a route to the HTTP API, which may live in another stack. */
export type RouteTarget = { httpApi: IHttpApi; authorizer: IHttpRouteAuthorizer };

/**
 * The HTTP API with its stage and a JWT authorizer backed by the user pool, in one place (the Api stack); the
 * routes are added by the stacks of their contexts (`addRoute`).
 */
export class Api extends Construct {
  readonly http: HttpApi;
  readonly authorizer: HttpAuthorizer;

  constructor(scope: Construct, id: string, props: { userPoolId: string; userPoolClientId: string; logsKey: IKey }) {
    super(scope, id);
    this.http = new HttpApi(this, 'Http', {
      description: 'Order follow-up API',
      createDefaultStage: false,
    });
    this.http.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(encryptedLogGroup(this, 'AccessLogs', props.logsKey)),
        format: accessLogFormat,
      },
    });
    // What HttpUserPoolAuthorizer would create, but here, once, rather than in the stack of the first route.
    this.authorizer = new HttpAuthorizer(this, 'UserPoolAuthorizer', {
      httpApi: this.http,
      authorizerName: 'UserPoolAuthorizer',
      type: HttpAuthorizerType.JWT,
      identitySource: ['$request.header.Authorization'],
      jwtAudience: [props.userPoolClientId],
      jwtIssuer: `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${props.userPoolId}`,
    });
  }

  /** The API's base URL, without a trailing slash. */
  get url() {
    return this.http.apiEndpoint;
  }
}

/**
 * The route of one entry of the route table, in `scope` (the construct of the route, in its context's stack):
 * the route, its Lambda integration and the permission for API Gateway to invoke `fn`.
 */
export function addRoute(scope: Construct, route: RouteDefinition, fn: IFunction, target: RouteTarget) {
  const isPublic = route.access === 'public';
  const added = new HttpRoute(scope, 'Route', {
    httpApi: target.httpApi,
    routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
    integration: new HttpLambdaIntegration('Integration', fn),
    authorizer: isPublic ? new HttpNoneAuthorizer() : target.authorizer,
  });
  if (isPublic) {
    Validations.of(added).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        `${route.operationId} is declared public in the route table: its callers (an approver following an ` +
        'e-mailed link) carry no token, so the handler checks the opaque, expiring, single-use id in the path itself.',
    });
  }
  return added;
}
