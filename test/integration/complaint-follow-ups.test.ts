import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { approvalRequests, postDecision, waitFor } from './approvals.ts';
import { shippingStack } from './shipping-flow.ts';

/**
 * F4 beyond the register: a receipt signed damaged or short opens a complaint (R23 → F4); a short shipment waits for
 * the weight, and goes on without it (R28, the wait shortened to a second and a half); the daily overdue check (R29).
 */
describe('complaints opened by receipts, waiting for their weight, overdue (R23, R28, R29)', async () => {
  const { stack, call, huaxin, merchandiser, templates, pay, finishedOrder, prepared, shipped, today } =
    await shippingStack({}, { complaint: { AwaitWeight: 1500 } });
  const asHuaxin = { role: 'customer' as const, email: 'li.wei@huaxin.example', customerId: huaxin };
  const shippedOrder = async (po: string) => {
    const order = await finishedOrder(po);
    await pay(order.id, 'balance', 2975, `${po}-BAL`);
    await prepared(order.number);
    await shipped(order.number, { waybill: `SF-${po}` });
    return order;
  };
  const complaintsOf = async (orderId: string) =>
    (await call('GET', `/complaints?customer=${huaxin}`, { as: merchandiser })).body.items.filter(
      (c: { orderId: string }) => c.orderId === orderId,
    );
  const short = await shippedOrder('FUP-1');
  const damaged = await shippedOrder('FUP-2');

  it('opens a short shipment of every line shipped when the customer signs for it short, once (R23 → F4)', async () => {
    const receipt = { condition: 'short', signedBy: '李伟 Li Wei', signedOn: today(), note: '少一箱 one box short' };
    const sign = () =>
      call('POST', `/orders/${short.id}/deliveries/1/receipt`, {
        as: asHuaxin,
        headers: { 'idempotency-key': 'fup-1-receipt' },
        body: receipt,
      });
    expect((await sign()).status).toBe(200);
    const retry = await sign();
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    await stack.settle();

    const [opened, ...more] = await complaintsOf(short.id);
    expect(more).toEqual([]);
    expect(opened).toMatchObject({
      number: expect.stringMatching(/^CP\d{10}$/),
      delivery: 1,
      kind: 'short_shipment',
      lines: [{ line: 1, quantity: 50, shipped: 50 }],
      description: '少一箱 one box short',
      demand: 'explanation',
      contact: { name: '李伟 Li Wei' },
      status: 'awaiting_weight',
      openedBy: { receipt: { condition: 'short', signedBy: '李伟 Li Wei', signedOn: today() } },
      owner: demoPeople.merchandiser,
      registeredBy: 'li.wei@huaxin.example',
    });
    // Numbered and acknowledged like any complaint, the weight asked for (R28); the order's history has both.
    const [acknowledged] = templates('complaint-acknowledged', opened.number);
    expect(acknowledged?.to).toEqual(['li.wei@huaxin.example']);
    expect(acknowledged?.text).toContain('请告知实际收到的货物重量');
    const actions = (await call('GET', `/orders/${short.id}`, { as: merchandiser })).body.history.map(
      (h: { action: string }) => h.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['delivery signed for', 'complaint registered']));
  });

  it('waits for the weight, then tells the owner it is missing and goes on to the report without it (R28)', async () => {
    const [opened] = await complaintsOf(short.id);
    expect(approvalRequests(stack, demoPeople.merchandiser, opened.number)).toEqual([]);
    await waitFor(() => templates('complaint-weight-missing', opened.number).length > 0);
    const [missing] = templates('complaint-weight-missing', opened.number);
    expect(missing?.to).toEqual([demoPeople.merchandiser]);
    await stack.settle();
    expect(approvalRequests(stack, demoPeople.merchandiser, opened.number)).toHaveLength(1);
    const now = (await call('GET', `/complaints/${opened.id}`, { as: merchandiser })).body;
    expect(now.status).toBe('report');
    expect(now).not.toHaveProperty('weight');
  });

  it('opens a damage complaint from the e-mailed receipt link, in the name of the link (R23 → F4)', async () => {
    const noteMail = stack.mailbox
      .list()
      .find(
        (m) =>
          m.template === 'delivery-note' && m.text.includes(damaged.number) && m.to.includes('li.wei@huaxin.example'),
      );
    const link = noteMail?.links.find((l) => l.includes('/receipt-links/')) as string;
    const signed = await postDecision(link, {
      condition: 'damaged',
      signedBy: '陈红 Chen Hong',
      signedOn: today(),
      note: '两套执手划伤 two handle sets scratched',
    });
    expect(signed.status).toBe(200);
    await stack.settle();
    const [opened] = await complaintsOf(damaged.id);
    expect(opened).toMatchObject({
      kind: 'damage',
      status: 'report',
      description: '两套执手划伤 two handle sets scratched',
      contact: { name: '陈红 Chen Hong' },
      registeredBy: 'customer (receipt link)',
      openedBy: { receipt: { condition: 'damaged' } },
    });
    expect(templates('complaint-acknowledged', opened.number)).not.toEqual([]);
  });

  it('reminds the owner and tells the leader of each overdue complaint, once a day (R29)', async () => {
    const runOn = async (daysOn: number) => {
      const at = new Date(Date.now() + daysOn * 86_400_000).toISOString();
      const run = await fetch(`${stack.url}/_local/schedules/complaint-overdue?at=${encodeURIComponent(at)}`, {
        method: 'POST',
      });
      expect(run.ok).toBe(true);
      await stack.settle();
    };
    const open = [...(await complaintsOf(short.id)), ...(await complaintsOf(damaged.id))];
    await runOn(7);
    for (const complaint of open) expect(templates('complaint-overdue', complaint.number)).toEqual([]);

    await runOn(8);
    await runOn(8);
    for (const complaint of open) {
      const told = templates('complaint-overdue', complaint.number);
      expect(told).toHaveLength(1);
      expect(told[0]?.to.sort()).toEqual([demoPeople.merchandiser, demoPeople.salesManager].sort());
      expect(told[0]?.text).toContain('1 day(s) overdue');
    }
    const [first] = open;
    const staffView = (await call('GET', `/complaints/${first.id}`, { as: merchandiser })).body;
    expect(staffView.overdueNoticedOn > staffView.dueOn).toBe(true);
    expect((await call('GET', `/complaints/${first.id}`, { as: asHuaxin })).body).not.toHaveProperty(
      'overdueNoticedOn',
    );
    const history = (await call('GET', `/orders/${short.id}`, { as: merchandiser })).body.history;
    expect(history.filter((h: { action: string }) => h.action === 'complaint overdue')).toHaveLength(1);

    await runOn(9);
    expect(templates('complaint-overdue', first.number)).toHaveLength(2);
  });
});
