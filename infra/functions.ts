import { join } from 'node:path';
import { type Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, type IFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { type Setting, settings } from '../functions/workers.ts';
import { stateMachineArnVariable } from '../shared/adapters/aws/step-functions.ts';
import type { Grant, ItemsGrant } from '../shared/http/route.ts';
import { archiveExports } from './archive.ts';
import { encryptedLogGroup } from './logs.ts';
import type { Mail } from './mail.ts';
import { asNagNamesIt } from './nag.ts';
import { copyCommands, packageFilesOf } from './package-files.ts';
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

/** Lambda's Node.js runs ESM bundles; a few CommonJS dependencies still call require(). */
const esmRequireBanner = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Package modules the bundles take from elsewhere, as esbuild's `--alias` (to a path from the project root, where CDK
 * runs esbuild): fontkit's WOFF2 decoder is Node's (shared/documents/brotli.ts) rather than 475 KB of JavaScript.
 */
const aliases = { 'brotli/decompress.js': './shared/documents/brotli.ts' };

/** How every function's code is bundled (bench/ measures the same bundles); see `bundlingOf` for the files beside it. */
export const bundling = {
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: esmRequireBanner,
  minify: true,
  sourceMap: true,
  // Stack traces need the mappings only; without the sources the map stays small to load at cold start.
  sourcesContent: false,
  externalModules: ['@aws-sdk/*'],
  esbuildArgs: { '--alias': Object.entries(aliases).map(([from, to]) => `${from}=${to}`) },
};

/**
 * How one handler is bundled: `bundling`, and for a handler that reaches a module reading files of an npm package at
 * run time (fonts, WebAssembly: infra/package-files.ts), an `afterBundling` hook that copies those files from the
 * repository's node_modules next to the bundle. Offline, unlike `nodeModules`; the other functions stay code only.
 */
export function bundlingOf(handler: string): BundlingOptions {
  const files = packageFilesOf(handler);
  if (files.length === 0) return bundling;
  return {
    ...bundling,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir, outputDir) => copyCommands(files, inputDir, outputDir),
    },
  };
}

/**
 * A handler of the route or worker table as an arm64 Lambda, bundled by esbuild, traced, with only its grants:
 * `Function` and its `Logs` in `scope`, the construct of its route or worker.
 */
export function handlerFunction(scope: Construct, spec: FunctionSpec, resources: Resources) {
  const fn = new NodejsFunction(scope, 'Function', {
    description: spec.description.slice(0, 256),
    entry: join(repoRoot, spec.handler),
    handler: 'handler',
    projectRoot: repoRoot,
    depsLockFilePath: join(repoRoot, 'package-lock.json'),
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
    bundling: bundlingOf(spec.handler),
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
