import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { approvalRequests, waitFor } from './approvals.ts';
import { testStack } from './stack.ts';

const ms = 1000;
const merchandiser = { role: 'merchandiser' as const, email: demoPeople.merchandiser };

describe('a terms change nobody decides: reminder, escalation to the leader of the person asked, lapse', async () => {
  const stack = await testStack({
    workflowTimeoutOverrides: {
      'customer-terms-change': {
        SalesManagerApproval: ms,
        SalesManagerApprovalReminder: ms,
        SalesManagerApprovalEscalated: 2 * ms,
      },
    },
  });

  it('reminds the sales manager, escalates to the general manager, then lapses with the old terms kept', async () => {
    const created = await stack.call('POST', '/customers', {
      as: merchandiser,
      body: {
        code: '601',
        name: 'Foshan Glass Works',
        contacts: [{ name: 'Liang Yu', email: 'liang.yu@fs-glass.example', language: 'zh-CN' }],
        region: 'CN',
        currency: 'CNY',
        settlement: { type: 'prepaid' },
        accountOwner: 'wang.fang@factory.example',
      },
    });
    expect(created.status).toBe(201);
    const customerId = created.body.id as string;
    const asked = await stack.call('POST', `/customers/${customerId}/terms-changes`, {
      as: merchandiser,
      body: { settlement: { type: 'deposit', depositPercent: 20 }, reason: 'A regular customer now' },
    });
    expect(asked.status).toBe(202);
    const id = asked.body.id as string;
    const requests = (to: string) => approvalRequests(stack, to, id);

    await waitFor(() => requests(demoPeople.salesManager).some((m) => m.subject.includes('Reminder')));
    await waitFor(() => requests(demoPeople.generalManager).length === 1);
    await waitFor(() => stack.mailbox.list().some((m) => m.template === 'terms-change-lapsed'));
    await stack.settle();

    const read = await stack.call('GET', `/customers/${customerId}/terms-changes/${id}`, { as: merchandiser });
    expect(read.body).toMatchObject({ status: 'lapsed', decisionReason: expect.stringContaining('nobody decided') });
    const customer = await stack.call('GET', `/customers/${customerId}`, { as: merchandiser });
    expect(customer.body.settlement).toEqual({ type: 'prepaid' });
    const lapsed = stack.mailbox.list().find((m) => m.template === 'terms-change-lapsed');
    expect(lapsed?.to).toEqual([demoPeople.merchandiser, demoPeople.salesManager]);
    const approvals = await stack.call('GET', `/approvals?subject=customer:${customerId}`, { as: merchandiser });
    const ours = approvals.body.items.filter((a: { flow: string }) => a.flow === 'customer-terms-change');
    expect(ours.map((a: { assignee: string; status: string }) => [a.assignee, a.status])).toEqual([
      [demoPeople.salesManager, 'closed'],
      [demoPeople.salesManager, 'closed'],
      [demoPeople.generalManager, 'closed'],
    ]);
  });
});
