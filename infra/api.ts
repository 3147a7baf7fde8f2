import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../shared/http/route.ts';
import { encryptedLogGroup } from './logs.ts';
import type { Users } from './users.ts';

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

/** The HTTP API: routes from the one route table, a JWT authorizer backed by the user pool. */
export class Api extends Construct {
  readonly http: HttpApi;
  private readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: { users: Users; logsKey: IKey }) {
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
    this.authorizer = new HttpUserPoolAuthorizer('UserPoolAuthorizer', props.users.pool, {
      userPoolClients: [props.users.client],
    });
  }

  /** The API's base URL, without a trailing slash. */
  get url() {
    return this.http.apiEndpoint;
  }

  addRoute(route: RouteDefinition, fn: IFunction) {
    const isPublic = route.access === 'public';
    const [added] = this.http.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${route.operationId}-integration`, fn),
      authorizer: isPublic ? new HttpNoneAuthorizer() : this.authorizer,
    });
    if (isPublic && added) {
      Validations.of(added).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          `${route.operationId} is declared public in the route table: its callers (an approver following an ` +
          'e-mailed link) carry no token, so the handler checks the opaque, expiring, single-use id in the path itself.',
      });
    }
  }
}
