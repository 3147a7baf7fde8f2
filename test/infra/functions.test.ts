import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes as routeTable } from '../../functions/routes.ts';
import { workers } from '../../functions/workers.ts';
import { leftOutMessage } from '../../infra/bundle.ts';
import { packageFilesOf } from '../../infra/package-files.ts';
import { functionExport } from '../../infra/shared.ts';
import type { Grant, RouteDefinition } from '../../shared/http/route.ts';
import { bundledName } from '../../shared/package-files.ts';
import { functionArnPlaceholder, stateMachines } from '../../state-machines/index.ts';
import { schedules } from '../../state-machines/schedules.ts';
import { stateMachineArnOf } from './arns.ts';
import {
  actionsOf,
  exportOf,
  functionOf,
  getAtt,
  importOf,
  logicalIdOf,
  resourcesIn,
  resourcesOfApp,
  settingIn,
  stackNamed,
  statementsOf,
  synthesizedApp,
  templateOf,
  unitNamed,
} from './synthesized.ts';

// The one synth of the test run (test/infra/synthesized.ts): whichever file runs first pays for it.
beforeAll(() => {
  synthesizedApp();
});

const routes: readonly RouteDefinition[] = routeTable;
const names = [...routes.map((route) => route.operationId), ...workers.map((worker) => worker.name)];
const handlers = [
  ...routes.map((route) => [route.operationId, route.handler] as const),
  ...workers.map((worker) => [worker.name, worker.handler] as const),
];
const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** The directory of the function's code asset in the cloud assembly: what is zipped and deployed. */
const assetOf = (name: string) => {
  const key = functionOf(name).resource.Properties.Code.S3Key as string;
  return join(synthesizedApp().app.outdir, `asset.${key.replace(/\.zip$/, '')}`);
};
const environment = (name: string) => functionOf(name).resource.Properties.Environment.Variables;

describe('functions', () => {
  it('are one per route and per worker: Node.js 24 on arm64, traced, with their own encrypted log group', () => {
    expect(resourcesOfApp('AWS::Lambda::Function')).toHaveLength(names.length);
    for (const name of names) {
      expect(functionOf(name).resource.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: logicalIdOf(name, 'Logs') } },
      });
    }
    for (const { resource } of resourcesOfApp('AWS::Logs::LogGroup')) {
      expect(resource.Properties).toMatchObject({ KmsKeyId: importOf('LogsKeyArn'), RetentionInDays: 90 });
    }
  });

  it('are bundled as ES modules with a require() shim and a source map, importing the AWS SDK of the runtime', () => {
    for (const name of names) {
      const asset = assetOf(name);
      const bundle = readFileSync(join(asset, 'index.mjs'), 'utf8');
      expect(bundle.startsWith("import { createRequire } from 'node:module';")).toBe(true);
      expect(existsSync(join(asset, 'index.mjs.map'))).toBe(true);
      expect(bundle).toMatch(/from\s*"@aws-sdk\/|import\("@aws-sdk\//);
    }
  });

  it("carry zod without its JSON-schema conversion: the stand-ins of infra/bundle.ts, none of zod's converters", () => {
    for (const name of names) {
      const bundle = readFileSync(join(assetOf(name), 'index.mjs'), 'utf8');
      // The drafts' URIs are in zod's converters (to and from JSON Schema) and nowhere else a bundle takes from.
      expect(bundle, name).not.toContain('json-schema.org/draft');
      expect(bundle, name).toContain(leftOutMessage);
      const { sources } = JSON.parse(readFileSync(join(assetOf(name), 'index.mjs.map'), 'utf8')) as {
        sources: string[];
      };
      expect(
        sources.filter(
          (source) =>
            /node_modules\/zod\/.*json-schema/.test(source) && !source.startsWith('zod-json-schema-left-out:'),
        ),
        name,
      ).toEqual([]);
    }
  });

  it('carry the fonts and the WebAssembly beside the bundle when, and only when, their handler reaches a reader', () => {
    expect(readdirSync(assetOf('getDeliveryNote')).sort()).toEqual([
      'NotoSansHans-Bold.otf',
      'NotoSansHans-Regular.otf',
      'index.mjs',
      'index.mjs.map',
    ]);
    expect(readdirSync(assetOf('getCustomer')).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    // Every function: its bundle, its map and the files of the readers its handler's imports reach (infra/package-files.ts).
    for (const [name, handler] of handlers) {
      const files = packageFilesOf(handler).map(bundledName);
      expect(readdirSync(assetOf(name)).sort(), name).toEqual(['index.mjs', 'index.mjs.map', ...files].sort());
    }
    expect(handlers.filter(([, handler]) => packageFilesOf(handler).length > 0).length).toBeLessThan(names.length / 4);
    // And against what esbuild put in each bundle: code that names a file has the file beside it.
    for (const name of names) {
      const bundle = readFileSync(join(assetOf(name), 'index.mjs'), 'utf8');
      const beside = readdirSync(assetOf(name));
      for (const file of ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf', 'index_bg.wasm']) {
        if (bundle.includes(file)) expect(beside, name).toContain(file);
      }
    }
  });

  it('read the table name, the bus name, the sender and the API URL from their environment', () => {
    expect(environment('getCustomer')).toMatchObject({
      TABLE_NAME: importOf('TableName'),
      POWERTOOLS_SERVICE_NAME: 'order-follow-up',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
    expect(environment('getCustomer').MAIL_FROM).toBeUndefined();
    expect(environment('publish-events')).toMatchObject({ EVENT_BUS_NAME: importOf('EventBusName') });
    expect(environment('notify')).toMatchObject({
      MAIL_FROM: settingIn(functionOf('notify').stack, 'mail-from'),
      SES_CONFIGURATION_SET: importOf('MailConfigurationSetName'),
      APP_URL: importOf('ApiUrl'),
    });
  });

  it('read the deployment settings they declare from the Data stack’s parameters (through SSM), and only those', () => {
    expect(environment('order-change')).toMatchObject({
      PRODUCTION_EMAIL: settingIn(functionOf('order-change').stack, 'production-email'),
    });
    expect(environment('notify').PRODUCTION_EMAIL).toBeUndefined();
  });

  it('give the cancellation workflow its limits as a deployment setting (R16); people come from the directory', () => {
    expect(environment('order-cancellation')).toMatchObject({
      CANCELLATION_LIMITS: settingIn(functionOf('order-cancellation').stack, 'cancellation-limits'),
    });
    expect(environment('order-intake').CANCELLATION_LIMITS).toBeUndefined();
    for (const name of ['order-intake', 'order-cancellation', 'request-approval', 'step-failed']) {
      expect(Object.keys(environment(name)).filter((variable) => variable.endsWith('_EMAIL'))).toEqual([]);
    }
  });

  it('may do only what their grants say (least privilege)', () => {
    expect(actionsOf('getCustomer')).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const action of [...writeActions, 'events:PutEvents', 'ses:SendRawEmail']) {
      expect(actionsOf('getCustomer')).not.toContain(action);
    }
    const writes = (grant: Grant) => grant === 'table:write' || (typeof grant === 'object' && grant.table === 'write');
    for (const route of routes.filter((route) => !route.grants.some(writes))) {
      expect(actionsOf(route.operationId)).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/PutItem|Update/)]),
      );
    }
    expect(actionsOf('publish-events')).toContain('events:PutEvents');
    // The relay marks what it published (UpdateItem on the outbox item); it sends no mail and starts nothing.
    expect(actionsOf('publish-events')).toContain('dynamodb:UpdateItem');
    expect(actionsOf('publish-events')).not.toContain('ses:SendRawEmail');
    expect(actionsOf('republish-events')).toEqual(
      expect.arrayContaining(['events:PutEvents', 'dynamodb:Query', 'dynamodb:UpdateItem']),
    );
    expect(actionsOf('notify')).toEqual(expect.arrayContaining(['ses:SendRawEmail', 'dynamodb:PutItem']));
    expect(actionsOf('notify')).not.toContain('events:PutEvents');
  });

  it('let only the archive worker export the table, to the exports/ prefix of the archive bucket (R42)', () => {
    const exporters = [
      ...routes.map((route) => ({ name: route.operationId, grants: route.grants })),
      ...workers.map((worker) => ({ name: worker.name, grants: worker.grants })),
    ].filter(({ name }) => actionsOf(name).includes('dynamodb:ExportTableToPointInTime'));
    expect(exporters).toEqual([{ name: 'table-archive', grants: ['table:export'] }]);
    const statements = statementsOf('table-archive') as { Action: string | string[]; Resource: unknown }[];
    const on = (service: string) =>
      statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith(service)));
    expect(on('dynamodb:').map((statement) => statement.Action)).toEqual(['dynamodb:ExportTableToPointInTime']);
    const [s3, ...more] = on('s3:');
    expect(more).toEqual([]);
    expect([s3?.Action].flat().sort()).toEqual(['s3:AbortMultipartUpload', 's3:PutObject', 's3:PutObjectAcl']);
    const resource = JSON.stringify(s3?.Resource);
    expect(resource).toContain(JSON.stringify(importOf('ArchiveBucketName')));
    expect(resource).toMatch(/"\/exports\/\*"/);
    // It reads no item: the export reads the table's backups.
    expect(actionsOf('table-archive').filter((action) => /GetItem|Query|Scan|PutItem/.test(action))).toEqual([]);
    expect(environment('table-archive')).toMatchObject({ ARCHIVE_BUCKET: importOf('ArchiveBucketName') });
  });

  it('give the public link routes only the items they touch: the table alone, under dynamodb:LeadingKeys', () => {
    const dynamoDb = (name: string) =>
      statementsOf(name).filter((statement: { Action: string | string[] }) =>
        [statement.Action].flat().some((action) => action.startsWith('dynamodb:')),
      );
    const leadingKeys = (name: string) =>
      dynamoDb(name).map(
        (statement: { Condition?: Record<string, Record<string, string[]>> }) =>
          statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'],
      );
    expect(leadingKeys('showApprovalLink')).toEqual([['APPROVAL_LINK#*', 'APPROVAL#*']]);
    // And the one-time codes it sends and checks (docs/decisions/approval-codes.md).
    expect(leadingKeys('decideByLink')).toEqual([
      ['APPROVAL_LINK#*', 'APPROVAL#*', 'APPROVAL_CODE#*', 'STAFF', 'SIGNOFF#*'],
      ['APPROVAL#*', 'APPROVAL_CODE#*', 'EVENT#*', 'SIGNOFF#*', 'ORDER#*', 'CUSTOMER#*'],
    ]);
    for (const name of ['showApprovalLink', 'decideByLink']) {
      for (const statement of dynamoDb(name)) {
        // The table itself: no index (its key is not the partition key the condition names), no scan.
        expect(statement.Resource, name).toEqual({ 'Fn::Join': ['', expect.arrayContaining([':table/'])] });
        expect(statement.Action, name).not.toContain('dynamodb:Scan');
      }
    }
    expect(actionsOf('showApprovalLink').filter((action: string) => writeActions.includes(action))).toEqual([]);
  });

  it('reach the table, the bus and the configuration set of the Data stack only through their exports', () => {
    const tableArn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':dynamodb:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':table/',
          importOf('TableName'),
        ],
      ],
    };
    expect(statementsOf('getCustomer')).toContainEqual(
      expect.objectContaining({
        Action: expect.arrayContaining(['dynamodb:GetItem']),
        Resource: expect.arrayContaining([tableArn]),
      }),
    );
  });

  it('send mail only as MailFrom, through the configuration set', () => {
    const { stack, resource } = functionOf('notify');
    const mailFrom = settingIn(stack, 'mail-from');
    templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: resource.Properties.Role['Fn::GetAtt'][0] }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 'ses:SendRawEmail',
            Effect: 'Allow',
            Condition: { StringEquals: { 'ses:FromAddress': mailFrom } },
            Resource: [
              { 'Fn::Join': ['', Match.arrayWith([':identity/', mailFrom])] },
              { 'Fn::Join': ['', Match.arrayWith([':identity/', settingIn(stack, 'mail-domain')])] },
              { 'Fn::Join': ['', Match.arrayWith([':configuration-set/', importOf('MailConfigurationSetName')])] },
            ],
          },
        ]),
      },
    });
  });
});

describe('events', () => {
  it('relays the outbox from the table stream with a filter, partial batch failures and a DLQ', () => {
    const relay = workers.find((worker) => worker.tableStream);
    if (!relay?.tableStream) throw new Error('no stream worker');
    const mappings = resourcesOfApp('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const [{ stack, resource: mapping }] = mappings as [(typeof mappings)[number]];
    expect(stack).toBe(functionOf(relay.name).stack);
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: logicalIdOf(relay.name, 'Function') },
      EventSourceArn: importOf('TableStreamArn'),
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: getAtt(logicalIdOf(relay.name, 'DeadLetters'), 'Arn') } },
    });
    expect(
      mapping.Properties.FilterCriteria.Filters.map((filter: { Pattern: string }) => JSON.parse(filter.Pattern)),
    ).toEqual([{ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['event'] } } } }]);
  });

  it('has one rule per worker rule, on the bus of the Data stack, with its pattern, a retry policy and a DLQ', () => {
    const expected = workers.flatMap((worker) => (worker.rules ?? []).map((rule) => ({ worker, rule })));
    expect(resourcesOfApp('AWS::Events::Rule')).toHaveLength(expected.length);
    for (const { worker, rule } of expected) {
      const onDefault = rule.bus === 'default';
      templateOf(functionOf(worker.name).stack).hasResourceProperties('AWS::Events::Rule', {
        EventBusName: onDefault ? 'default' : importOf('EventBusName'),
        EventPattern: onDefault
          ? {
              ...rule.pattern,
              detail: { mail: { tags: { 'ses:configuration-set': [importOf('MailConfigurationSetName')] } } },
            }
          : rule.pattern,
        Targets: [
          {
            Arn: getAtt(logicalIdOf(worker.name, 'Function'), 'Arn'),
            Id: Match.anyValue(),
            DeadLetterConfig: { Arn: getAtt(logicalIdOf(worker.name, 'DeadLetters'), 'Arn') },
            RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21600 },
          },
        ],
      });
    }
  });

  it("takes SES's bounces and complaints of this stage's configuration set from the default bus to mail-feedback", () => {
    templateOf(functionOf('mail-feedback').stack).hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [importOf('MailConfigurationSetName')] } } },
      },
      Targets: [Match.objectLike({ Arn: getAtt(logicalIdOf('mail-feedback', 'Function'), 'Arn') })],
    });
  });

  it('parks failed asynchronous invocations of rule-driven workers', () => {
    for (const worker of workers.filter((worker) => worker.rules)) {
      templateOf(functionOf(worker.name).stack).hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalIdOf(worker.name, 'Function') },
        DestinationConfig: {
          OnFailure: { Destination: getAtt(logicalIdOf(worker.name, 'DeadLetters'), 'Arn') },
        },
      });
    }
  });

  it('has an encrypted, TLS-only dead-letter queue per worker that a stream, a rule or a schedule triggers', () => {
    const triggered = workers.filter(
      (worker) => worker.tableStream || worker.rules || schedules.some((s) => s.target.worker === worker.name),
    );
    expect(triggered.length).toBeLessThan(workers.length);
    const queues = resourcesOfApp('AWS::SQS::Queue');
    expect(queues.map(({ id }) => id).sort()).toEqual(
      triggered.map((worker) => logicalIdOf(worker.name, 'DeadLetters')).sort(),
    );
    for (const { stack, id, resource: queue } of queues) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      templateOf(stack).hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('workflows', () => {
  const arnOf = (name: string) => stateMachineArnOf(synthesizedApp().deployment.workflowName(name));

  it('are one Standard state machine per definition, named with the stage, invoking its workers, logged and traced', () => {
    expect(resourcesOfApp('AWS::StepFunctions::StateMachine')).toHaveLength(stateMachines.length);
    for (const definition of stateMachines) {
      const { stack } = unitNamed(`workflow-${definition.name}`);
      templateOf(stack).hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineName: synthesizedApp().deployment.workflowName(definition.name),
        StateMachineType: 'STANDARD',
        DefinitionSubstitutions: Object.fromEntries(
          definition.invokes.map((worker) => {
            // A worker of the workflow's own stack by reference, one of another stack by its export.
            const local = functionOf(worker).stack === stack;
            if (!local) expect(exportOf(functionExport(worker)).stack).toBe(functionOf(worker).stack);
            const arn = local ? getAtt(functionOf(worker).logicalId, 'Arn') : importOf(functionExport(worker));
            return [functionArnPlaceholder(worker), arn];
          }),
        ),
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
      });
    }
  });

  it('are deployed with their own worker (the one named like them)', () => {
    for (const definition of stateMachines) {
      expect(unitNamed(`workflow-${definition.name}`).stack).toBe(functionOf(definition.name).stack);
    }
  });

  it('may invoke only the workers they name', () => {
    for (const definition of stateMachines) {
      const { stack } = unitNamed(`workflow-${definition.name}`);
      const role = templateOf(stack).findResources('AWS::StepFunctions::StateMachine')[
        logicalIdOf(`workflow-${definition.name}`, 'StateMachine')
      ]?.Properties.RoleArn['Fn::GetAtt'][0];
      const invoked = resourcesIn(stack, 'AWS::IAM::Policy')
        .filter(([, policy]) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
        .filter((statement: { Action: string }) => statement.Action === 'lambda:InvokeFunction')
        .flatMap((statement: { Resource: unknown }) => [statement.Resource].flat());
      const expected = definition.invokes.flatMap((worker) => {
        const arn =
          functionOf(worker).stack === stack
            ? getAtt(functionOf(worker).logicalId, 'Arn')
            : importOf(functionExport(worker));
        return [arn, { 'Fn::Join': ['', [arn, ':*']] }];
      });
      expect(invoked, definition.name).toEqual(expect.arrayContaining(expected));
      expect(invoked, definition.name).toHaveLength(expected.length);
    }
  });

  it('are started, answered and stopped only by the functions whose grants say so', () => {
    const functions = [
      ...routes.map((route) => ({ name: route.operationId, grants: route.grants })),
      ...workers.map((worker) => ({ name: worker.name, grants: worker.grants })),
    ];
    expect(functions.some((fn) => fn.grants.includes('workflows:start'))).toBe(true);
    expect(functions.some((fn) => fn.grants.includes('workflows:callback'))).toBe(true);
    for (const { name, grants } of functions) {
      const actions = actionsOf(name);
      expect(actions.includes('states:StartExecution'), name).toBe(grants.includes('workflows:start'));
      expect(actions.includes('states:SendTaskSuccess'), name).toBe(grants.includes('workflows:callback'));
      expect(actions.includes('states:StopExecution'), name).toBe(grants.includes('workflows:stop'));
      const variables = environment(name);
      const readsArns = grants.includes('workflows:start') || grants.includes('workflows:stop');
      for (const { name: workflow } of stateMachines) {
        const variable = `STATE_MACHINE_${workflow.toUpperCase().replaceAll('-', '_')}`;
        expect(variables[variable], name).toEqual(readsArns ? arnOf(workflow) : undefined);
      }
    }
  });
});

describe('alarms', () => {
  const alarms = () => resourcesOfApp('AWS::CloudWatch::Alarm').map(({ resource }) => resource.Properties);

  it('go to the one topic of the Data stack (its own alarms, on the bounce rate, by reference)', () => {
    expect(alarms().length).toBeGreaterThan(0);
    const data = stackNamed('Data');
    const [topicId] = resourcesIn(data, 'AWS::SNS::Topic')[0] ?? [];
    for (const { stack, resource } of resourcesOfApp('AWS::CloudWatch::Alarm')) {
      const topic = stack === data ? { Ref: topicId } : importOf('AlarmTopicArn');
      expect(resource.Properties.AlarmActions).toEqual([topic]);
    }
  });

  it('watch the depth of every dead-letter queue', () => {
    for (const { id } of resourcesOfApp('AWS::SQS::Queue')) {
      expect(alarms()).toContainEqual(
        expect.objectContaining({
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: getAtt(id, 'QueueName') }],
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        }),
      );
    }
  });

  it('watch the failed and timed-out executions of every workflow', () => {
    for (const { name } of stateMachines) {
      for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
        expect(alarms()).toContainEqual(
          expect.objectContaining({
            MetricName: metric,
            Namespace: 'AWS/States',
            Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: logicalIdOf(`workflow-${name}`, 'StateMachine') } }],
          }),
        );
      }
    }
  });

  it('watch the errors of every function', () => {
    for (const name of names) {
      expect(alarms()).toContainEqual(
        expect.objectContaining({
          MetricName: 'Errors',
          Namespace: 'AWS/Lambda',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(name, 'Function') } }],
        }),
      );
    }
  });
});
