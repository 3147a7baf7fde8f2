import { StateMachine } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import type { State } from '../../state-machines/kit/asl.ts';
import { mergeChoiceChains } from '../../state-machines/kit/choices.ts';

const end = (tag: string): State => ({ Type: 'Pass', Parameters: { tag }, End: true }) as State;

/** Rejected? → special price? → customer reviewed?, with the special price's approval going back into the chain. */
const chain: Record<string, State> = {
  Reviewed: {
    Type: 'Choice',
    Comment: 'rejected?',
    Choices: [
      { Variable: '$.outcome', StringEquals: 'reject', Next: 'Reject' },
      { Variable: '$.urgent', BooleanEquals: true, Next: 'Urgency' },
    ],
    Default: 'SpecialPrice',
  },
  Urgency: {
    Type: 'Choice',
    Choices: [{ Variable: '$.expedite', BooleanEquals: true, Next: 'Expedite' }],
    Default: 'Queue',
  },
  SpecialPrice: {
    Type: 'Choice',
    Comment: 'special price?',
    Choices: [{ Variable: '$.specialPrice', BooleanEquals: true, Next: 'Approve' }],
    Default: 'CustomerReviewed',
  },
  Approve: { Type: 'Pass', Next: 'CustomerReviewed' } as State,
  CustomerReviewed: {
    Type: 'Choice',
    Choices: [{ Variable: '$.customerActive', BooleanEquals: true, Next: 'Plan' }],
    Default: 'Wait',
  },
  Reject: end('reject'),
  Expedite: end('expedite'),
  Queue: end('queue'),
  Plan: end('plan'),
  Wait: end('wait'),
};

async function run(states: Record<string, State>, input: object) {
  const machine = new StateMachine({ StartAt: 'Reviewed', States: states } as never, {
    validationOptions: { noValidate: true },
  });
  const execution = machine.run(input as never);
  const entered: string[] = [];
  for await (const event of execution.eventLogs) {
    if (event.type === 'StateEntered') entered.push(event.state.name);
  }
  return { output: await execution.result, entered };
}

const inputs = [true, false].flatMap((urgent) =>
  [true, false].flatMap((expedite) =>
    [true, false].flatMap((specialPrice) =>
      [true, false].flatMap((customerActive) =>
        ['reject', 'approve'].map((outcome) => ({ outcome, urgent, expedite, specialPrice, customerActive })),
      ),
    ),
  ),
);

describe('Choices leading to Choices become one', () => {
  const merged = mergeChoiceChains(chain, 'Reviewed');

  it('ends every run where the chain ends it, entering fewer states', async () => {
    for (const input of inputs) {
      const before = await run(chain, input);
      const after = await run(merged, input);
      expect(after.output, JSON.stringify(input)).toEqual(before.output);
      expect(after.entered.length).toBeLessThanOrEqual(before.entered.length);
    }
    const plain = { outcome: 'approve', urgent: false, specialPrice: false, customerActive: true };
    expect((await run(chain, plain)).entered).toEqual(['Reviewed', 'SpecialPrice', 'CustomerReviewed', 'Plan']);
    expect((await run(merged, plain)).entered).toEqual(['Reviewed', 'Plan']);
  });

  it('takes in a Choice reached by a rule under an And, and one reached by default as rules of its own', () => {
    expect(merged.Reviewed).toEqual({
      Type: 'Choice',
      Comment: 'rejected? Then: special price?',
      Choices: [
        { Variable: '$.outcome', StringEquals: 'reject', Next: 'Reject' },
        {
          And: [
            { Variable: '$.urgent', BooleanEquals: true },
            { Variable: '$.expedite', BooleanEquals: true },
          ],
          Next: 'Expedite',
        },
        { Variable: '$.urgent', BooleanEquals: true, Next: 'Queue' },
        { Variable: '$.specialPrice', BooleanEquals: true, Next: 'Approve' },
        { Variable: '$.customerActive', BooleanEquals: true, Next: 'Plan' },
      ],
      Default: 'Wait',
    });
  });

  it('keeps a Choice another state still leads to, and leaves out those nothing leads to', () => {
    expect(Object.keys(merged)).toEqual([
      'Reviewed',
      'Approve',
      'CustomerReviewed',
      'Reject',
      'Expedite',
      'Queue',
      'Plan',
      'Wait',
    ]);
  });

  it('refuses Choices that lead round to each other', () => {
    const loop: Record<string, State> = {
      A: { Type: 'Choice', Choices: [{ Variable: '$.x', BooleanEquals: true, Next: 'B' }], Default: 'End' },
      B: { Type: 'Choice', Choices: [{ Variable: '$.y', BooleanEquals: true, Next: 'End' }], Default: 'A' },
      End: end('end'),
    };
    expect(() => mergeChoiceChains(loop, 'A')).toThrow(/leads back to itself/);
  });
});
