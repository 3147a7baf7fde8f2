import { Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
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
 * The HTTP API and a JWT authorizer backed by the user pool, in one place (the Api stack); the routes are added by
 * the stacks of their contexts (`addRoute`), and its stage by the Gateway stack (`defaultStage`), after them.
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
/** Every caller of the API together; API Gateway answers 429 beyond it. */
export const apiThrottle = { rateLimit: 50, burstLimit: 100 };

/**
 * The public routes (the e-mailed approval links, /health) each get a bucket of their own, far lower: a person opens
 * a link and decides a few times a minute, a monitor probes a few times a minute; anything faster is a scanner or
 * someone guessing links, and must not spend the API's throttle for everybody else. In production a WAF in front of them limits per client (docs/operations.md).
 */
export const publicRouteThrottle = { rateLimit: 5, burstLimit: 10 };

/** A route's key in API Gateway, as the route table defines it: `GET /approval-links/{link}`. */
export const routeKeyOf = (route: RouteDefinition) => `${route.method} ${route.path}`;

/**
 * The API's `$default` stage, with its access log and throttles: the API's for every route, and the lower one of
 * each public route. A stage's route settings may name only routes that exist (API Gateway refuses the stage
 * otherwise), so the stage is made after the stacks adding routes: the Gateway stack.
 */
export function defaultStage(
  scope: Construct,
  props: { httpApi: IHttpApi; logsKey: IKey; publicRoutes: readonly RouteDefinition[] },
) {
  const stage = new HttpStage(scope, 'DefaultStage', {
    httpApi: props.httpApi,
    stageName: '$default',
    autoDeploy: true,
    throttle: apiThrottle,
    accessLogSettings: {
      destination: new LogGroupLogDestination(encryptedLogGroup(scope, 'AccessLogs', props.logsKey)),
      format: accessLogFormat,
    },
  });
  (stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
    props.publicRoutes.map((route) => [
      routeKeyOf(route),
      { ThrottlingRateLimit: publicRouteThrottle.rateLimit, ThrottlingBurstLimit: publicRouteThrottle.burstLimit },
    ]),
  );
  return stage;
}

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
        route.grants.length === 0
          ? `${route.operationId} is declared public in the route table and may touch nothing (no grant): a ` +
            "monitor's probe carries no token, and the answer says only that the API answers."
          : `${route.operationId} is declared public in the route table: its callers (an approver following an ` +
            'e-mailed link) carry no token, so the handler checks the opaque, expiring, single-use id in the path itself.',
    });
  }
  return added;
}
