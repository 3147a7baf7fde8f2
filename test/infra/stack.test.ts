import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type CfnElement, type Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes as routeTable } from '../../functions/routes.ts';
import { workers } from '../../functions/workers.ts';
import { buildApp } from '../../infra/assembly.ts';
import { roles } from '../../shared/domain/roles.ts';
import type { RouteDefinition } from '../../shared/http/route.ts';
import { tableDefinition } from '../../shared/persistence/table.ts';
import { functionArnPlaceholder, stateMachines } from '../../state-machines/index.ts';
import { schedules } from '../../state-machines/schedules.ts';
import { stateMachineArnOf } from './arns.ts';

type Resource = { Type: string; Properties: Record<string, any> };

const routes: readonly RouteDefinition[] = routeTable;

let app: App;
let stack: Stack;
let template: Template;

beforeAll(() => {
  // A finding then fails the cdk-nag test below by name, instead of the synth that every test needs.
  ({ app, stack } = buildApp(new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } })));
  template = Template.fromStack(stack);
});

const resources = (type: string) => Object.entries(template.findResources(type) as Record<string, Resource>);
function single(type: string) {
  const all = resources(type);
  expect(all).toHaveLength(1);
  return all[0] as [string, Resource];
}
const logicalIdOf = (constructId: string) =>
  stack.getLogicalId(stack.node.findChild(constructId).node.defaultChild as CfnElement);
const stateMachineIdOf = (name: string) => {
  const workflow = stack.node.findChild(`workflow-${name}`).node.findChild('StateMachine');
  return stack.getLogicalId(workflow.node.defaultChild as CfnElement);
};
const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });

/** The function of a route (by operationId) or of a worker (by name), as synthesized. */
function functionOf(name: string) {
  const fn = template.findResources('AWS::Lambda::Function')[logicalIdOf(name)] as Resource | undefined;
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
}

/** Every action the function's role may take. */
function actionsOf(name: string) {
  const role = functionOf(name).Properties.Role['Fn::GetAtt'][0];
  return resources('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
    .flatMap((statement: { Action: string | string[] }) => [statement.Action].flat());
}

const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

describe('the single table', () => {
  it('is on demand, recoverable, protected, streamed, expiring, with the GSIs of the definition', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: { SSEEnabled: true },
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ],
    });
    const [, table] = single('AWS::DynamoDB::GlobalTable');
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      tableDefinition.globalSecondaryIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });
});

describe('users', () => {
  it('is a user pool without self sign-up, with a strong password policy, threat protection and customerId', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'customerId', AttributeDataType: 'String' })]),
    });
  });

  it('has one group per role', () => {
    const groups = resources('AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties.GroupName);
    expect(groups.sort()).toEqual([...roles].sort());
  });

  it('lets the app client read custom:customerId but never write it', () => {
    const [, client] = single('AWS::Cognito::UserPoolClient');
    expect(client.Properties.ReadAttributes).toContain('custom:customerId');
    expect(client.Properties.WriteAttributes).not.toContain('custom:customerId');
    expect(client.Properties.WriteAttributes).not.toContain('email');
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
  });
});

describe('the HTTP API', () => {
  it('has a JWT authorizer backed by the user pool and its client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('^UsersPoolApiClient') }],
        Issuer: Match.objectLike({
          'Fn::Join': ['', Match.arrayWith([{ Ref: Match.stringLikeRegexp('^UsersPool') }])],
        }),
      },
    });
  });

  it('has one route per entry of the route table, protected unless public', () => {
    const [authorizerId] = single('AWS::ApiGatewayV2::Authorizer');
    const byKey = new Map(resources('AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties.RouteKey, route]));
    expect([...byKey.keys()].sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
    for (const route of routes) {
      const properties = byKey.get(`${route.method} ${route.path}`)?.Properties;
      if (route.access === 'public') expect(properties?.AuthorizationType).toBe('NONE');
      else expect(properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    }
  });

  it('integrates each route with its own function', () => {
    const targets = resources('AWS::ApiGatewayV2::Integration').map(([, integration]) => integration.Properties);
    expect(targets.every((target) => target.PayloadFormatVersion === '2.0')).toBe(true);
    expect(targets.map((target) => target.IntegrationUri['Fn::GetAtt'][0]).sort()).toEqual(
      routes.map((route) => logicalIdOf(route.operationId)).sort(),
    );
  });

  it('logs access to an encrypted log group and throttles', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context.requestId') },
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
    });
  });
});

describe('functions', () => {
  const names = [...routes.map((route) => route.operationId), ...workers.map((worker) => worker.name)];

  it('are one per route and per worker: Node.js 24 on arm64, traced, with their own encrypted log group', () => {
    template.resourceCountIs('AWS::Lambda::Function', names.length);
    for (const name of names) {
      expect(functionOf(name).Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
    }
    for (const [, group] of resources('AWS::Logs::LogGroup')) {
      expect(group.Properties).toMatchObject({ KmsKeyId: expect.anything(), RetentionInDays: 90 });
    }
  });

  it('are bundled as ES modules with a require() shim and a source map, importing the AWS SDK of the runtime', () => {
    for (const name of names) {
      const asset = join(app.outdir, `asset.${functionOf(name).Properties.Code.S3Key.replace(/\.zip$/, '')}`);
      const bundle = readFileSync(join(asset, 'index.mjs'), 'utf8');
      expect(bundle.startsWith("import { createRequire } from 'node:module';")).toBe(true);
      expect(existsSync(join(asset, 'index.mjs.map'))).toBe(true);
      expect(bundle).toMatch(/from\s*"@aws-sdk\/|import\("@aws-sdk\//);
    }
  });

  it('read the table name, the bus name, the sender and the API URL from their environment', () => {
    const environment = (name: string) => functionOf(name).Properties.Environment.Variables;
    expect(environment('getCustomer')).toMatchObject({
      TABLE_NAME: { Ref: logicalIdOf('Table') },
      POWERTOOLS_SERVICE_NAME: 'order-follow-up',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
    expect(environment('getCustomer').MAIL_FROM).toBeUndefined();
    expect(environment('publish-events')).toMatchObject({ EVENT_BUS_NAME: { Ref: logicalIdOf('Bus') } });
    expect(environment('notify')).toMatchObject({
      MAIL_FROM: { Ref: 'MailFrom' },
      SES_CONFIGURATION_SET: { Ref: expect.stringMatching(/^MailConfigurationSet/) },
      APP_URL: { 'Fn::GetAtt': [expect.stringMatching(/^ApiHttp/), 'ApiEndpoint'] },
    });
  });

  it('read the deployment settings they declare from stack parameters, and only those', () => {
    expect(template.toJSON().Parameters.EscalationEmail).toMatchObject({ Type: 'String' });
    const environment = (name: string) => functionOf(name).Properties.Environment.Variables;
    expect(environment('customer-onboarding')).toMatchObject({ ESCALATION_EMAIL: { Ref: 'EscalationEmail' } });
    expect(environment('notify').ESCALATION_EMAIL).toBeUndefined();
  });

  it('give the cancellation workflow its limits and the general manager as stack parameters (R16)', () => {
    const parameters = template.toJSON().Parameters;
    expect(parameters.CancellationLimits).toMatchObject({ Type: 'String' });
    expect(parameters.GeneralManagerEmail).toMatchObject({ Type: 'String' });
    expect(functionOf('order-cancellation').Properties.Environment.Variables).toMatchObject({
      CANCELLATION_LIMITS: { Ref: 'CancellationLimits' },
      GENERAL_MANAGER_EMAIL: { Ref: 'GeneralManagerEmail' },
    });
    expect(functionOf('order-intake').Properties.Environment.Variables.CANCELLATION_LIMITS).toBeUndefined();
  });

  it('may do only what their grants say (least privilege)', () => {
    expect(actionsOf('getCustomer')).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const action of [...writeActions, 'events:PutEvents', 'ses:SendRawEmail']) {
      expect(actionsOf('getCustomer')).not.toContain(action);
    }
    for (const route of routes.filter((route) => !route.grants.includes('table:write'))) {
      expect(actionsOf(route.operationId)).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/PutItem|Update/)]),
      );
    }
    expect(actionsOf('publish-events')).toContain('events:PutEvents');
    expect(actionsOf('publish-events')).not.toContain('dynamodb:PutItem');
    expect(actionsOf('notify')).toEqual(expect.arrayContaining(['ses:SendRawEmail', 'dynamodb:PutItem']));
    expect(actionsOf('notify')).not.toContain('events:PutEvents');
  });

  it('send mail only as MailFrom, through the configuration set', () => {
    const role = functionOf('notify').Properties.Role['Fn::GetAtt'][0];
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: role }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 'ses:SendRawEmail',
            Effect: 'Allow',
            Condition: { StringEquals: { 'ses:FromAddress': { Ref: 'MailFrom' } } },
            Resource: [
              { 'Fn::Join': ['', Match.arrayWith([':identity/', { Ref: 'MailFrom' }])] },
              { 'Fn::Join': ['', Match.arrayWith([':identity/', { Ref: 'MailDomain' }])] },
              { 'Fn::Join': ['', Match.arrayWith([':configuration-set/'])] },
            ],
          },
        ]),
      },
    });
  });
});

describe('events', () => {
  it('has one custom bus', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
  });

  it('relays the outbox from the table stream with a filter, partial batch failures and a DLQ', () => {
    const relay = workers.find((worker) => worker.tableStream);
    if (!relay?.tableStream) throw new Error('no stream worker');
    const [, mapping] = single('AWS::Lambda::EventSourceMapping');
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: logicalIdOf(relay.name) },
      EventSourceArn: getAtt(logicalIdOf('Table'), 'StreamArn'),
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: getAtt(logicalIdOf(`${relay.name}-dead-letters`), 'Arn') } },
    });
    expect(
      mapping.Properties.FilterCriteria.Filters.map((filter: { Pattern: string }) => JSON.parse(filter.Pattern)),
    ).toEqual([{ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['event'] } } } }]);
  });

  it('has one rule per worker rule, with its pattern, a retry policy and a DLQ', () => {
    const expected = workers.flatMap((worker) => (worker.rules ?? []).map((rule) => ({ worker, rule })));
    template.resourceCountIs('AWS::Events::Rule', expected.length);
    for (const { worker, rule } of expected) {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: { Ref: logicalIdOf('Bus') },
        EventPattern: rule.pattern,
        Targets: [
          {
            Arn: getAtt(logicalIdOf(worker.name), 'Arn'),
            Id: Match.anyValue(),
            DeadLetterConfig: { Arn: getAtt(logicalIdOf(`${worker.name}-dead-letters`), 'Arn') },
            RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21600 },
          },
        ],
      });
    }
  });

  it('parks failed asynchronous invocations of rule-driven workers', () => {
    for (const worker of workers.filter((worker) => worker.rules)) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalIdOf(worker.name) },
        DestinationConfig: { OnFailure: { Destination: getAtt(logicalIdOf(`${worker.name}-dead-letters`), 'Arn') } },
      });
    }
  });

  it('has an encrypted, TLS-only dead-letter queue per worker that a stream, a rule or a schedule triggers', () => {
    const triggered = workers.filter(
      (worker) => worker.tableStream || worker.rules || schedules.some((s) => s.target.worker === worker.name),
    );
    expect(triggered.length).toBeLessThan(workers.length);
    const queues = resources('AWS::SQS::Queue');
    expect(queues.map(([id]) => id).sort()).toEqual(
      triggered.map((worker) => logicalIdOf(`${worker.name}-dead-letters`)).sort(),
    );
    for (const [id, queue] of queues) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
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
  const arnOf = (name: string) => stateMachineArnOf(`OrderFollowUp-${name}`);

  it('are one Standard state machine per definition, invoking its workers, logged and traced', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', stateMachines.length);
    for (const definition of stateMachines) {
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineName: `OrderFollowUp-${definition.name}`,
        StateMachineType: 'STANDARD',
        DefinitionSubstitutions: Object.fromEntries(
          definition.invokes.map((worker) => [functionArnPlaceholder(worker), getAtt(logicalIdOf(worker), 'Arn')]),
        ),
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
      });
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
      const variables = functionOf(name).Properties.Environment.Variables;
      const readsArns = grants.includes('workflows:start') || grants.includes('workflows:stop');
      for (const { name: workflow } of stateMachines) {
        const variable = `STATE_MACHINE_${workflow.toUpperCase().replaceAll('-', '_')}`;
        expect(variables[variable], name).toEqual(readsArns ? arnOf(workflow) : undefined);
      }
    }
  });
});

describe('alarms', () => {
  const alarms = () => resources('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
  const topic = () => ({ Ref: single('AWS::SNS::Topic')[0] });

  it('go to one encrypted, TLS-only topic', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    expect(alarms().every((alarm) => JSON.stringify(alarm.AlarmActions) === JSON.stringify([topic()]))).toBe(true);
  });

  it('watch the depth of every dead-letter queue', () => {
    for (const [id] of resources('AWS::SQS::Queue')) {
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
            Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: stateMachineIdOf(name) } }],
          }),
        );
      }
    }
  });

  it('watch the errors of every function', () => {
    for (const name of [...routes.map((route) => route.operationId), ...workers.map((worker) => worker.name)]) {
      expect(alarms()).toContainEqual(
        expect.objectContaining({
          MetricName: 'Errors',
          Namespace: 'AWS/Lambda',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(name) } }],
        }),
      );
    }
  });
});

describe('mail', () => {
  it('has a configuration set that requires TLS and takes the sender as parameters', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    template.hasParameter('MailFrom', { Type: 'String', AllowedPattern: Match.anyValue() });
    template.hasParameter('MailDomain', { Type: 'String', AllowedPattern: Match.anyValue() });
  });
});

describe('outputs', () => {
  it('name the API URL, user pool, client, table and bus', () => {
    expect(Object.keys(template.findOutputs('*'))).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'UserPoolId',
        'UserPoolClientId',
        'TableName',
        'EventBusName',
        'AlarmTopicArn',
      ]),
    );
    template.hasOutput('TableName', { Value: { Ref: logicalIdOf('Table') } });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing that is not acknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (violation) =>
        `${violation.severity} ${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  /** Each acknowledgement where it was made: the construct's path, the finding's id, the reason. */
  const acknowledgements = () =>
    app.node.findAll().flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
        .map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason })),
    );

  it('has a reason for every acknowledgement', () => {
    expect(acknowledgements().length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledgements()) {
      expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      expect(reason.length, id).toBeGreaterThan(40);
    }
  });

  it('acknowledges only findings that exist', () => {
    const pack = new AwsSolutionsChecks();
    // Every finding, acknowledged or not (cdk-nag 3.0.2 checks acknowledgements in this one method).
    Object.assign(pack, { isAcknowledged: () => false });
    const findings = pack.validateScope(app).violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => ({
        id: violation.ruleName,
        path: resource.constructPath ?? '',
      })),
    );
    const stale = acknowledgements().filter(
      ({ id, path }) => !findings.some((finding) => finding.id === id && finding.path.startsWith(`${path}/`)),
    );
    expect(stale).toEqual([]);
  });
});
