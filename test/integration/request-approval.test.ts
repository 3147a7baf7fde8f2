import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/approvals/request.ts';
import { workers } from '../../functions/workers.ts';
import { runAs } from '../../scripts/offline/access.ts';
import { testStack } from './stack.ts';

const requestApproval = workers.find((worker) => worker.name === 'request-approval');
if (!requestApproval) throw new Error('no request-approval worker');

describe('request-approval invoked again with the same task token (a restart found it had not returned)', async () => {
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
});
