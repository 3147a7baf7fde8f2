import { execFileSync } from 'node:child_process';
import { AssetHashType, AssetStaging, type Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Architecture,
  Code,
  type IFunction,
  Function as LambdaFunction,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { type Setting, settings } from '../functions/workers.ts';
import { stateMachineArnVariable } from '../shared/adapters/aws/step-functions.ts';
import type { Grant, ItemsGrant } from '../shared/http/route.ts';
import { archiveExports } from './archive.ts';
import { encryptedLogGroup } from './logs.ts';
import type { Mail } from './mail.ts';
import { asNagNamesIt } from './nag.ts';
import { repoRoot } from './paths.ts';
import { workflowExecutionsArn } from './workflows.ts';

/** What every function may be given access to. */
export type Resources = {
  table: ITableV2;
  /** R42: the bucket the monthly exports of the table go to. */
  archive: IBucket;
  bus: IEventBus;
  mail: Mail;
  appUrl: string;
  logsKey: IKey;
  /**
   * The ARNs of the stage's workflows by name. Built from their names, not taken from the state machines: a
   * workflow may invoke the very function that starts or answers it, and may live in another stack.
   */
  workflows: ReadonlyMap<string, string>;
  /** Where the business metrics go: the stage's prefix. */
  metricsNamespace: string;
  /** A deployment setting, as the function's stack reads it (infra/settings.ts). */
  setting(name: Setting): string;
};

/** One handler module of the route or worker table. */
export type FunctionSpec = {
  name: string;
  description: string;
  handler: string;
  grants: readonly Grant[];
  settings?: readonly Setting[];
  memorySize: number;
  timeout: Duration;
};

/** Each grant of the definitions, as the narrowest IAM grant and the environment the adapter reads. */
type Access = { grant(fn: IFunction, r: Resources): void; environment(r: Resources): Record<string, string> };

const access: Record<Exclude<Grant, ItemsGrant>, Access> = {
  'table:read': {
    grant: (fn, { table }) => table.grantReadData(fn),
    environment: ({ table }) => ({ TABLE_NAME: table.tableName }),
  },
  'table:write': {
    grant: (fn, { table }) => table.grantWriteData(fn),
    environment: ({ table }) => ({ TABLE_NAME: table.tableName }),
  },
  'table:export': {
    // The export reads the table from its backups, not its items: no dynamodb:GetItem/Query/Scan, and DynamoDB
    // writes the files with the caller's permissions, on the exports' prefix alone (AWS's documented set).
    grant: (fn, { table, archive }) => {
      const exports = archive.arnForObjects(`${archiveExports}*`);
      fn.addToRolePolicy(
        new PolicyStatement({ actions: ['dynamodb:ExportTableToPointInTime'], resources: [table.tableArn] }),
      );
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:PutObject', 's3:PutObjectAcl', 's3:AbortMultipartUpload'],
          resources: [exports],
        }),
      );
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${asNagNamesIt(Stack.of(fn).resolve(exports))}]`,
        reason:
          "An export writes files it names itself (its id, its data files) under the archive's exports/ prefix; the wildcard is that prefix of one bucket.",
      });
    },
    environment: ({ table, archive }) => ({ TABLE_ARN: table.tableArn, ARCHIVE_BUCKET: archive.bucketName }),
  },
  'events:put': {
    grant: (fn, { bus }) => bus.grantPutEventsTo(fn),
    environment: ({ bus }) => ({ EVENT_BUS_NAME: bus.eventBusName }),
  },
  'mail:send': {
    grant: (fn, { mail }) => mail.grantSend(fn),
    // Mail carries links into the application.
    environment: ({ mail, appUrl }) => ({ ...mail.environment, APP_URL: appUrl }),
  },
  'workflows:start': {
    grant: (fn, { workflows }) => grantOnWorkflows(fn, workflows, ['states:StartExecution']),
    environment: ({ workflows }) =>
      Object.fromEntries([...workflows].map(([name, arn]) => [stateMachineArnVariable(name), arn])),
  },
  'workflows:callback': {
    // Task responses are authorised against the state machine of the token's task.
    grant: (fn, { workflows }) =>
      grantOnWorkflows(fn, workflows, ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat']),
    environment: () => ({}),
  },
  'workflows:stop': {
    // StopExecution is authorised against the execution: `<workflow>:*`, every execution of the stage's workflows.
    grant: (fn, { workflows }) => {
      const executions = [...workflows.values()].map(workflowExecutionsArn);
      if (executions.length === 0) return;
      fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StopExecution'], resources: executions }));
      acknowledgeExecutions(fn, executions);
    },
    // The adapter derives the execution's ARN from its workflow's ARN and the execution's name.
    environment: ({ workflows }) =>
      Object.fromEntries([...workflows].map(([name, arn]) => [stateMachineArnVariable(name), arn])),
  },
};

/**
 * The item actions on the table itself, under a `dynamodb:LeadingKeys` condition: every partition key the call
 * names must match one of the grant's patterns. No index and no Scan: neither names the table's partition key, and
 * `ForAllValues` holds for a call that names none.
 */
const itemActions = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
};

const itemsAccess = (items: ItemsGrant): Access => ({
  grant: (fn, { table }) =>
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: itemActions[items.table],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...items.keys] } },
      }),
    ),
  environment: ({ table }) => ({ TABLE_NAME: table.tableName }),
});

const accessOf = (grant: Grant) => (typeof grant === 'string' ? access[grant] : itemsAccess(grant));

function grantOnWorkflows(fn: IFunction, workflows: Resources['workflows'], actions: string[]) {
  if (workflows.size === 0) return;
  fn.addToRolePolicy(new PolicyStatement({ actions, resources: [...workflows.values()] }));
}

/** `<workflow>:*` is the executions of one workflow of the stage, not a wildcard over workflows. */
function acknowledgeExecutions(fn: IFunction, executions: string[]) {
  for (const executionsArn of executions) {
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${asNagNamesIt(Stack.of(fn).resolve(executionsArn))}]`,
      reason:
        "StopExecution is granted per execution, whose name is known only at run time; the wildcard covers the executions of one of the stage's workflows.",
    });
  }
}

/** A table grant covers the table's indexes too: `<table>/index/*` is one table's indexes, not a wildcard over tables. */
function acknowledgeIndexes(fn: IFunction, table: ITableV2) {
  Validations.of(fn).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${asNagNamesIt(Stack.of(fn).resolve(`${table.tableArn}/index/*`))}]`,
    reason: "Queries run on the single table's GSIs; the wildcard names only the indexes of this one table.",
  });
}

/**
 * A handler's code as `node infra/bundle.ts` bundles it: esbuild with the functions' options and a plugin that leaves
 * zod's JSON-schema conversion out, and the package files the handler needs beside the bundle (NodejsFunction runs
 * esbuild's CLI, which takes no plugins). Bundled locally, by the Node that runs the app, from the installed
 * node_modules: offline, no Docker. A local failure stops the synth; the Docker command, the same script in Lambda's
 * Node.js 24 build image on the repository mounted at /asset-input, is only what CDK would run were local bundling
 * to decline. Hashed by the output: the bundle is what the code is, not the repository's files.
 */
function handlerCode(handler: string) {
  return Code.fromAsset(repoRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: Runtime.NODEJS_24_X.bundlingImage,
      command: ['node', 'infra/bundle.ts', handler, AssetStaging.BUNDLING_OUTPUT_DIR],
      local: {
        tryBundle(outputDir) {
          execFileSync(process.execPath, ['infra/bundle.ts', handler, outputDir], {
            cwd: repoRoot,
            stdio: ['ignore', process.stderr, 'inherit'],
          });
          return true;
        },
      },
    },
  });
}

/**
 * A handler of the route or worker table as an arm64 Lambda, bundled by `handlerCode`, traced, with only its grants:
 * `Function` and its `Logs` in `scope`, the construct of its route or worker.
 */
export function handlerFunction(scope: Construct, spec: FunctionSpec, resources: Resources) {
  const fn = new LambdaFunction(scope, 'Function', {
    description: spec.description.slice(0, 256),
    code: handlerCode(spec.handler),
    handler: 'index.handler',
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    memorySize: spec.memorySize,
    timeout: spec.timeout,
    tracing: Tracing.ACTIVE,
    logGroup: encryptedLogGroup(scope, 'Logs', resources.logsKey),
    environment: {
      POWERTOOLS_SERVICE_NAME: 'order-follow-up',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      // Business metrics (shared/metrics.ts), apart per stage.
      POWERTOOLS_METRICS_NAMESPACE: resources.metricsNamespace,
      NODE_OPTIONS: '--enable-source-maps',
      ...Object.assign({}, ...spec.grants.map((grant) => accessOf(grant).environment(resources))),
      ...Object.fromEntries((spec.settings ?? []).map((name) => [settings[name].variable, resources.setting(name)])),
    },
  });
  for (const grant of spec.grants) accessOf(grant).grant(fn, resources);
  // Keyed grants (ItemsGrant) name the table alone; the whole-table grants include its indexes.
  if (spec.grants.some((grant) => grant === 'table:read' || grant === 'table:write')) {
    acknowledgeIndexes(fn, resources.table);
  }
  Validations.of(fn).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The AWS managed basic execution role only lets the function write its own logs.',
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
    },
  );
  return fn;
}
