import { describe, expect, it } from 'vitest';
import { latestMail, postDecision } from './approvals.ts';
import { people, signOffStack } from './sign-off-flow.ts';

describe('a sign-off group nobody finishes in time', async () => {
  const { stack, start, execution, requestTo, approvalsOf } = await signOffStack({ Inspection: 5_000 });

  it('reminds only those who have not signed, keeping the signatures already given', async () => {
    const { orderId, executionArn, number } = await start();
    const first = requestTo(people.warehouse, number).link;
    expect(
      (
        await postDecision(first, {
          outcome: 'approve',
          'lines.1': '50',
          'lines.2': '200',
          'boxes.1': '4',
          'boxes.2': '5',
        })
      ).status,
    ).toBe(200);
    for (let waited = 0; !(await approvalsOf(orderId)).some((a) => a.reminder === 1); waited += 250) {
      if (waited > 20_000) throw new Error('no reminder');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await stack.settle();
    const reminders = (await approvalsOf(orderId)).filter((a) => a.reminder === 1);
    expect(reminders.map((a) => a.assignee).sort()).toEqual([people.finance, people.salesAdmin].sort());
    const reminded = (to: string) =>
      stack.mailbox
        .list()
        .find((m) => m.template === 'approval-request' && m.to.includes(to) && m.subject.includes('Reminder'))
        ?.links.find((l) => l.includes('/approval-links/')) ?? '';
    expect((await postDecision(reminded(people.salesAdmin), { outcome: 'approve' })).status).toBe(200);
    await stack.settle();
    expect(
      (await postDecision(reminded(people.finance), { outcome: 'approve', receivedOn: '2026-11-30' })).status,
    ).toBe(200);
    await stack.settle();
    const output = execution(executionArn)?.output as any;
    expect(output.signOff.outcome).toBe('approve');
    expect(output.signOff.signatures[0].values.boxes).toEqual([
      { line: 1, quantity: 4 },
      { line: 2, quantity: 5 },
    ]);
    expect(latestMail(stack, 'approval-request', people.warehouse).subject).not.toContain('Reminder');
  });
});
