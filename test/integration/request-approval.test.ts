import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/approvals/request.ts';
import { workers } from '../../functions/workers.ts';
import { runAs } from '../../scripts/offline/access.ts';
import { testStack } from './stack.ts';

const requestApproval = workers.find((worker) => worker.name === 'request-approval');
if (!requestApproval) throw new Error('no request-approval worker');

describe('request-approval: asked again with the same task token (a restart found it had not returned), or by several executions', async () => {
  const stack = await testStack();
  const request = {
    flow: 'order-intake',
    step: 'merchandiser-review',
    ask: 'Review the order',
    subject: { kind: 'order', id: 'ord-restart-1', title: 'CNC0012601 Huaxin' },
    role: 'merchandiser',
    approver: { rule: 'account-owner', staff: 'wang.fang@factory.example' },
    expiresInSeconds: 86400,
    taskToken: 'a-token-the-engine-hands-out-again',
  };

  it('keeps one approval (its id comes from the token); the link of the newest e-mail is the one that works', async () => {
    const first = await runAs(requestApproval, () => handler(request));
    const again = await runAs(requestApproval, () => handler(request));
    expect(again).toEqual(first);

    const mails = stack.mailbox.list().filter((m) => m.template === 'approval-request');
    expect(mails).toHaveLength(2);
    const [newest, earlier] = mails.map(
      (m) => new URL(m.links.find((l) => l.includes('/approval-links/')) ?? '').pathname,
    );
    expect((await stack.call('GET', newest ?? '')).status).toBe(200);
    expect((await stack.call('GET', earlier ?? '')).status).toBe(404);
    const approvals = await stack.call('GET', '/approvals?subject=order:ord-restart-1', {
      as: { role: 'merchandiser' },
    });
    expect(approvals.body.items).toMatchObject([{ id: first.approvalId, status: 'pending' }]);
  });

  it('closes the earlier request of its own execution only: another execution at the same step keeps its own', async () => {
    const subject = { kind: 'order', id: 'ord-two-executions', title: 'CNC0012602 Huaxin' };
    const ask = (execution: string, taskToken: string, reminder = 0) =>
      runAs(requestApproval, () => handler({ ...request, subject, execution, taskToken, reminder }));
    const one = await ask('arn:execution:complaint-1', 'token-one');
    const other = await ask('arn:execution:complaint-2', 'token-other');
    const reminded = await ask('arn:execution:complaint-1', 'token-one-reminder', 1);
    const approvals = await stack.call('GET', `/approvals?subject=order:${subject.id}`, {
      as: { role: 'merchandiser' },
    });
    const status = (id?: string) => approvals.body.items.find((a: { id: string }) => a.id === id)?.status;
    expect([status(one.approvalId), status(other.approvalId), status(reminded.approvalId)]).toEqual([
      'closed',
      'pending',
      'pending',
    ]);
  });
});
