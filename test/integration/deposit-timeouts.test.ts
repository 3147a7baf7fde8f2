import { describe, expect, it } from 'vitest';
import { demoCustomers, demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { port } from '../../shared/runtime.ts';
import { doc000KitComponents } from '../fixtures.ts';
import { passOnboarding, takeThroughIntake, waitFor } from './approvals.ts';
import { testStack } from './stack.ts';

describe('a deposit that does not arrive in time (R9): finance and the merchandiser are told, as written in the ASL', async () => {
  const stack = await testStack({ workflowTimeoutOverrides: { 'order-intake': { AwaitDeposit: 1000 } } });
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);
  const merchandiser = { role: 'merchandiser' as const, email: demoPeople.merchandiser };

  it('tells both what is due and what was paid, and still releases the order once the deposit is paid', async () => {
    const placed = await stack.call('POST', '/orders', {
      as: merchandiser,
      body: {
        customerId: customerIds['001'],
        poNumber: 'LATE-1',
        channel: 'email',
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
    const { id, number } = placed.body;
    await takeThroughIntake(stack, number, { promisedDate: '2027-03-01' });
    const late = () =>
      stack.mailbox.list().find((m) => m.template === 'order-deposit-late' && m.subject.includes(number));
    await waitFor(() => late() !== undefined);
    expect(late()?.to.sort()).toEqual([demoPeople.financeOnDuty, demoPeople.merchandiser].sort());
    expect(late()?.text).toContain('¥1,275.00');

    const paid = await stack.call('POST', '/payments', {
      as: { role: 'finance', email: demoPeople.financeOnDuty },
      body: {
        customerId: customerIds['001'],
        orderId: id,
        kind: 'deposit',
        amount: 1275,
        currency: 'CNY',
        method: 'bank-transfer',
        reference: 'LATE-1-DEPOSIT',
        receivedOn: calendarDateIn(port('clock').now(), companyTimeZone),
      },
    });
    expect(paid.status).toBe(201);
    await stack.settle();
    expect((await stack.call('GET', `/orders/${id}`, { as: merchandiser })).body.status).toBe('in_production');
  });
});
