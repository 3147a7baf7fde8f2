import { Stack, type StackProps } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { Api } from './api.ts';
import type { Deployment } from './deployment.ts';
import { imported, offer } from './shared.ts';

/**
 * The HTTP API, its stage, access log and JWT authorizer — the one front door whose URL is in every e-mailed
 * approval link and in customers' systems, so it is termination-protected too. Its routes live in the stacks
 * of their contexts.
 */
export class ApiStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { deployment: Deployment }) {
    super(scope, id, { terminationProtection: true, ...props });
    const { deployment } = props;
    const api = new Api(this, 'Api', {
      userPoolId: imported(deployment, 'UserPoolId'),
      userPoolClientId: imported(deployment, 'UserPoolClientId'),
      logsKey: Key.fromKeyArn(this, 'LogsKey', imported(deployment, 'LogsKeyArn')),
    });
    offer(this, deployment, 'ApiUrl', api.url);
    offer(this, deployment, 'ApiId', api.http.apiId);
    offer(this, deployment, 'AuthorizerId', api.authorizer.authorizerId);
  }
}
