import { describe, expect, it } from 'vitest';
import { demoCustomers, demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { port } from '../../shared/runtime.ts';
import { doc000KitComponents } from '../fixtures.ts';
import { approvalRequests, latestMail, passOnboarding, postDecision, waitFor } from './approvals.ts';
import { testStack } from './stack.ts';

const merchandiser = 'wang.fang@factory.example';
const salesManager = 'xu.ming@factory.example';
const generalManager = demoPeople.generalManager;
const ms = 1000;

describe('a cancellation nobody decides (R16): reminder, escalation to the general manager, lapse', async () => {
  const stack = await testStack({
    workflowTimeoutOverrides: {
      'order-cancellation': { Approval: ms, ApprovalReminder: ms, ApprovalEscalated: 20 * ms },
    },
  });
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  await passOnboarding(stack, demoCustomers[2] as (typeof demoCustomers)[number]);
  const requests = (to: string, about: string) => approvalRequests(stack, to, about);
  const asMerchandiser = { role: 'merchandiser' as const, email: merchandiser };

  /** An order of customer 003 (monthly settlement, CNY) of `sets` handle sets at 85.00, and its cancellation asked. */
  async function cancellationAsked(sets: number, po: string) {
    const placed = await stack.call('POST', '/orders', {
      as: asMerchandiser,
      body: {
        customerId: customerIds['003'],
        poNumber: po,
        channel: 'fax',
        requestedDate: '2027-03-01',
        lines: [
          {
            productCode: 'CZM04-SET',
            description: '执手套装（套装包装）',
            quantity: sets,
            components: doc000KitComponents.map((c) => ({
              ...c,
              quantity: (c.productCode === 'M5X75' ? 2 : 1) * sets,
            })),
          },
        ],
      },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    const asked = await stack.call('POST', `/orders/${placed.body.id}/cancellation`, {
      as: asMerchandiser,
      body: { reason: 'customer asked by phone, confirmed by fax' },
    });
    expect(asked.status).toBe(202);
    await stack.settle();
    return { id: placed.body.id as string, number: placed.body.number as string, cancellationId: asked.body.id };
  }

  it('reminds the sales manager, then escalates to the general manager, whose approval cancels the order', async () => {
    const { id, number } = await cancellationAsked(50, 'JN-C1');
    await waitFor(() => requests(salesManager, number).some((m) => m.subject.includes('Reminder')));
    await waitFor(() => requests(generalManager, number).length === 1);
    const escalated = requests(generalManager, number)[0];
    expect(escalated?.subject).toContain('Escalated');
    const link = escalated?.links.find((l) => l.includes('/approval-links/')) ?? '';
    expect((await postDecision(link, { outcome: 'approve' })).status).toBe(200);
    await stack.settle();
    const order = (await stack.call('GET', `/orders/${id}`, { as: asMerchandiser })).body;
    expect(order).toMatchObject({ status: 'cancelled', cancellation: { approvedBy: generalManager } });
    // The sales manager's earlier links were closed by the reminder and the escalation.
    for (const mail of requests(salesManager, number)) {
      const old = mail.links.find((l) => l.includes('/approval-links/')) ?? '';
      expect((await postDecision(old, { outcome: 'approve' })).status).toBe(410);
    }
  });

  it('lets a request the general manager leaves unanswered lapse; the merchandiser is told, the order unchanged', async () => {
    const { id, number } = await cancellationAsked(600, 'JN-C2');
    expect(requests(salesManager, number)).toEqual([]);
    await waitFor(() => requests(generalManager, number).some((m) => m.subject.includes('Reminder')));
    await waitFor(() =>
      stack.mailbox.list().some((m) => m.template === 'cancellation-lapsed' && m.subject.includes(number)),
    );
    await stack.settle();
    expect(latestMail(stack, 'cancellation-lapsed', merchandiser).subject).toContain(number);
    const { body } = await stack.call('GET', `/orders/${id}/cancellation`, { as: asMerchandiser });
    expect(body).toMatchObject({ status: 'lapsed', authority: { role: 'gm' } });
    const order = (await stack.call('GET', `/orders/${id}`, { as: asMerchandiser })).body;
    expect(order.status).toBe('in_review');
    expect(order.history.at(-1).action).toBe('cancellation lapsed');
    const reminder = requests(generalManager, number)[0];
    const link = reminder?.links.find((l) => l.includes('/approval-links/')) ?? '';
    expect((await postDecision(link, { outcome: 'approve' })).status).toBe(410);
    expect(requests(salesManager, number)).toEqual([]);
  });
});
