import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { port } from '../../shared/runtime.ts';
import { approvalRequests, decideFromMail, requestMail } from './approvals.ts';
import { shippingStack } from './shipping-flow.ts';
import { auditTimeToLive } from './ttl-audit.ts';

describe('the complaint register (F4: R25, R28, R29): registered once, acknowledged at once, owned and due', async () => {
  const { stack, call, huaxin, merchandiser, templates, pay, finishedOrder, prepared, shipped, today } =
    await shippingStack({});
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
    // R28: its workflow waits for the weight before the report is asked for.
    expect(staffView.status).toBe('awaiting_weight');
    expect(approvalRequests(stack, demoPeople.merchandiser, registered.body.number)).toEqual([]);

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

  it('records the weight the customer gives afterwards, compared with the weight shipped (R28)', async () => {
    const [first] = (await call('GET', `/complaints?customer=${huaxin}`, { as: merchandiser })).body.items.slice(-1);
    const path = `/complaints/${first.id}/weight`;
    const weighed = await call('POST', path, { as: asHuaxin, body: { receivedWeight: 58 } });
    expect(weighed.status).toBe(200);
    expect(weighed.body.weight).toEqual({ shipped: 61.5, received: 58, difference: 3.5 });
    const again = await call('POST', path, { as: asHuaxin, body: { receivedWeight: 58 } });
    expect(again.body.version).toBe(weighed.body.version);
    const bad = await call('POST', path, { as: asHuaxin, body: { receivedWeight: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('receivedWeight');
    const other = { role: 'customer' as const, email: 'x@jinan.example', customerId: `cus_${'0'.repeat(26)}` };
    expect((await call('POST', path, { as: other, body: { receivedWeight: 1 } })).status).toBe(404);
    const history = (await call('GET', `/orders/${order.id}`, { as: merchandiser })).body.history;
    expect(history.map((h: { action: string }) => h.action)).toContain('complaint weighed');
    // R28: the weight given, the report is asked for (ComplaintWeighed resumed the wait).
    await stack.settle();
    expect(approvalRequests(stack, demoPeople.merchandiser, first.number)).toHaveLength(1);
  });

  it('keeps the register: by status, by customer, from a day; a customer reads its own only', async () => {
    await stack.settle();
    // Both went on to their report at once (the complaint workflow, R25).
    const reporting = await call('GET', '/complaints?status=report', { as: merchandiser });
    expect(reporting.body.items.map((c: { number: string }) => c.number.slice(-4))).toEqual(['0002', '0001']);
    // Two complaints of one order at the same step: asking for one report never closes the other's request.
    for (const { number } of reporting.body.items) {
      const page = await (await fetch(requestMail(stack, demoPeople.merchandiser, number).link)).text();
      expect(page).toContain('问题描述 What is wrong');
    }
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
    // The customer named is read beside the order: another than the order's is refused by name, known or not.
    const another = await complain(
      { ...shortShipment, customerId: `cus_${'0'.repeat(26)}` },
      { role: 'merchandiser', email: demoPeople.merchandiser },
    );
    expect(another.status).toBe(400);
    expect(another.body.errors[0]).toMatchObject({ field: 'customerId' });
    const bad = await complain({ ...shortShipment, kind: 'smell', demand: 'money', contact: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['contact.name', 'demand', 'kind']);
    const mine = await call('GET', '/complaints', { as: merchandiser });
    expect(mine.body.items).toHaveLength(2);
  });

  it('takes a complaint to its written reply: report, leader (who sends it back once), QA’s analysis, reply (R25–R27)', async () => {
    const [registered] = (await call('GET', '/complaints?status=report', { as: merchandiser })).body.items;
    const number = registered.number as string;
    const reportPage = await (await fetch(requestMail(stack, demoPeople.merchandiser, number).link)).text();
    expect(reportPage).toContain('问题描述 What is wrong');
    expect(reportPage).toContain('收到 received 59.04 kg');
    const report = {
      outcome: 'approve',
      description: '第 1 行少 2 套 two sets short on line 1',
      evidence: '客户称重 59.04 kg，发货 61.5 kg',
      customerDemand: 'replacement',
    };
    await decideFromMail(stack, demoPeople.merchandiser, number, report);
    // R26: the leader (the account owner's) sends it back with a reason; the merchandiser writes it again.
    await decideFromMail(stack, demoPeople.salesManager, number, {
      outcome: 'reject',
      comment: '请附装箱单 attach the packing list',
    });
    expect(requestMail(stack, demoPeople.merchandiser, number).text).toContain('请附装箱单 attach the packing list');
    await decideFromMail(stack, demoPeople.merchandiser, number, {
      ...report,
      evidence: '称重记录与装箱单 weights and packing list',
    });
    await decideFromMail(stack, demoPeople.salesManager, number, { outcome: 'approve' });
    await decideFromMail(stack, demoPeople.qaOnDuty, number, {
      outcome: 'approve',
      rootCause: '装箱漏装 a box was left behind at packing',
      causedBy: 'company',
      containment: '补发 2 套 ship the two sets',
      corrective: '出货前复核箱数 boxes checked again before loading',
      preventive: '装箱扫码 scan every box',
    });
    await decideFromMail(stack, demoPeople.merchandiser, number, {
      outcome: 'approve',
      resolution: 'replacement',
      reply: '缺少的 2 套已于今日补发。The two missing sets ship today.',
    });
    const answered = (await call('GET', `/complaints/${registered.id}`, { as: merchandiser })).body;
    expect(answered).toMatchObject({
      status: 'answered',
      report: { signedBy: demoPeople.salesManager, evidence: '称重记录与装箱单 weights and packing list' },
      analysis: { causedBy: 'company', by: demoPeople.qaOnDuty },
      reply: { resolution: 'replacement', by: demoPeople.merchandiser },
    });
    const [reply] = templates('complaint-answered', number).filter((m) => m.to.includes('li.wei@huaxin.example'));
    expect(reply?.text).toContain('The two missing sets ship today');
    expect(reply?.text).toContain('补发/换货');
    // The customer reads the reply, not the company's report or analysis.
    const own = (await call('GET', `/complaints/${registered.id}`, { as: asHuaxin })).body;
    expect(own.reply).toEqual({ resolution: 'replacement', text: answered.reply.text, at: answered.reply.at });
    expect(own).not.toHaveProperty('analysis');
    expect(own).not.toHaveProperty('report');
    const actions = (await call('GET', `/orders/${order.id}`, { as: merchandiser })).body.history.map(
      (h: { action: string }) => h.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'complaint report written',
        'complaint report returned',
        'complaint report signed',
        'cause analysed',
        'complaint answered',
      ]),
    );
    expect(stack.workflows.executions().find((e) => e.name === `complaint-${registered.id}`)?.status).toBe('SUCCEEDED');
  });

  it('ships the replacement the reply settled on as the order’s next delivery, through shipping, not charged (R27)', async () => {
    const [answered] = (await call('GET', '/complaints?status=answered', { as: merchandiser })).body.items;
    expect(answered.replacement).toEqual({ orderId: order.id, delivery: 2 });
    expect((await call('GET', `/complaints/${answered.id}`, { as: asHuaxin })).body.replacement).toEqual(
      answered.replacement,
    );
    const before = (await call('GET', `/orders/${order.id}`, { as: merchandiser })).body;
    const replacement = (await call('GET', `/orders/${order.id}/deliveries/2`, { as: merchandiser })).body;
    // No balance asked (R9 does not apply): straight to the merchandiser's stock-prep form.
    expect(replacement).toMatchObject({
      status: 'stock_prep',
      lines: [{ line: 1, productCode: 'CZM04-SET', quantity: 2 }],
      replacementFor: { complaintId: answered.id, complaintNumber: answered.number },
    });
    expect(templates('balance-requested', order.number).filter((m) => m.text.includes('第 2 批'))).toEqual([]);

    // F3 as for any delivery, every person from their e-mail.
    await decideFromMail(stack, demoPeople.merchandiser, order.number, {
      outcome: 'approve',
      'lines.1': '2',
      requestedShipDate: today(),
      vehiclePlan: '快递 courier',
    });
    await decideFromMail(stack, demoPeople.salesAdmin, order.number, { outcome: 'approve' });
    await decideFromMail(stack, demoPeople.warehouseOnDuty, order.number, {
      outcome: 'approve',
      'lines.1': '2',
      'boxes.1': '1',
    });
    await decideFromMail(stack, demoPeople.financeOnDuty, order.number, { outcome: 'approve' });
    await decideFromMail(stack, demoPeople.salesAdmin, order.number, { outcome: 'approve' });
    await decideFromMail(stack, demoPeople.warehouseOnDuty, order.number, {
      outcome: 'approve',
      carrier: '顺丰 SF Express',
      waybill: 'SF-REPLACE-1',
      boxes: '1',
      grossWeight: '2.46',
      transitDays: '1',
    });
    const shipped = (await call('GET', `/orders/${order.id}/deliveries/2`, { as: merchandiser })).body;
    expect(shipped.status).toBe('shipped');
    const note = (await call('GET', `/delivery-notes/${shipped.deliveryNote}`, { as: merchandiser })).body;
    expect(note.document.totals.amount).toBe(0);
    expect(note.document.lines).toMatchObject([{ line: 1, quantity: 2, unitPrice: 0, amount: 0 }]);
    expect(note.document.remarks).toContain(`补发，不收费（投诉 ${answered.number}）`);
    const signed = await call('POST', `/orders/${order.id}/deliveries/2/receipt`, {
      as: asHuaxin,
      headers: { 'idempotency-key': 'replacement-receipt' },
      body: { condition: 'complete', signedBy: '李伟 Li Wei', signedOn: today() },
    });
    expect(signed.status).toBe(200);
    await stack.settle();

    // The order counts what was ordered: the replacement moves neither its quantities nor its status.
    const after = (await call('GET', `/orders/${order.id}`, { as: merchandiser })).body;
    expect(after.status).toBe(before.status);
    expect(after.lines.map((l: { shipped?: number }) => l.shipped)).toEqual(
      before.lines.map((l: { shipped?: number }) => l.shipped),
    );
    expect(after.history.map((h: { action: string }) => h.action)).toContain('replacement delivery');
    expect(stack.workflows.executions().find((e) => e.name === `shipping-${order.id}-2`)?.status).toBe('SUCCEEDED');
  });

  it('weighs a short shipment registered before complaints kept the weight shipped against its delivery (R28)', async () => {
    const registered = await complain(shortShipment);
    expect(registered.body.shippedWeight).toBe(61.5);
    // As registered before: no weight shipped on the complaint, which weighing then finds on its delivery.
    await port('table').client.send(
      new UpdateCommand({
        TableName: port('table').name,
        Key: { pk: `COMPLAINT#${registered.body.id}`, sk: 'COMPLAINT' },
        UpdateExpression: 'REMOVE shippedWeight',
      }),
    );
    const path = `/complaints/${registered.body.id}/weight`;
    const weighed = await call('POST', path, { as: asHuaxin, body: { receivedWeight: 60 } });
    expect(weighed.status).toBe(200);
    expect(weighed.body).toMatchObject({
      shippedWeight: 61.5,
      weight: { shipped: 61.5, received: 60, difference: 1.5 },
    });
  });

  it('keeps complaints and their number sequence for ever (a scan after the flows)', async () => {
    expect(await auditTimeToLive(stack.tableName)).toBeGreaterThan(50);
  });
});
