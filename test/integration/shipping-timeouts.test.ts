import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { approvalRequests, waitFor } from './approvals.ts';
import { shippingStack } from './shipping-flow.ts';

/** R9 and every person's step of shipping, when nobody acts in time (the ASL's timers, shortened). */
describe('shipping when nobody acts in time: the people concerned are told, the goods never dropped', async () => {
  const { stack, call, merchandiser, templates, pay, finishedOrder, prepared } = await shippingStack({
    AwaitBalance: 1000,
    Picking: 300,
    PickingReminder: 300,
    PickingEscalated: 300,
  });

  it('tells finance and the merchandiser of a late balance, and asks again whoever does not pick', async () => {
    const { id, number } = await finishedOrder('SHIP-LATE-1');
    // R9: a week (here a second) without the balance.
    await waitFor(() => templates('balance-late', number).length > 0);
    const [late] = templates('balance-late', number);
    expect(late?.to.sort()).toEqual([demoPeople.financeOnDuty, demoPeople.merchandiser].sort());
    expect(late?.text).toContain('¥2,975.00');
    await pay(id, 'balance', 2975, 'SHIP-LATE-1-BAL');
    // Picking's timers (300 ms) keep the workflow asking, reminding and escalating: the stack never settles after.
    await prepared(number, { settleAfter: false });

    // Nobody picks, even after the reminder and the escalation: the merchandiser is told, the warehouse asked again.
    await waitFor(() => templates('delivery-stalled', number).length > 0);
    const [stalled] = templates('delivery-stalled', number);
    expect(stalled?.to).toContain(demoPeople.merchandiser);
    await waitFor(() => approvalRequests(stack, demoPeople.warehouseOnDuty, number).length >= 2);
    const history = (await call('GET', `/orders/${id}`, { as: merchandiser })).body.history;
    expect(history.map((h: { action: string }) => h.action)).toContain('shipping step stalled');
    expect(stack.workflows.executions().find((e) => e.name === `shipping-${id}-1`)?.status).toBe('RUNNING');
  });
});
