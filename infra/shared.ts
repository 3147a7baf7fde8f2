import { CfnOutput, Fn, type Stack } from 'aws-cdk-lib';
import { pascalCase } from '../shared/naming.ts';
import type { Deployment } from './deployment.ts';

/**
 * The values one stack offers the others: each an output exported under `<stage prefix>-<name>` and imported by
 * that name (`Fn::ImportValue`), never through a construct of another stack. The contract between the stacks is
 * this list, and no export name depends on a logical id. (CDK's automatic cross-stack references would also
 * work, but their export names follow logical ids, which cdk-nag acknowledgements would then have to guess.)
 */
export const sharedValues = {
  TableName: 'The single table',
  TableStreamArn: "The table's stream (the outbox)",
  ArchiveBucketName: 'The archive: the monthly exports of the table (R42)',
  EventBusName: 'The bus of the domain events',
  LogsKeyArn: 'The KMS key of every log group',
  AlarmTopicArn: 'Subscribe operators here: dead letters, function errors, stream lag, failed workflows',
  MailConfigurationSetName: 'The SES configuration set every e-mail is sent with',
  UserPoolId: 'The user pool: create users here, each in the groups of their roles',
  UserPoolClientId: 'The app client whose ID tokens the API accepts',
  ApiId: 'The HTTP API the context stacks add their routes to',
  ApiUrl: 'Base URL of the HTTP API',
  AuthorizerId: "The HTTP API's JWT authorizer (the user pool)",
} as const;

export type SharedValue = keyof typeof sharedValues;

/** Exports `value` from `stack` (and shows it as one of its outputs). */
export function offer(stack: Stack, deployment: Deployment, name: SharedValue, value: string) {
  return new CfnOutput(stack, name, {
    value,
    description: sharedValues[name],
    exportName: deployment.exportName(name),
  });
}

/** A value another stack of the same stage offers; CloudFormation refuses to deploy without that export. */
export const imported = (deployment: Deployment, name: SharedValue | `${string}FunctionArn`) =>
  Fn.importValue(deployment.exportName(name));

/** The export name of a worker that workflows of other stacks invoke: `<prefix>-RequestApprovalFunctionArn`. */
export const functionExport = (worker: string) => `${pascalCase(worker)}FunctionArn` as const;

/** Exports a worker's ARN for the workflows of other stacks that invoke it. */
export function offerFunction(stack: Stack, deployment: Deployment, worker: string, functionArn: string) {
  return new CfnOutput(stack, functionExport(worker), {
    value: functionArn,
    description: `${worker}, invoked by workflows of other stacks`,
    exportName: deployment.exportName(functionExport(worker)),
  });
}
