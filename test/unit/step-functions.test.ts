import { ExecutionDoesNotExist, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { executionArnOf, stepFunctions } from '../../shared/adapters/aws/step-functions.ts';

describe("an execution's ARN", () => {
  it("is the state machine's ARN with execution in place of stateMachine, and the name appended", () => {
    expect(
      executionArnOf(
        'arn:aws:states:eu-west-1:123456789012:stateMachine:OrderFollowUp-order-intake',
        'order-intake-o1',
      ),
    ).toBe('arn:aws:states:eu-west-1:123456789012:execution:OrderFollowUp-order-intake:order-intake-o1');
    expect(executionArnOf('arn:aws-cn:states:cn-north-1:123456789012:stateMachine:M', 'n')).toBe(
      'arn:aws-cn:states:cn-north-1:123456789012:execution:M:n',
    );
  });

  it('needs the ARN of a state machine', () => {
    for (const arn of [
      'arn:aws:states:eu-west-1:123456789012:execution:M:n',
      'arn:aws:states:eu-west-1:123456789012:stateMachine:M:1',
      'arn:aws:lambda:eu-west-1:123456789012:function:M',
      'M',
    ]) {
      expect(() => executionArnOf(arn, 'n'), arn).toThrow(/not the ARN of a state machine/);
    }
  });
});

describe('stopping an execution on AWS', () => {
  const env = { STATE_MACHINE_ORDER_INTAKE: 'arn:aws:states:eu-west-1:123456789012:stateMachine:Stack-order-intake' };

  afterEach(() => vi.restoreAllMocks());

  it('sends StopExecution for the execution of that name, with the error Stopped and the cause', async () => {
    const send = vi.spyOn(SFNClient.prototype, 'send').mockResolvedValue({ stopDate: new Date() } as never);
    await stepFunctions(env).stopExecution('order-intake', 'order-intake-o1', 'order cancelled');

    expect(send).toHaveBeenCalledOnce();
    const [command] = send.mock.calls[0] ?? [];
    expect(command).toBeInstanceOf(StopExecutionCommand);
    expect((command as StopExecutionCommand).input).toEqual({
      executionArn: 'arn:aws:states:eu-west-1:123456789012:execution:Stack-order-intake:order-intake-o1',
      error: 'Stopped',
      cause: 'order cancelled',
    });
  });

  it('does nothing when the execution does not exist, and lets other errors through', async () => {
    const missing = new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} });
    vi.spyOn(SFNClient.prototype, 'send').mockRejectedValueOnce(missing as never);
    await expect(stepFunctions(env).stopExecution('order-intake', 'never-started', 'x')).resolves.toBeUndefined();

    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
    vi.spyOn(SFNClient.prototype, 'send').mockRejectedValueOnce(denied as never);
    await expect(stepFunctions(env).stopExecution('order-intake', 'order-intake-o1', 'x')).rejects.toBe(denied);
  });

  it("needs the state machine's ARN in its environment", async () => {
    await expect(stepFunctions({}).stopExecution('order-intake', 'n', 'x')).rejects.toThrow(
      /STATE_MACHINE_ORDER_INTAKE is not set/,
    );
  });
});
