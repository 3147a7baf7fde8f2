import { expect } from 'vitest';
import { demoCustomers, demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { port } from '../../shared/runtime.ts';
import { doc000KitComponents } from '../fixtures.ts';
import { decideFromMail, passOnboarding, takeThroughIntake } from './approvals.ts';
import { testStack } from './stack.ts';

/**
 * A stack for shipping's timers, as written in the ASL but shortened (`timeouts`, milliseconds by state; `others`, of
 * other workflows by name), with the demo data and the deposit customer 001 reviewed; and the steps that take one of
 * its orders to shipping.
 */
export async function shippingStack(
  timeouts: Record<string, number>,
  others: Record<string, Record<string, number>> = {},
) {
  const stack = await testStack({ workflowTimeoutOverrides: { ...others, shipping: timeouts } });
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);
  const huaxin = customerIds['001'] as string;
  const merchandiser = { role: 'merchandiser' as const, email: demoPeople.merchandiser };
  const today = () => calendarDateIn(port('clock').now(), companyTimeZone);
  const templates = (template: string, about: string) =>
    stack.mailbox.list().filter((m) => m.template === template && m.subject.includes(about));
  const pay = async (orderId: string, kind: string, amount: number, reference: string) => {
    const paid = await call('POST', '/payments', {
      as: { role: 'finance', email: demoPeople.financeOnDuty },
      body: {
        customerId: huaxin,
        orderId,
        kind,
        amount,
        currency: 'CNY',
        method: 'bank-transfer',
        reference,
        receivedOn: today(),
      },
    });
    expect(paid.status).toBe(201);
    await stack.settle();
  };

  /** F1 and production: a deposit customer's order of 50 sets, its deposit paid, finished; its shipping started. */
  const finishedOrder = async (poNumber: string) => {
    const placed = await call('POST', '/orders', {
      as: merchandiser,
      body: {
        customerId: huaxin,
        poNumber,
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
    const { id, number } = placed.body as { id: string; number: string };
    await takeThroughIntake(stack, number, { promisedDate: '2027-03-01' });
    await pay(id, 'deposit', 1275, `${poNumber}-DEP`);
    const finished = await call('POST', `/orders/${id}/production-finished`, {
      as: { role: 'pmc', email: demoPeople.pmcOnDuty },
      body: { delivery: 1 },
    });
    expect(finished.status).toBe(200);
    await stack.settle();
    return { id, number };
  };
  /**
   * R17, R18: the stock-prep form for all 50, approved. `settleAfter: false` when the next step's timers are so short
   * that the stack never falls quiet (the workflow asks, reminds and escalates again and again).
   */
  const prepared = async (number: string, { settleAfter = true } = {}) => {
    await decideFromMail(stack, demoPeople.merchandiser, number, {
      outcome: 'approve',
      'lines.1': '50',
      requestedShipDate: today(),
      vehiclePlan: '自提',
    });
    await decideFromMail(stack, demoPeople.salesAdmin, number, { outcome: 'approve' }, { settleAfter });
  };
  /** R19–R21: picked as prepared, the note issued and signed, shipped (61.5 kg, `transitDays` on the road). */
  const shipped = async (number: string, { waybill = 'SF1234567890', transitDays = '1' } = {}) => {
    await decideFromMail(stack, demoPeople.warehouseOnDuty, number, {
      outcome: 'approve',
      'lines.1': '50',
      'boxes.1': '5',
    });
    await decideFromMail(stack, demoPeople.financeOnDuty, number, { outcome: 'approve' });
    await decideFromMail(stack, demoPeople.salesAdmin, number, { outcome: 'approve' });
    await decideFromMail(stack, demoPeople.warehouseOnDuty, number, {
      outcome: 'approve',
      carrier: '顺丰 SF Express',
      waybill,
      boxes: '5',
      grossWeight: '61.5',
      transitDays,
    });
  };
  return { stack, call, huaxin, merchandiser, templates, pay, finishedOrder, prepared, shipped, today };
}
