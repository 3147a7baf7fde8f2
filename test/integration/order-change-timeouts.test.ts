import { describe, expect, it } from 'vitest';
import { demoCustomers, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { port } from '../../shared/runtime.ts';
import {
  approvalRequests,
  passOnboarding,
  intakeApprovers as people,
  postDecision,
  takeThroughIntake,
  waitFor,
} from './approvals.ts';
import { testStack } from './stack.ts';

/** PMC's leader: PMC's step escalates to him, never to the sales manager. */
const pmcManager = 'zheng.guoqiang@factory.example';
const ms = 1000;

describe('a change request nobody answers: reminder, escalation, then it lapses (as written in the ASL)', async () => {
  const stack = await testStack({
    workflowTimeoutOverrides: {
      'order-change': { PmcAssessment: ms, PmcAssessmentReminder: ms, PmcAssessmentEscalated: ms },
    },
  });
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  await passOnboarding(stack, demoCustomers[2] as (typeof demoCustomers)[number]);
  const asCustomer = { role: 'customer' as const, email: 'finance@jinan-alu.example', customerId: customerIds['003'] };
  const requests = (to: string, about: string) => approvalRequests(stack, to, about);

  it("reminds PMC, escalates to PMC's leader, then ends the request and tells the merchandiser", async () => {
    const placed = await stack.call('POST', '/orders', {
      as: asCustomer,
      body: {
        poNumber: 'JN-LAPSE',
        channel: 'email',
        requestedDate: '2027-03-01',
        lines: [{ productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200 }],
      },
    });
    await stack.settle();
    await takeThroughIntake(stack, placed.body.number, { promisedDate: '2027-03-01' });
    const asked = await stack.call('POST', `/orders/${placed.body.id}/change-requests`, {
      as: asCustomer,
      body: { reason: 'more', lines: [{ op: 'change', line: 1, quantity: 300 }] },
    });
    expect(asked.status).toBe(201);
    const id = asked.body.id;

    await waitFor(() => stack.mailbox.list().some((m) => m.template === 'change-lapsed' && m.text.includes(id)));
    expect(requests(people.pmc, id)).toHaveLength(2);
    expect(requests(pmcManager, id)).toHaveLength(1);
    await stack.settle();
    const ended = await stack.call('GET', `/orders/${placed.body.id}/change-requests/${id}`, { as: asCustomer });
    expect(ended.body).toMatchObject({ status: 'lapsed', outcome: { reason: 'nobody answered in time' } });
    const escalated = requests(pmcManager, id)[0]?.links.find((l) => l.includes('/approval-links/')) ?? '';
    expect((await postDecision(escalated, { outcome: 'approve', promisedDate: '2027-03-01' })).status).toBe(410);

    // The guard is released: the customer may ask again.
    const again = await stack.call('POST', `/orders/${placed.body.id}/change-requests`, {
      as: asCustomer,
      body: { reason: 'more, again', lines: [{ op: 'change', line: 1, quantity: 300 }] },
    });
    expect(again.status).toBe(201);
  });
});
