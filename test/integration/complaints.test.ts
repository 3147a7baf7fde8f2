import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { shippingStack } from './shipping-flow.ts';
import { auditTimeToLive } from './ttl-audit.ts';

describe('the complaint register (F4: R25, R28, R29): registered once, acknowledged at once, owned and due', async () => {
  const { stack, call, huaxin, merchandiser, templates, pay, finishedOrder, prepared, shipped } = await shippingStack(
    {},
  );
  const asHuaxin = { role: 'customer' as const, email: 'li.wei@huaxin.example', customerId: huaxin };
  // An order of 50 handle sets shipped to Huaxin (61.5 kg gross), and another only finished.
  const order = await finishedOrder('CMP-1');
  await pay(order.id, 'balance', 2975, 'CMP-1-BAL');
  await prepared(order.number);
  await shipped(order.number);
  const unshipped = await finishedOrder('CMP-2');
  const complain = (body: object, as: object = asHuaxin, key = `complaint-${crypto.randomUUID()}`) =>
    call('POST', '/complaints', { as: as as typeof asHuaxin, headers: { 'idempotency-key': key }, body });
  const shortShipment = {
    orderId: order.id,
    delivery: 1,
    kind: 'short_shipment',
    lines: [{ line: 1, quantity: 2, note: '少两套 two sets missing' }],
    description: '收到 48 套，少 2 套 48 sets received, 2 short',
    demand: 'replacement',
    contact: { name: '李伟 Li Wei', phone: '+86 757 8888 0001' },
  };

  it('registers the customer’s complaint with the month’s number, acknowledges it in writing and tells its owner', async () => {
    const registered = await complain(shortShipment, asHuaxin, 'complaint-1');
    expect(registered.status).toBe(201);
    expect(registered.headers.get('location')).toBe(`/complaints/${registered.body.id}`);
    expect(registered.body).toMatchObject({
      number: expect.stringMatching(/^CP\d{6}0001$/),
      orderNumber: order.number,
      delivery: 1,
      status: 'awaiting_weight',
      lines: [{ line: 1, quantity: 2, productCode: 'CZM04-SET', shipped: 50 }],
    });
    // The customer's view: not who inside the company follows it.
    expect(registered.body).not.toHaveProperty('owner');
    expect(registered.body).not.toHaveProperty('registeredBy');
    await stack.settle();

    const [acknowledged] = templates('complaint-acknowledged', registered.body.number);
    expect(acknowledged?.to).toEqual(['li.wei@huaxin.example']);
    expect(acknowledged?.subject).toBe(`投诉已受理：${registered.body.number}（订单 ${order.number}）`);
    expect(acknowledged?.text).toContain('请告知实际收到的货物重量');
    expect(acknowledged?.text).toContain(`前书面答复`);
    const [told] = templates('complaint-registered', registered.body.number);
    expect(told?.to).toEqual([demoPeople.merchandiser]);
    const staffView = (await call('GET', `/complaints/${registered.body.id}`, { as: merchandiser })).body;
    expect(staffView).toMatchObject({ owner: demoPeople.merchandiser, registeredBy: 'li.wei@huaxin.example' });
    expect(told?.text).toContain(staffView.dueOn);
    const history = (await call('GET', `/orders/${order.id}`, { as: merchandiser })).body.history;
    expect(history.at(-1)).toMatchObject({ action: 'complaint registered', actor: 'li.wei@huaxin.example' });

    // A retry gets the first answer; nothing registered twice.
    const retry = await complain(shortShipment, asHuaxin, 'complaint-1');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(registered.body.id);
  });

  it('registers the merchandiser’s complaint with the weight received, compared with the weight shipped (R28)', async () => {
    const weighed = await complain(
      { ...shortShipment, customerId: huaxin, receivedWeight: 59.04 },
      { role: 'merchandiser', email: demoPeople.merchandiser },
    );
    expect(weighed.status).toBe(201);
    expect(weighed.body).toMatchObject({
      number: expect.stringMatching(/^CP\d{6}0002$/),
      status: 'registered',
      weight: { shipped: 61.5, received: 59.04, difference: 2.46 },
      owner: demoPeople.merchandiser,
    });
  });

  it('keeps the register: by status, by customer, from a day; a customer reads its own only', async () => {
    const waiting = await call('GET', '/complaints?status=awaiting_weight', { as: merchandiser });
    expect(waiting.body.items.map((c: { number: string }) => c.number)).toEqual([expect.stringMatching(/0001$/)]);
    const all = await call('GET', `/complaints?customer=${huaxin}`, { as: merchandiser });
    expect(all.body.items.map((c: { number: string }) => c.number.slice(-4))).toEqual(['0002', '0001']);
    const own = await call('GET', '/complaints', { as: asHuaxin });
    expect(own.body.items).toHaveLength(2);
    expect(own.body.items[0]).not.toHaveProperty('owner');
    const asJinan = { role: 'customer' as const, email: 'x@jinan.example', customerId: `cus_${'0'.repeat(26)}` };
    expect((await call('GET', '/complaints', { as: asJinan })).body.items).toEqual([]);
    expect((await call('GET', `/complaints/${all.body.items[0].id}`, { as: asJinan })).status).toBe(404);
    expect((await call('GET', '/complaints?from=2099-01-01', { as: merchandiser })).body.items).toEqual([]);
  });

  it('refuses what cannot be a complaint with a 4xx naming the field, and registers nothing', async () => {
    const beyond = await complain({
      ...shortShipment,
      lines: [
        { line: 1, quantity: 51 },
        { line: 2, quantity: 1 },
      ],
    });
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors).toEqual([
      { field: 'lines.0.quantity', message: 'is more than the 50 shipped' },
      { field: 'lines.1.line', message: 'is not a line of delivery 1' },
    ]);
    const notShipped = await complain({ ...shortShipment, orderId: unshipped.id });
    expect(notShipped.status).toBe(409);
    const noSuchDelivery = await complain({ ...shortShipment, delivery: 2 });
    expect(noSuchDelivery.status).toBe(400);
    expect(noSuchDelivery.body.errors[0].field).toBe('delivery');
    const unknownOrder = await complain({ ...shortShipment, orderId: `ord_${'0'.repeat(26)}` });
    expect(unknownOrder.body.errors).toEqual([{ field: 'orderId', message: 'is not an order' }]);
    const whose = await complain(shortShipment, { role: 'merchandiser', email: demoPeople.merchandiser });
    expect(whose.body.errors).toEqual([{ field: 'customerId', message: 'is required: whose complaint it is' }]);
    const bad = await complain({ ...shortShipment, kind: 'smell', demand: 'money', contact: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['contact.name', 'demand', 'kind']);
    const mine = await call('GET', '/complaints', { as: merchandiser });
    expect(mine.body.items).toHaveLength(2);
  });

  it('keeps complaints and their number sequence for ever (a scan after the flows)', async () => {
    expect(await auditTimeToLive(stack.tableName)).toBeGreaterThan(50);
  });
});
