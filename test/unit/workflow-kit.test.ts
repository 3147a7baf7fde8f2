import { describe, expect, it } from 'vitest';
import { accountOwner } from '../../state-machines/kit/approvers.ts';
import type { TaskState } from '../../state-machines/kit/asl.ts';
import { at, parameters } from '../../state-machines/kit/asl.ts';
import { days, hours, retryPolicy } from '../../state-machines/kit/policy.ts';
import {
  type ApprovalSpec,
  defineWorkflow,
  failureWorker,
  functionArnPlaceholder,
  type WorkflowKit,
} from '../../state-machines/kit/workflow.ts';

const review: ApprovalSpec = {
  step: 'review',
  ask: 'Review it',
  subject: { kind: 'order', id: at('$.orderId'), title: at('$.title') },
  facts: at('$.facts'),
  assignee: accountOwner(at('$.accountOwner')),
  requestedBy: at('$.requestedBy'),
  wait: hours(24),
  reminder: { after: hours(12) },
  escalation: { after: hours(48) },
  resultPath: '$.review',
  next: 'Reviewed',
  lapse: 'Lapse',
};

const flow = (states: (kit: WorkflowKit) => Record<string, any>, startAt = 'Load') =>
  defineWorkflow({
    name: 'test-flow',
    description: 'A test flow',
    worker: 'test-worker',
    subject: { kind: 'order', idField: 'orderId' },
    startedBy: {
      event: 'OrderPlaced',
      start: (event) => ({ id: event.subject.id, input: { orderId: event.subject.id } }),
    },
    startAt,
    states,
  });

const reviewFlow = (spec: Partial<ApprovalSpec> = {}) =>
  flow(({ step, approval, onOutcome }) => ({
    Load: step(
      'load',
      { orderId: at('$.orderId') },
      { select: { order: at('$.Payload') }, resultPath: '$', next: 'Review' },
    ),
    ...approval('Review', { ...review, ...spec }),
    Reviewed: onOutcome('$.review', { reject: 'Lapse', approve: 'Done' }),
    Done: step('done', {}, { end: true }),
    Lapse: step('lapse', {}, { end: true }),
  }));

const task = (states: Record<string, unknown>, name: string) => states[name] as TaskState;
const payload = (state: TaskState) => (state.Parameters as { Payload: Record<string, unknown> }).Payload;

describe('the workflow kit', () => {
  it('writes paths as JSONPath parameters, recursively, leaving out what is undefined', () => {
    expect(parameters({ id: at('$.x'), kind: 'order', nested: { at: at('$$.Task.Token') }, gone: undefined })).toEqual({
      'id.$': '$.x',
      kind: 'order',
      nested: { 'at.$': '$$.Task.Token' },
    });
    expect(() => at('order.id')).toThrow('not a JSONPath');
  });

  it('expands an approval step into request, reminder and escalation, each link expiring with its wait', () => {
    const { States } = reviewFlow().definition;
    const [request, reminder, escalation] = ['Review', 'ReviewReminder', 'ReviewEscalated'].map((n) => task(States, n));
    for (const [state, seconds] of [
      [request, hours(24)],
      [reminder, hours(12)],
      [escalation, hours(48)],
    ] as const) {
      expect(state?.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
      expect(state?.TimeoutSeconds).toBe(seconds);
      expect(payload(state as TaskState).expiresInSeconds).toBe(seconds);
      expect(state?.Next).toBe('Reviewed');
      expect(state?.ResultPath).toBe('$.review');
    }
    expect(request?.Catch?.[0]).toEqual({ ErrorEquals: ['States.Timeout'], ResultPath: null, Next: 'ReviewReminder' });
    expect(reminder?.Catch?.[0]?.Next).toBe('ReviewEscalated');
    expect(escalation?.Catch?.slice(0, 2)).toEqual([
      { ErrorEquals: ['States.Timeout'], ResultPath: null, Next: 'Lapse' },
      { ErrorEquals: ['NobodyToEscalateTo'], ResultPath: null, Next: 'Lapse' },
    ]);
    // Whom to ask is a rule over the staff directory with server-read ids, never an address from the state.
    const owner = { rule: 'account-owner', 'staff.$': '$.accountOwner' };
    expect(payload(request as TaskState)).toMatchObject({
      reminder: 0,
      role: 'merchandiser',
      approver: owner,
      'requestedBy.$': '$.requestedBy',
    });
    expect(payload(reminder as TaskState)).toMatchObject({ reminder: 1, approver: owner });
    // The escalation goes to the leader of the person asked; the decision stays with the step's role.
    expect(payload(escalation as TaskState)).toMatchObject({
      role: 'merchandiser',
      approver: { rule: 'leader-of-assignee' },
      'requestedBy.$': '$.requestedBy',
    });
    expect(JSON.stringify(reviewFlow().definition)).not.toMatch(/assignee\.\$|Email/);
  });

  it('waits as long as a path says, with the link expiring then too, and runs a late step before the reminder', () => {
    const late = flow(({ step, approval }) => ({
      Load: step('load', {}, { resultPath: '$.pmc', next: 'Promise' }),
      ...approval('Promise', {
        ...review,
        wait: at('$.pmc.seconds'),
        whenLate: 'Late',
        next: 'Done',
        escalation: undefined,
      }),
      Late: step('late', {}, { next: 'PromiseReminder' }),
      Done: step('done', {}, { end: true }),
      Lapse: step('lapse', {}, { end: true }),
    }));
    const promise = task(late.definition.States, 'Promise');
    expect(promise.TimeoutSecondsPath).toBe('$.pmc.seconds');
    expect(promise.TimeoutSeconds).toBeUndefined();
    expect(payload(promise)['expiresInSeconds.$']).toBe('$.pmc.seconds');
    expect(promise.Catch?.[0]?.Next).toBe('Late');
    expect(task(late.definition.States, 'PromiseReminder').Catch?.[0]?.Next).toBe('Lapse');
    expect(late.definition.States.PromiseEscalated).toBeUndefined();
  });

  it('gives every task the retry policy and a catch that asks operations, who may run the step again', () => {
    const { States } = reviewFlow().definition;
    const load = task(States, 'Load');
    expect(load.Retry).toEqual(retryPolicy);
    expect(retryPolicy[0]?.ErrorEquals).toEqual(expect.arrayContaining(['Lambda.Unknown', 'Throttling', 'Conflict']));
    expect(retryPolicy[0]?.ErrorEquals).not.toContain('States.Timeout');
    expect(load.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'LoadFailed' }]);
    const failed = task(States, 'LoadFailed');
    expect(failed.Parameters.FunctionName).toBe(`\${${functionArnPlaceholder(failureWorker)}}`);
    expect(payload(failed)).toMatchObject({
      flow: 'test-flow',
      state: 'Load',
      subject: { kind: 'order', 'id.$': '$$.Execution.Input.orderId' },
      'error.$': '$.failure',
      expiresInSeconds: days(7),
    });
    expect(failed.TimeoutSeconds).toBe(days(7));
    expect(States.LoadRepaired).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.repair.outcome', StringEquals: 'approve', Next: 'Load' }],
      Default: 'Abandoned',
    });
    expect(States.Abandoned).toMatchObject({ Type: 'Fail', Error: 'Abandoned' });
    // The approval tasks fail into the same catch, after their own timeouts.
    expect(task(States, 'Review').Catch?.at(-1)).toEqual({
      ErrorEquals: ['States.ALL'],
      ResultPath: '$.failure',
      Next: 'ReviewFailed',
    });
    expect(States.LoadFailedFailed).toBeUndefined();
  });

  it('leaves a step that handles every error itself alone, with its own retries', () => {
    const own = flow(({ step }) => ({
      Load: step(
        'load',
        {},
        {
          retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 300, MaxAttempts: 8, BackoffRate: 1.5 }],
          catch: [{ errors: ['States.ALL'], resultPath: '$.error', next: 'Alert' }],
          end: true,
        },
      ),
      Alert: step('alert', {}, { end: true }),
    }));
    const load = task(own.definition.States, 'Load');
    expect(load.Retry?.[0]?.MaxAttempts).toBe(8);
    expect(load.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Alert' }]);
    expect(own.definition.States.LoadFailed).toBeUndefined();
    expect(own.definition.States.AlertFailed).toBeDefined();
  });

  it('reads the workers a workflow invokes from its definition', () => {
    expect(reviewFlow().invokes).toEqual(['request-approval', 'step-failed', 'test-worker']);
  });

  it('refuses a state declared twice, a transition to nowhere, and a state nothing reaches', () => {
    expect(() =>
      flow(({ step, approval }) => ({
        Load: step('load', {}, { next: 'Review' }),
        ...approval('Review', review),
        ReviewReminder: step('other', {}, { end: true }),
        Reviewed: step('done', {}, { end: true }),
        Lapse: step('lapse', {}, { end: true }),
      })),
    ).toThrow('state ReviewReminder is declared twice');
    expect(() => flow(({ step }) => ({ Load: step('load', {}, { next: 'Nowhere' }) }))).toThrow(
      'Load goes to Nowhere, which is not declared',
    );
    expect(() =>
      flow(({ step }) => ({ Load: step('load', {}, { end: true }), Orphan: step('orphan', {}, { end: true }) })),
    ).toThrow('unreachable states Orphan');
  });

  it('names the starting event by its type, and gives start that event (the compiler checks both)', () => {
    const declaration = {
      name: 'test-flow',
      description: 'A test flow',
      worker: 'test-worker',
      subject: { kind: 'order', idField: 'orderId' },
      startAt: 'Done',
      states: ({ succeed }: WorkflowKit) => ({ Done: succeed() }),
    };
    const changeFlow = defineWorkflow({
      ...declaration,
      startedBy: {
        event: 'ChangeRequested',
        start: (event) => ({ id: event.data.changeRequest.id, input: { orderId: event.data.changeRequest.orderId } }),
      },
    });
    expect(changeFlow.startedBy.event).toBe('ChangeRequested');
    defineWorkflow({
      ...declaration,
      // @ts-expect-error: an order placed carries no change request
      startedBy: { event: 'OrderPlaced', start: (event) => ({ id: event.data.changeRequest.id, input: {} }) },
    });
    defineWorkflow({
      ...declaration,
      // @ts-expect-error: no such event
      startedBy: { event: 'OrderShipped', start: () => ({ id: '', input: {} }) },
    });
  });
});
