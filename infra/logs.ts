import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Kept for a quarter: long enough to look into a month-end run after the fact. */
const retention = RetentionDays.THREE_MONTHS;

/**
 * One customer-managed key for the log groups of every stack of a stage (the Data stack's): logs can hold
 * customer names and e-mail addresses.
 */
export function logsKey(scope: Construct) {
  const stack = Stack.of(scope);
  const key = new Key(scope, 'LogsKey', {
    description: 'Encrypts the CloudWatch log groups of the order follow-up stacks',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(30),
  });
  const logGroupArns = stack.formatArn({
    service: 'logs',
    resource: 'log-group',
    resourceName: '*',
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  key.grantEncryptDecrypt(
    new ServicePrincipal(`logs.${stack.region}.amazonaws.com`).withConditions({
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroupArns },
    }),
  );
  return key;
}

/** A log group under the logs key; `logGroupName` only where a service wants a name of its own (else generated). */
export function encryptedLogGroup(scope: Construct, id: string, encryptionKey: IKey, logGroupName?: string) {
  return new LogGroup(scope, id, { encryptionKey, retention, ...(logGroupName ? { logGroupName } : {}) });
}

/**
 * A state machine's log group: Step Functions delivers through CloudWatch vended logs, whose resource policy
 * (which it otherwise rewrites on every deploy, up to its size limit) covers `/aws/vendedlogs/*`.
 */
export const stateMachineLogGroupName = (stateMachineName: string) => `/aws/vendedlogs/states/${stateMachineName}`;
