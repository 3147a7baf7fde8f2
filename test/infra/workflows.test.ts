import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Fn, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveBucket } from '../../infra/archive.ts';
import { deadLetterQueue } from '../../infra/events.ts';
import { handlerFunction } from '../../infra/functions.ts';
import { logsKey } from '../../infra/logs.ts';
import { Mail } from '../../infra/mail.ts';
import { scheduleWorker } from '../../infra/schedules.ts';
import { singleTable } from '../../infra/table.ts';
import { Workflow, workflowArn, workflowExecutionsArn } from '../../infra/workflows.ts';
import type { Grant } from '../../shared/http/route.ts';
import { executionsArnOf, stateMachineArnOf } from './arns.ts';

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'asl-'));
  /** A one-state workflow invoking the function its `${…FunctionArn}` placeholder names. */
  const asl = (placeholder: string) => ({
    StartAt: 'Notify',
    States: {
      Notify: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: `\${${placeholder}}`, 'Payload.$': '$' },
        End: true,
      },
    },
  });
  writeFileSync(join(directory, 'tiny.asl.json'), JSON.stringify(asl('NotifyFunctionArn')));
  writeFileSync(join(directory, 'stray.asl.json'), JSON.stringify(asl('NobodyFunctionArn')));
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A stack of its own app; functions are not bundled (the grants and the environment are what these tests read). */
function fixture() {
  const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Test');
  const notify = new LambdaFunction(stack, 'Notify', {
    runtime: Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: Code.fromInline('export const handler = async () => {};'),
  });
  return { stack, notify, key: logsKey(stack), functions: new Map([['notify', notify]]) };
}

const tiny = { name: 'tiny', description: 'A test workflow', invokes: ['notify'] };
const stateMachineName = 'Test-tiny';

/** What the function grants and environments must name: the ARN of `Test-tiny`, built without the state machine. */
const tinyArn = stateMachineArnOf('Test-tiny');
/** Every execution of `Test-tiny`. */
const tinyExecutionsArn = executionsArnOf('Test-tiny');

const getAtt = (stack: Stack, construct: { node: { defaultChild?: unknown } }, attribute: string) => ({
  'Fn::GetAtt': [stack.getLogicalId(construct.node.defaultChild as never), attribute],
});

describe('a workflow from its ASL file', () => {
  it('is a Standard state machine with the name it is given, with worker ARNs substituted, logged and traced', () => {
    const { stack, notify, key, functions } = fixture();
    const workflow = new Workflow(stack, 'Tiny', {
      definition: tiny,
      stateMachineName,
      directory,
      functions,
      logsKey: key,
    });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'Test-tiny',
      StateMachineType: 'STANDARD',
      DefinitionS3Location: Match.objectLike({ Bucket: Match.anyValue(), Key: Match.anyValue() }),
      DefinitionSubstitutions: { NotifyFunctionArn: getAtt(stack, notify, 'Arn') },
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: Match.anyValue() } }],
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: getAtt(stack, key, 'Arn'),
      // Step Functions' vended-logs delivery: its log resource policy covers `/aws/vendedlogs/*`.
      LogGroupName: '/aws/vendedlogs/states/Test-tiny',
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'lambda:InvokeFunction',
            Resource: Match.arrayWith([getAtt(stack, notify, 'Arn')]),
          }),
        ]),
      },
    });
    expect(stack.resolve(workflowArn(stack, stateMachineName))).toEqual(tinyArn);
    expect(new AwsSolutionsChecks().validateScope(workflow).violations).toEqual([]);
  });

  it('may invoke a worker of another stack, imported by its exported ARN, and only that worker', () => {
    const { stack, key } = fixture();
    const imported = LambdaFunction.fromFunctionAttributes(stack, 'Imported', {
      functionArn: Fn.importValue('Test-NotifyFunctionArn'),
      sameEnvironment: true,
    });
    const workflow = new Workflow(stack, 'Tiny', {
      definition: tiny,
      stateMachineName,
      directory,
      functions: new Map([['notify', imported]]),
      logsKey: key,
    });
    const template = Template.fromStack(stack);
    const arn = { 'Fn::ImportValue': 'Test-NotifyFunctionArn' };
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      DefinitionSubstitutions: { NotifyFunctionArn: arn },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: [arn, { 'Fn::Join': ['', [arn, ':*']] }] },
        ]),
      },
    });
    // The `:*` over the imported function's versions is acknowledged by its export's name.
    expect(new AwsSolutionsChecks().validateScope(workflow).violations).toEqual([]);
  });

  it('refuses an ASL file that names a function its definition does not invoke', () => {
    const { stack, key, functions } = fixture();
    const stray = { name: 'stray', description: 'Names a stranger', invokes: ['notify'] };
    expect(
      () => new Workflow(stack, 'Stray', { definition: stray, stateMachineName, directory, functions, logsKey: key }),
    ).toThrow(/\$\{NobodyFunctionArn\}/);
  });

  it('refuses a definition that invokes a worker the stack does not have', () => {
    const { stack, key, functions } = fixture();
    const lost = { name: 'tiny', description: 'Invokes a stranger', invokes: ['notify', 'nobody'] };
    expect(
      () => new Workflow(stack, 'Lost', { definition: lost, stateMachineName, directory, functions, logsKey: key }),
    ).toThrow(/nobody/);
  });
});

describe('the workflow grants', () => {
  /** The IAM statements and environment of a function with the given grants, in a stack with one workflow. */
  function functionWith(grants: readonly Grant[]) {
    const { stack, key } = fixture();
    const fn = handlerFunction(
      stack,
      {
        name: 'worker',
        description: 'A function of the test',
        handler: 'functions/events/publish.ts',
        grants,
        memorySize: 512,
        timeout: Duration.seconds(10),
      },
      {
        table: singleTable(stack),
        archive: archiveBucket(stack),
        metricsNamespace: 'Test-OrderFollowUp',
        bus: new EventBus(stack, 'Bus'),
        mail: new Mail(stack, {
          from: () => 'orders@example.com',
          domain: () => 'example.com',
          configurationSetName: 'mail',
        }),
        appUrl: 'https://api.example.com',
        logsKey: key,
        workflows: new Map([['tiny', workflowArn(stack, stateMachineName)]]),
        setting: (name) => `${name}@example.com`,
      },
    );
    const template = Template.fromStack(stack);
    const properties =
      template.findResources('AWS::Lambda::Function')[stack.getLogicalId(fn.node.defaultChild as never)]?.Properties;
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) =>
        policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === properties.Role['Fn::GetAtt'][0]),
      )
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const nag = new AwsSolutionsChecks().validateScope(fn).violations;
    return { fn, statements, environment: properties.Environment.Variables, nag };
  }

  it('workflows:start may start the stage’s workflows, whose ARNs it finds in its environment', () => {
    const { statements, environment, nag } = functionWith(['workflows:start']);
    expect(statements).toContainEqual({ Action: 'states:StartExecution', Effect: 'Allow', Resource: tinyArn });
    expect(environment.STATE_MACHINE_TINY).toEqual(tinyArn);
    expect(JSON.stringify(statements)).not.toContain('SendTask');
    expect(nag).toEqual([]);
  });

  it('workflows:callback may answer the tasks of the stage’s workflows, and nothing else', () => {
    const { statements, nag } = functionWith(['workflows:callback']);
    expect(statements).toContainEqual({
      Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
      Effect: 'Allow',
      Resource: tinyArn,
    });
    expect(JSON.stringify(statements)).not.toMatch(/StartExecution|dynamodb:/);
    expect(nag).toEqual([]);
  });

  it('workflows:stop may stop the executions of the stage’s workflows, and nothing else', () => {
    const { statements, environment, nag } = functionWith(['workflows:stop']);
    const stateStatements = statements.filter((statement: { Action: string | string[] }) =>
      [statement.Action].flat().some((action) => action.startsWith('states:')),
    );
    expect(stateStatements).toEqual([{ Action: 'states:StopExecution', Effect: 'Allow', Resource: tinyExecutionsArn }]);
    expect(JSON.stringify(statements)).not.toMatch(/StartExecution|SendTask|dynamodb:/);
    expect(environment.STATE_MACHINE_TINY).toEqual(tinyArn);
    // The `:*` over the workflow's executions is acknowledged, and nothing else is.
    expect(nag).toEqual([]);
    const unacknowledged = new AwsSolutionsChecks();
    Object.assign(unacknowledged, { isAcknowledged: () => false });
    const iam5 = unacknowledged
      .validateScope(functionWith(['workflows:stop']).fn)
      .violations.filter((violation) => violation.ruleName.startsWith('AwsSolutions-IAM5'));
    expect(iam5.map((violation) => violation.ruleName).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:Test-tiny:*]',
    ]);
  });

  it('names the executions of a workflow from its ARN, and refuses any other ARN', () => {
    const stack = new Stack(new App(), 'Test');
    expect(stack.resolve(workflowExecutionsArn(workflowArn(stack, stateMachineName)))).toEqual(tinyExecutionsArn);
    expect(workflowExecutionsArn('arn:aws:states:eu-west-1:123456789012:stateMachine:M')).toBe(
      'arn:aws:states:eu-west-1:123456789012:execution:M:*',
    );
    expect(() => workflowExecutionsArn('arn:aws:lambda:eu-west-1:123456789012:function:M')).toThrow(
      /not the ARN of a state machine/,
    );
  });
});

describe('a schedule', () => {
  it('invokes its worker at its cron in its time zone, with the nominal time, parking failures', () => {
    const { stack, notify } = fixture();
    const deadLetters = deadLetterQueue(stack, 'DeadLetters');
    scheduleWorker(
      stack,
      notify,
      [
        {
          name: 'month-end',
          description: 'Statements at the start of the month',
          cron: '0 8 1 * ? *',
          timeZone: 'Asia/Shanghai',
          target: { worker: 'notify' },
        },
      ],
      deadLetters,
    );
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 1 * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({
        Arn: getAtt(stack, notify, 'Arn'),
        Input: JSON.stringify({ schedule: 'month-end', scheduledTime: '<aws.scheduler.scheduled-time>' }),
        DeadLetterConfig: { Arn: getAtt(stack, deadLetters, 'Arn') },
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 43200 },
      }),
    });
  });
});
