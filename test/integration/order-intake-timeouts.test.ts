import { describe, expect, it } from 'vitest';
import { demoCustomers, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { port } from '../../shared/runtime.ts';
import { doc000KitComponents } from '../fixtures.ts';
import { approvalRequests, latestMail, passOnboarding, postDecision, waitFor } from './approvals.ts';
import { testStack } from './stack.ts';

const pmc = 'chen.jie@factory.example';
/** PMC's manager: 陈杰's leader, to whom PMC's step escalates (the sales manager never decides PMC's date). */
const pmcManager = 'zheng.guoqiang@factory.example';
const salesManager = 'xu.ming@factory.example';
const ms = 1000;

describe("PMC's promised date when nobody answers (R5): reminder, then escalation, as written in the ASL", async () => {
  const stack = await testStack({
    workflowTimeoutOverrides: {
      'order-intake': { PmcPromise: ms, PmcPromiseReminder: ms, PmcPromiseEscalated: 3 * ms },
    },
  });
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  await passOnboarding(stack, demoCustomers[2] as (typeof demoCustomers)[number]);
  const requests = (to: string, about: string) => approvalRequests(stack, to, about);

  /** An order of the monthly-settlement customer, accepted by the merchandiser and planning: now PMC's turn. */
  async function orderAtPmc(po: string) {
    const placed = await stack.call('POST', '/orders', {
      as: { role: 'merchandiser', email: 'wang.fang@factory.example' },
      body: {
        customerId: customerIds['003'],
        poNumber: po,
        channel: 'fax',
        requestedDate: '2027-03-01',
        lines: [
          {
            productCode: 'CZM04-SET',
            description: '执手套装（套装包装）',
            quantity: 50,
            components: doc000KitComponents.map((c) => ({ ...c, quantity: c.productCode === 'M5X75' ? 100 : 50 })),
          },
        ],
      },
    });
    expect(placed.status).toBe(201);
    const { number, id } = placed.body;
    await stack.settle();
    for (const to of ['wang.fang@factory.example', 'zhao.lei@factory.example']) {
      expect((await postDecision(latestMail(stack, 'approval-request', to).link, { outcome: 'approve' })).status).toBe(
        200,
      );
      await stack.settle();
    }
    return { number, id };
  }

  it("reminds PMC, escalates to PMC's leader (telling PMC), whose date then acknowledges the order", async () => {
    const { number, id } = await orderAtPmc('JN-2201');
    await waitFor(() => requests(pmc, number).some((m) => m.subject.includes('Reminder')));
    const late = () =>
      stack.mailbox.list().find((m) => m.template === 'order-promise-late' && m.subject.includes(number));
    await waitFor(() => late() !== undefined);
    expect(late()?.to).toEqual(['wang.fang@factory.example']);
    await waitFor(() => requests(pmcManager, number).length === 1);
    const escalated = requests(pmcManager, number)[0];
    expect(escalated?.subject).toContain('Escalated');
    expect(escalated?.text).toContain(`${pmc} did not answer in time`);
    expect(requests(salesManager, number)).toEqual([]);
    // 陈杰 is told that the step went past him, and that his link no longer works.
    // (sent after the escalated request, by the same step: wait for it rather than race it)
    const tell = () =>
      stack.mailbox.list().find((m) => m.template === 'approval-escalated' && m.subject.includes(number));
    await waitFor(() => tell() !== undefined);
    const told = tell();
    expect(told?.to).toEqual([pmc]);
    expect(told?.text).toContain(`${pmcManager} now decides`);
    const link = escalated?.links.find((l) => l.includes('/approval-links/')) ?? '';
    expect((await postDecision(link, { outcome: 'approve', promisedDate: '2027-03-20' })).status).toBe(200);
    await stack.settle();
    const order = (await stack.call('GET', `/orders/${id}`, { as: { role: 'pmc' } })).body;
    // Customer 003 settles monthly (F7): no deposit to wait for, straight to production.
    expect(order).toMatchObject({ status: 'in_production', promisedDate: '2027-03-20' });
    expect(order.history.find((h: { action: string }) => h.action === 'promised').actor).toBe(pmcManager);
  });

  it('records a lapse in the history and tells the merchandiser when nobody answers at all', async () => {
    const { number, id } = await orderAtPmc('JN-2202');
    await waitFor(() =>
      stack.mailbox.list().some((m) => m.template === 'order-intake-lapsed' && m.subject.includes(number)),
    );
    await stack.settle();
    const order = (await stack.call('GET', `/orders/${id}`, { as: { role: 'pmc' } })).body;
    expect(order.status).toBe('awaiting_promise');
    expect(order.history.at(-1)).toMatchObject({ action: 'intake lapsed', actor: 'workflow:order-intake' });
    expect(order.approvals.every((a: { status: string }) => a.status !== 'pending')).toBe(true);
  });
});
