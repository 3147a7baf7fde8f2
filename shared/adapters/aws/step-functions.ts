import type { SFNClient } from '@aws-sdk/client-sfn';
import type { WorkflowPort } from '../../ports/index.ts';
import { awsClientOptions } from './clients.ts';

/** The environment variable holding a state machine's ARN: customer-onboarding → STATE_MACHINE_CUSTOMER_ONBOARDING. */
export const stateMachineArnVariable = (stateMachine: string) =>
  `STATE_MACHINE_${stateMachine.toUpperCase().replaceAll('-', '_')}`;

const stateMachineArnShape = /^arn:([^:]+):states:([^:]+):(\d{12}):stateMachine:([^:]+)$/;

/**
 * The ARN of a state machine's execution by name: `arn:aws:states:R:A:stateMachine:M` →
 * `arn:aws:states:R:A:execution:M:<name>` (execution names are deterministic, so this needs no lookup).
 */
export function executionArnOf(stateMachineArn: string, name: string) {
  const [, partition, region, account, stateMachine] = stateMachineArn.match(stateMachineArnShape) ?? [];
  if (!stateMachine) throw new Error(`not the ARN of a state machine: ${stateMachineArn}`);
  return `arn:${partition}:states:${region}:${account}:execution:${stateMachine}:${name}`;
}

export function stepFunctions(env = process.env): WorkflowPort {
  let client: SFNClient | undefined;
  const sfn = async () => {
    const module = await import('@aws-sdk/client-sfn');
    client ??= new module.SFNClient(awsClientOptions('sfn'));
    return { client, module };
  };
  const arnOf = (stateMachine: string) => {
    const stateMachineArn = env[stateMachineArnVariable(stateMachine)];
    if (!stateMachineArn) throw new Error(`${stateMachineArnVariable(stateMachine)} is not set`);
    return stateMachineArn;
  };
  return {
    async start(stateMachine, input, name) {
      const stateMachineArn = arnOf(stateMachine);
      const { client, module } = await sfn();
      const { executionArn = '' } = await client.send(
        new module.StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return { executionArn };
    },
    async stopExecution(stateMachine, name, cause) {
      const executionArn = executionArnOf(arnOf(stateMachine), name);
      const { client, module } = await sfn();
      try {
        // An execution that has already ended stays as it ended: AWS answers without an error.
        await client.send(new module.StopExecutionCommand({ executionArn, error: 'Stopped', cause }));
      } catch (error) {
        if ((error as Error).name !== 'ExecutionDoesNotExist') throw error;
      }
    },
    async sendTaskSuccess(taskToken, output) {
      const { client, module } = await sfn();
      await client.send(new module.SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    },
    async sendTaskFailure(taskToken, error, cause) {
      const { client, module } = await sfn();
      await client.send(new module.SendTaskFailureCommand({ taskToken, error, cause }));
    },
    async sendTaskHeartbeat(taskToken) {
      const { client, module } = await sfn();
      await client.send(new module.SendTaskHeartbeatCommand({ taskToken }));
    },
  };
}
