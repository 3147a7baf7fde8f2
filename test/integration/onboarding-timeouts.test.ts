import { describe, expect, it } from 'vitest';
import { newCustomer } from '../fixtures.ts';
import { latestMail, postDecision } from './approvals.ts';
import { testStack } from './stack.ts';

const merchandiser = { role: 'merchandiser' as const, email: 'wang.fang@factory.example' };
const salesManager = 'xu.ming@factory.example';
const escalation = 'he.jun@factory.example';
const ms = 1000;

describe('an onboarding review nobody answers: reminder, then escalation, as written in the ASL', async () => {
  const stack = await testStack({
    workflowTimeoutOverrides: {
      'customer-onboarding': {
        MerchandiserReview: ms,
        MerchandiserReviewReminder: ms,
        MerchandiserReviewEscalated: ms,
        SalesManagerApproval: ms,
        SalesManagerApprovalReminder: ms,
        SalesManagerApprovalEscalated: 60_000,
      },
    },
  });
  const { call } = stack;
  const requests = (to: string) =>
    stack.mailbox.list().filter((m) => m.template === 'approval-request' && m.to.includes(to));
  /** Polls the mailbox (no settling: the next timeout is already running). */
  const waitFor = async (probe: () => boolean) => {
    for (let i = 0; i < 200 && !probe(); i++) await new Promise((r) => setTimeout(r, 25));
    expect(probe()).toBe(true);
  };

  it('reminds the merchandiser, escalates to the sales manager, and lapses with the customer still in review', async () => {
    const created = await call('POST', '/customers', {
      as: merchandiser,
      body: newCustomer({ code: '501' }),
    });
    await stack.settle();
    const first = latestMail(stack, 'approval-request', merchandiser.email);
    expect(first.subject).toContain('Approval needed');

    await waitFor(() => requests(merchandiser.email).length === 2);
    const reminder = latestMail(stack, 'approval-request', merchandiser.email);
    expect(reminder.subject).toContain('Reminder');
    expect(reminder.link).not.toBe(first.link);
    const superseded = await postDecision(first.link, { outcome: 'approve' });
    expect(superseded.status).toBe(410);

    await waitFor(() => requests(salesManager).length === 1);
    const escalated = latestMail(stack, 'approval-request', salesManager);
    expect(escalated.subject).toContain('Escalated');
    expect(escalated.text).toContain(merchandiser.email);

    await waitFor(() => stack.mailbox.list().some((m) => m.template === 'customer-review-lapsed'));
    expect(latestMail(stack, 'customer-review-lapsed', merchandiser.email).to).toEqual([
      merchandiser.email,
      salesManager,
    ]);
    expect((await call('GET', `/customers/${created.body.id}`, { as: merchandiser })).body.status).toBe(
      'pending_review',
    );
    expect((await postDecision(escalated.link, { outcome: 'approve' })).status).toBe(410);
    const execution = stack.workflows.executions().find((e) => e.name === `customer-onboarding-${created.body.id}`);
    expect(execution?.status).toBe('SUCCEEDED');
  });

  it("completes through the reminder's link, and escalates the sales manager's step to the general manager", async () => {
    const created = await call('POST', '/customers', {
      as: merchandiser,
      body: newCustomer({ code: '502' }),
    });
    await stack.settle();
    await waitFor(() =>
      requests(merchandiser.email).some((m) => m.subject.includes('Reminder') && m.subject.includes('502')),
    );
    const reminder = latestMail(stack, 'approval-request', merchandiser.email);
    expect(reminder.subject).toContain('502');
    expect((await postDecision(reminder.link, { outcome: 'approve' })).status).toBe(200);

    await waitFor(() => requests(escalation).length === 1);
    const escalated = latestMail(stack, 'approval-request', escalation);
    expect(escalated.subject).toContain('502');
    expect((await postDecision(escalated.link, { outcome: 'approve' })).status).toBe(200);
    await stack.settle();
    expect((await call('GET', `/customers/${created.body.id}`, { as: merchandiser })).body).toMatchObject({
      status: 'active',
      review: { decidedBy: escalation },
    });
  });
});
