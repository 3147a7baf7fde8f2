import { describe, expect, it } from 'vitest';
import { demoCustomers, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { bindPorts, port } from '../../shared/runtime.ts';
import { latestMail, passOnboarding, postDecision } from './approvals.ts';
import { testStack } from './stack.ts';

const customerContact = 'li.wei@huaxin.example';

describe('the written acknowledgement (R6) when it cannot go out', async () => {
  const stack = await testStack({ workflowRetryIntervalOverrides: { 'order-intake': { SendAcknowledgement: 10 } } });
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);

  it('is retried, then the merchandiser is alerted, and the order still waits for its deposit', async () => {
    // The customer's mail server refuses everything (what SES would report as a failed send).
    const mailbox = stack.mailbox;
    let refused = 0;
    bindPorts({
      mail: {
        send: async (message) => {
          if (message.to.includes(customerContact)) {
            refused++;
            throw new Error('550 mailbox unavailable');
          }
          return await mailbox.send(message);
        },
      },
    });
    const placed = await stack.call('POST', '/orders', {
      as: { role: 'merchandiser', email: 'wang.fang@factory.example' },
      body: {
        customerId: customerIds['001'],
        poNumber: 'HX-ACK',
        channel: 'email',
        requestedDate: '2027-02-01',
        lines: [{ productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200 }],
      },
    });
    await stack.settle();
    for (const [to, fields] of [
      ['wang.fang@factory.example', { outcome: 'approve' }],
      ['zhao.lei@factory.example', { outcome: 'approve' }],
      ['chen.jie@factory.example', { outcome: 'approve', promisedDate: '2027-02-10' }],
    ] as const) {
      expect((await postDecision(latestMail(stack, 'approval-request', to).link, fields)).status).toBe(200);
      await stack.settle();
    }
    expect(refused).toBe(9); // the first try and the ASL's 8 retries
    const alert = latestMail(stack, 'order-acknowledgement-failed', 'wang.fang@factory.example');
    expect(alert.subject).toContain(placed.body.number);
    expect(stack.mailbox.list().some((m) => m.template === 'order-acknowledgement')).toBe(false);
    const order = (await stack.call('GET', `/orders/${placed.body.id}`, { as: { role: 'finance' } })).body;
    expect(order).toMatchObject({ status: 'awaiting_deposit', paid: { paidTotal: 0 } });
    // R9: the intake waits for the payments to reach the deposit, no longer for a person.
    const intake = stack.workflows.executions().find((e) => e.name === `order-intake-${placed.body.id}`);
    expect(intake?.currentStates).toEqual(['AwaitDeposit']);
    // R15: the acknowledgement that did not go out is in the order's history, once, however often it was tried.
    const entries = order.history.filter((h: { action: string }) => h.action.startsWith('acknowledgement'));
    expect(entries).toEqual([
      expect.objectContaining({ action: 'acknowledgement not sent', actor: 'workflow:order-intake' }),
    ]);
    expect(stack.mailbox.list().filter((m) => m.template === 'order-acknowledgement-failed')).toHaveLength(1);
  });
});
