import type { SFNClient } from '@aws-sdk/client-sfn';
import type { WorkflowPort } from '../../ports/index.ts';

/** The environment variable holding a state machine's ARN: customer-onboarding → STATE_MACHINE_CUSTOMER_ONBOARDING. */
export const stateMachineArnVariable = (stateMachine: string) =>
  `STATE_MACHINE_${stateMachine.toUpperCase().replaceAll('-', '_')}`;

export function stepFunctions(env = process.env): WorkflowPort {
  let client: SFNClient | undefined;
  const sfn = async () => {
    const module = await import('@aws-sdk/client-sfn');
    client ??= new module.SFNClient({});
    return { client, module };
  };
  return {
    async start(stateMachine, input, name) {
      const stateMachineArn = env[stateMachineArnVariable(stateMachine)];
      if (!stateMachineArn) throw new Error(`${stateMachineArnVariable(stateMachine)} is not set`);
      const { client, module } = await sfn();
      const { executionArn = '' } = await client.send(
        new module.StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return { executionArn };
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
