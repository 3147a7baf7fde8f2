import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { approvalRequests, decideFromMail, executionsOf, requestMail, waitFor } from './approvals.ts';
import { shippingStack } from './shipping-flow.ts';

/**
 * R33: an approved return the customer does not send back (the ASL's two weeks, shortened to three seconds).
 */
describe('a return the customer does not ship back: its owner is told, and the wait goes on', async () => {
  const { stack, call, huaxin, merchandiser, templates, pay, finishedOrder, prepared, shipped, today } =
    await shippingStack({}, { return: { AwaitShipment: 3000 } });
  const asHuaxin = { role: 'customer' as const, email: 'li.wei@huaxin.example', customerId: huaxin };

  it('reminds the merchandiser, then the announcement still reaches the warehouse', async () => {
    const order = await finishedOrder('RET-LATE-1');
    await pay(order.id, 'balance', 2975, 'RET-LATE-1-BAL');
    await prepared(order.number);
    await shipped(order.number);
    await stack.settle();
    const filed = await call('POST', '/returns', {
      as: asHuaxin,
      headers: { 'idempotency-key': 'return-late-1' },
      body: {
        orderId: order.id,
        delivery: 1,
        lines: [{ line: 1, quantity: 3 }],
        reason: '表面划伤 scratched',
        contact: { name: '李伟 Li Wei' },
      },
    });
    expect(filed.status).toBe(201);
    const number = filed.body.number as string;
    await decideFromMail(stack, demoPeople.merchandiser, number, {
      outcome: 'approve',
      causedBy: 'company',
      cause: '包装 packing',
      productionFault: 'no',
      handling: 'rework',
    });
    await decideFromMail(stack, demoPeople.salesManager, number, { outcome: 'approve' });
    await waitFor(() => templates('return-shipment-late', number).length > 0);
    const [late] = templates('return-shipment-late', number);
    expect(late?.to).toEqual([demoPeople.merchandiser]);
    const announced = await call('POST', `/returns/${filed.body.id}/shipment`, {
      as: asHuaxin,
      headers: { 'idempotency-key': 'return-late-1-ship' },
      body: { carrier: '德邦物流 Deppon', waybill: 'DB-LATE-1', shippedOn: today() },
    });
    expect(announced.status).toBe(200);
    // The announcement may land while the workflow runs its reminder between two waits: the next wait finds the
    // shipment announced and goes on at once (awaitUnlessDone), on the workflow's own time.
    await waitFor(
      () => approvalRequests(stack, demoPeople.warehouseOnDuty, number).length > 0,
      () => executionsOf(stack, 'return'),
    );
    expect(requestMail(stack, demoPeople.warehouseOnDuty, number).subject).toContain('退货收货确认');
    expect((await call('GET', `/returns/${filed.body.id}`, { as: merchandiser })).body.status).toBe('receiving');
  });
});
