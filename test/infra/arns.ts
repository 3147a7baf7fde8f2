/** A States ARN as the stack builds it (Fn::Join of partition, region, account), ending with `resource`. */
const statesArn = (resource: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':states:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:${resource}`,
    ],
  ],
});

/** The ARN of a state machine as the stack builds it from its name. */
export const stateMachineArnOf = (stateMachineName: string) => statesArn(`stateMachine:${stateMachineName}`);

/** Every execution of a state machine. */
export const executionsArnOf = (stateMachineName: string) => statesArn(`execution:${stateMachineName}:*`);
