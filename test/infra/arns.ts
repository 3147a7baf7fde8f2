/** The ARN of a state machine as the stack builds it from its name (Fn::Join of partition, region, account). */
export const stateMachineArnOf = (stateMachineName: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':states:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:stateMachine:${stateMachineName}`,
    ],
  ],
});
