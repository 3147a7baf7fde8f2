import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Arn, ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { aslFile, functionArnPlaceholder, type StateMachineDefinition } from '../state-machines/index.ts';
import { encryptedLogGroup, stateMachineLogGroupName } from './logs.ts';
import { asNagNamesIt } from './nag.ts';
import { stateMachinesDir } from './paths.ts';

export type WorkflowProps = {
  definition: StateMachineDefinition;
  /** The state machine's name (`Deployment.workflowName`): every stack builds its ARN from it. */
  stateMachineName: string;
  /**
   * The worker functions by name, of this stack or imported from another; the ASL names those it invokes as
   * `${<Worker>FunctionArn}`.
   */
  functions: ReadonlyMap<string, IFunction>;
  logsKey: IKey;
  /** Where the ASL files are: state-machines/ unless a test says otherwise. */
  directory?: string;
};

const placeholder = /\$\{([A-Za-z0-9_]+)\}/g;

/**
 * A workflow's ARN follows from its name (the stage's prefix and its own name), so that a function of any stack
 * can be given the ARN without referring to the state machine (which may itself invoke that function).
 */
export const workflowArn = (scope: Construct, stateMachineName: string) =>
  Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });

/**
 * Every execution of a workflow, from the workflow's ARN: `arn:…:stateMachine:M` → `arn:…:execution:M:*`
 * (StopExecution is authorised against the execution, whose name is only known at run time).
 */
export function workflowExecutionsArn(stateMachineArn: string) {
  const { resourceName, ...components } = Arn.split(stateMachineArn, ArnFormat.COLON_RESOURCE_NAME);
  if (components.resource !== 'stateMachine' || !resourceName) {
    throw new Error(`not the ARN of a state machine: ${stateMachineArn}`);
  }
  return Arn.format({ ...components, resource: 'execution', resourceName: `${resourceName}:*` });
}

/**
 * A Standard workflow from its ASL file in state-machines/, the same file the offline engine interprets.
 * Standard, because only Standard workflows wait on task tokens and run for up to a year.
 */
export class Workflow extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const { definition } = props;
    const path = join(props.directory ?? stateMachinesDir, aslFile(definition.name));
    const invoked = definition.invokes.map((worker) => {
      const fn = props.functions.get(worker);
      if (!fn) throw new Error(`${definition.name} invokes ${worker}, which is no worker the stack knows`);
      return { placeholder: functionArnPlaceholder(worker), fn };
    });
    for (const [, name] of readFileSync(path, 'utf8').matchAll(placeholder)) {
      if (!invoked.some((i) => i.placeholder === name)) {
        throw new Error(`${aslFile(definition.name)} names \${${name}}, which is none of the workers it invokes`);
      }
    }

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromFile(path),
      definitionSubstitutions: Object.fromEntries(invoked.map((i) => [i.placeholder, i.fn.functionArn])),
      tracingEnabled: true,
      logs: {
        destination: encryptedLogGroup(this, 'Logs', props.logsKey, stateMachineLogGroupName(props.stateMachineName)),
        level: LogLevel.ALL,
        // States' input and output would carry task tokens and personal data; the events alone suffice.
        includeExecutionData: false,
      },
    });
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Log delivery (logs:CreateLogDelivery and the like) and X-Ray actions support no resource-level permissions.',
    });
    for (const { fn } of invoked) {
      fn.grantInvoke(this.stateMachine);
      // `<Function>.Arn`, or the export name of a worker imported from another stack.
      const functionArn = asNagNamesIt(Stack.of(this).resolve(fn.functionArn));
      Validations.of(this.stateMachine).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${functionArn}:*]`,
        reason: 'Invoking a version or alias of a worker the workflow invokes; the wildcard covers only that function.',
      });
    }
  }
}
