import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { port } from '../../shared/runtime.ts';
import { decideFromMail, requestMail } from './approvals.ts';
import { shippingStack } from './shipping-flow.ts';
import { auditTimeToLive } from './ttl-audit.ts';

/** The warehouse supervisor: the leader of the keeper on duty (scripts/offline/demo-data.ts). */
const warehouseSupervisor = 'luo.jun@factory.example';
const customerEmail = 'li.wei@huaxin.example';

describe('returns (F5: R30–R36): applied, analysed, approved, shipped back, counted, signed off five times, credited', async () => {
  const { stack, call, huaxin, merchandiser, templates, pay, finishedOrder, prepared, shipped, today } =
    await shippingStack({});
  const asHuaxin = { role: 'customer' as const, email: customerEmail, customerId: huaxin };
  const asWarehouse = { role: 'warehouse' as const, email: demoPeople.warehouseOnDuty };

  /** An order of 50 handle sets (59.5 each) shipped to Huaxin and signed for. */
  const delivered = async (poNumber: string) => {
    const order = await finishedOrder(poNumber);
    await pay(order.id, 'balance', 2975, `${poNumber}-BAL`);
    await prepared(order.number);
    await shipped(order.number, { waybill: `SF${poNumber.replace(/\W/g, '')}` });
    await stack.settle();
    const signed = await call('POST', `/orders/${order.id}/deliveries/1/receipt`, {
      as: asHuaxin,
      headers: { 'idempotency-key': `receipt-${poNumber}` },
      body: { condition: 'complete', signedBy: '李伟', signedOn: today() },
    });
    expect(signed.status).toBe(200);
    await stack.settle();
    return order;
  };
  const apply = (body: object, as: object = asHuaxin, key = `return-${crypto.randomUUID()}`) =>
    call('POST', '/returns', { as: as as typeof asHuaxin, headers: { 'idempotency-key': key }, body });
  const asked = (orderId: string, quantity: number, reason = '表面划伤 scratched finish') => ({
    orderId,
    delivery: 1,
    lines: [{ line: 1, quantity }],
    reason,
    attachments: [{ name: '照片 photo 1', url: 'https://files.huaxin.example/ret/1.jpg' }],
    contact: { name: '李伟 Li Wei', phone: '+86 757 8888 0001' },
  });
  const read = async (id: string) => (await call('GET', `/returns/${id}`, { as: merchandiser })).body;
  const analyse = (number: string, values: Record<string, string>) =>
    decideFromMail(stack, demoPeople.merchandiser, number, { outcome: 'approve', ...values });
  /** R33: the customer announces it through the API; resume-waiters asks the warehouse to receive it. */
  const announce = async (id: string, waybill: string) => {
    const sent = await call('POST', `/returns/${id}/shipment`, {
      as: asHuaxin,
      headers: { 'idempotency-key': `ship-${id}` },
      body: { carrier: '德邦物流 Deppon', waybill, shippedOn: today() },
    });
    expect(sent.status).toBe(200);
    await stack.settle();
    return sent;
  };
  const signers = [
    demoPeople.warehouseOnDuty,
    warehouseSupervisor,
    demoPeople.salesAdmin,
    demoPeople.salesManager,
    demoPeople.financeOnDuty,
  ];

  const order = await delivered('RET-1');

  let firstId = '';

  it('files the customer’s application with the month’s return number, acknowledges it and tells its owner', async () => {
    const filed = await apply(asked(order.id, 5), asHuaxin, 'return-1');
    expect(filed.status).toBe(201);
    expect(filed.headers.get('location')).toBe(`/returns/${filed.body.id}`);
    expect(filed.body).toMatchObject({
      number: expect.stringMatching(/^RA\d{6}0001$/),
      status: 'applied',
      lines: [{ line: 1, quantity: 5, productCode: 'CZM04-SET', delivered: 50 }],
    });
    expect(filed.body).not.toHaveProperty('owner');
    firstId = filed.body.id;
    await stack.settle();
    const [acknowledged] = templates('return-applied', filed.body.number);
    expect(acknowledged?.to).toEqual([customerEmail]);
    const [owner] = templates('return-to-analyse', filed.body.number);
    expect(owner?.to).toEqual([demoPeople.merchandiser]);
    const retry = await apply(asked(order.id, 5), asHuaxin, 'return-1');
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(filed.body.id);
  });

  it('refuses what cannot be returned with a 4xx naming the field, and files nothing', async () => {
    const before = (await call('GET', '/returns', { as: merchandiser })).body.items.length;
    const tooMany = await apply(asked(order.id, 46));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([
      {
        field: 'lines.0.quantity',
        message: 'is more than the 45 left: 50 delivered, 5 returned or applied for already',
      },
    ]);
    const noLine = await apply({ ...asked(order.id, 1), lines: [{ line: 9, quantity: 1 }] });
    expect(noLine.body.errors).toEqual([{ field: 'lines.0.line', message: 'is not a line of delivery 1' }]);
    const noOrder = await apply({ ...asked(order.id, 1), orderId: 'ord_01ARZ3NDEKTSV4RRFFQ69G5FAV' });
    expect(noOrder.body.errors).toEqual([{ field: 'orderId', message: 'is not an order' }]);
    const badLink = await apply({ ...asked(order.id, 1), attachments: [{ name: 'x', url: 'ftp://x.example/y' }] });
    expect(badLink.status).toBe(400);
    expect(badLink.body.errors[0].field).toBe('attachments.0.url');
    const staffWithoutCustomer = await apply(asked(order.id, 1), merchandiser);
    expect(staffWithoutCustomer.body.errors).toEqual([
      { field: 'customerId', message: 'is required: whose return it is' },
    ]);
    // The customer named is read beside the order: another than the order's is refused by name, known or not.
    const otherCustomer = await apply({ ...asked(order.id, 1), customerId: `cus_${'0'.repeat(26)}` }, merchandiser);
    expect(otherCustomer.status).toBe(400);
    expect(otherCustomer.body.errors).toEqual([
      { field: 'customerId', message: `is not the customer of order ${order.number}` },
    ]);
    const noDelivery = await apply({ ...asked(order.id, 1), delivery: 7 });
    expect(noDelivery.body.errors[0].field).toBe('delivery');
    expect((await call('GET', '/returns', { as: merchandiser })).body.items).toHaveLength(before);
  });

  it('never lets two applications at the same moment take the same goods (R30)', async () => {
    const racing = await Promise.all([apply(asked(order.id, 30)), apply(asked(order.id, 30))]);
    expect(racing.map((r) => r.status).sort()).toEqual([201, 400]);
    const refused = racing.find((r) => r.status === 400);
    expect(refused?.body.errors[0]).toMatchObject({ field: 'lines.0.quantity' });
    const left = await apply(asked(order.id, 16));
    expect(left.status).toBe(400);
    expect(left.body.errors[0].message).toBe(
      'is more than the 15 left: 50 delivered, 35 returned or applied for already',
    );
  });

  it('takes the company’s fault to its credit: confirmed, shipped back, counted short, five signatures, the return note (R31–R36)', async () => {
    const first = await read(firstId);
    const number = first.number as string;
    const page = await (await fetch(requestMail(stack, demoPeople.merchandiser, number).link)).text();
    expect(page).toContain('退货原因分析 Cause of the return');
    expect(page).toContain('https://files.huaxin.example/ret/1.jpg');
    await analyse(number, {
      causedBy: 'company',
      cause: '电镀层不足 thin plating',
      productionFault: 'no',
      handling: 'rework',
    });
    await decideFromMail(stack, demoPeople.salesManager, number, { outcome: 'approve' });
    // R33: the customer has the return number and a link to announce the shipment.
    const [approved] = templates('return-approved', number);
    expect(approved?.to).toEqual([customerEmail]);
    expect(approved?.links.some((l) => l.includes('/return-links/'))).toBe(true);
    expect(await read(first.id)).toMatchObject({ status: 'approved', approval: { by: demoPeople.salesManager } });

    await announce(first.id, 'DB-RET-0001');
    // R34: four of five came back: a difference, told to the customer and the merchandiser.
    await decideFromMail(stack, demoPeople.warehouseOnDuty, number, {
      outcome: 'approve',
      'lines.1': '4',
      note: '少 1 套',
    });
    const [difference] = templates('return-difference', number).filter((m) => m.to.includes(customerEmail));
    expect(difference?.text).toContain('4');
    // R35: five people sign, each from their own e-mail.
    for (const signer of signers) await decideFromMail(stack, signer, number, { outcome: 'approve' });
    const receivable = await deliveryRepository(port('table')).receivable(huaxin);
    await decideFromMail(stack, demoPeople.financeOnDuty, number, { outcome: 'approve' });
    for (const signer of [demoPeople.warehouseOnDuty, demoPeople.salesAdmin]) {
      await decideFromMail(stack, signer, number, { outcome: 'approve' });
    }
    const credited = await read(first.id);
    expect(credited).toMatchObject({
      status: 'credited',
      receipt: { difference: true, lines: [{ line: 1, expected: 5, received: 4 }] },
      returnNote: expect.stringMatching(/^RN\d{6}0001$/),
    });
    const unitPrice = credited.lines[0].unitPrice as number;
    expect(credited.credit.amount).toBe(4 * unitPrice);
    expect(credited.signOff.map((s: { by: string }) => s.by)).toEqual(signers);
    // F7: the customer owes what came back less.
    expect(await deliveryRepository(port('table')).receivable(huaxin)).toBe(receivable - 4 * unitPrice);
    const [note] = templates('return-note', credited.returnNote);
    expect(note?.to).toEqual([customerEmail]);
    // R40: the customer's reconciliation lists the credit beside the order's deliveries.
    const period = `/customers/${huaxin}/reconciliation?from=${today()}&to=${today()}`;
    const reconciliation = (await call('GET', period, { as: asHuaxin })).body;
    expect(reconciliation.returnNotes).toContainEqual(
      expect.objectContaining({ number: credited.returnNote, orderNumber: order.number, amount: 4 * unitPrice }),
    );
    expect(reconciliation.orders.find((o: { number: string }) => o.number === order.number)?.returned).toBe(
      4 * unitPrice,
    );
    expect(note?.attachments?.[0]?.contentType).toBe('application/pdf');
    // The one held back may be returned another time: 50 − 30 − 4.
    const again = await apply(asked(order.id, 17));
    expect(again.status).toBe(400);
    expect(again.body.errors[0].message).toContain('16 left');
    expect(stack.workflows.executions().find((e) => e.name.endsWith(first.id))?.status).toBe('SUCCEEDED');
  });

  it('refuses the customer’s fault without an exception, in writing, and gives the goods back (R32)', async () => {
    const other = await delivered('RET-2');
    const filed = await apply(asked(other.id, 10, '客户订错型号 ordered the wrong model'));
    expect(filed.status).toBe(201);
    await analyse(filed.body.number, {
      causedBy: 'customer',
      cause: '客户订错 ordered wrong',
      productionFault: 'no',
      handling: 'restock',
    });
    await decideFromMail(stack, demoPeople.salesManager, filed.body.number, {
      outcome: 'reject',
      comment: '非质量问题，不予退货 not a quality problem',
    });
    expect(await read(filed.body.id)).toMatchObject({ status: 'refused', refusal: { by: demoPeople.salesManager } });
    const [refusal] = templates('return-refused', filed.body.number).filter((m) => m.to.includes(customerEmail));
    expect(refusal?.text).toContain('not a quality problem');
    expect((await apply(asked(other.id, 50))).status).toBe(201);
  });

  it('grants the customer’s fault an exception, and remelting goes to the general manager (R32)', async () => {
    const other = await delivered('RET-3');
    const filed = await apply(asked(other.id, 8, '客户库存积压 overstock'));
    await analyse(filed.body.number, {
      causedBy: 'customer',
      cause: '库存积压 overstock',
      productionFault: 'no',
      handling: 'restock',
    });
    await decideFromMail(stack, demoPeople.salesManager, filed.body.number, {
      outcome: 'approve',
      handling: 'remelt',
      instructions: '老客户特批，回炉处理 a long-standing customer; remelt',
    });
    expect((await read(filed.body.id)).status).toBe('gm_approval');
    await decideFromMail(stack, demoPeople.generalManager, filed.body.number, { outcome: 'approve' });
    expect(await read(filed.body.id)).toMatchObject({
      status: 'approved',
      analysis: { causedBy: 'customer', handling: 'remelt' },
      approval: {
        exception: '老客户特批，回炉处理 a long-standing customer; remelt',
        gm: { by: demoPeople.generalManager },
      },
    });
  });

  it('asks the analysis again when a production fault has no complaint report (R31)', async () => {
    const other = await delivered('RET-4');
    const filed = await apply(asked(other.id, 3));
    await analyse(filed.body.number, {
      causedBy: 'company',
      cause: '铸件气孔 porous casting',
      productionFault: 'yes',
      handling: 'scrap',
    });
    const again = requestMail(stack, demoPeople.merchandiser, filed.body.number);
    expect(again.text).toContain('complaint report');
    expect((await read(filed.body.id)).status).toBe('analysis');
  });

  it('stops the return on one refusal of the five, with its reason, to its owner (R35)', async () => {
    const other = await delivered('RET-5');
    const filed = await apply(asked(other.id, 2));
    const number = filed.body.number;
    await analyse(number, {
      causedBy: 'company',
      cause: '包装破损 damaged packing',
      productionFault: 'no',
      handling: 'restock',
    });
    await decideFromMail(stack, demoPeople.salesManager, number, { outcome: 'approve' });
    await announce(filed.body.id, 'DB-RET-0005');
    await decideFromMail(stack, demoPeople.warehouseOnDuty, number, { outcome: 'approve', 'lines.1': '2' });
    await decideFromMail(stack, demoPeople.warehouseOnDuty, number, { outcome: 'approve' });
    await decideFromMail(stack, demoPeople.financeOnDuty, number, {
      outcome: 'reject',
      comment: '退货价格与发票不符 prices differ from the invoice',
    });
    expect(await read(filed.body.id)).toMatchObject({
      status: 'stopped',
      stopped: { by: demoPeople.financeOnDuty, reason: '退货价格与发票不符 prices differ from the invoice' },
    });
    const [stopped] = templates('return-stopped', number);
    expect(stopped?.to).toContain(demoPeople.merchandiser);
  });

  it('opens the return from a complaint answered with a return; the production fault rests on its report (R27, R31)', async () => {
    const other = await delivered('RET-6');
    const complained = await call('POST', '/complaints', {
      as: asHuaxin,
      headers: { 'idempotency-key': 'return-complaint-6' },
      body: {
        orderId: other.id,
        delivery: 1,
        kind: 'quality',
        lines: [{ line: 1, quantity: 7, note: '锁舌卡滞 the latch sticks' }],
        description: '7 套执手锁舌卡滞 the latch of 7 sets sticks',
        demand: 'return',
        contact: { name: '李伟 Li Wei' },
      },
    });
    expect(complained.status).toBe(201);
    const number = complained.body.number as string;
    await decideFromMail(stack, demoPeople.merchandiser, number, {
      outcome: 'approve',
      description: '锁舌弹簧力不足 weak latch springs',
      evidence: '客户视频 the customer’s video',
      customerDemand: 'return',
    });
    await decideFromMail(stack, demoPeople.salesManager, number, { outcome: 'approve' });
    await decideFromMail(stack, demoPeople.qaOnDuty, number, {
      outcome: 'approve',
      rootCause: '弹簧批次硬度不足 a batch of soft springs',
      causedBy: 'company',
      containment: '隔离库存 stock quarantined',
      corrective: '更换弹簧供应商批次 springs replaced',
      preventive: '来料抽检硬度 incoming hardness checks',
    });
    await decideFromMail(stack, demoPeople.merchandiser, number, {
      outcome: 'approve',
      resolution: 'return',
      reply: '请退回 7 套，我司全额冲账。Please send the 7 sets back; we credit them in full.',
    });
    const view = (await call('GET', `/complaints/${complained.body.id}`, { as: merchandiser })).body;
    expect(view.status).toBe('answered');
    expect(view.linked.returns).toEqual([
      { id: expect.stringMatching(/^ret_/), number: expect.stringMatching(/^RA/), status: 'analysis' },
    ]);
    const opened = await read(view.linked.returns[0].id);
    expect(opened).toMatchObject({
      complaint: { id: complained.body.id, number },
      lines: [{ line: 1, quantity: 7, note: '锁舌卡滞 the latch sticks' }],
      appliedBy: demoPeople.merchandiser,
    });
    // R31: a production fault, backed by the complaint's report, goes on to the leader.
    await analyse(opened.number, {
      causedBy: 'company',
      cause: '弹簧 springs',
      productionFault: 'yes',
      handling: 'scrap',
    });
    expect(await read(opened.id)).toMatchObject({
      status: 'leader_approval',
      analysis: { productionFault: true, complaint: { number } },
    });
    // The customer reads the same links on its complaint.
    const own = (await call('GET', `/complaints/${complained.body.id}`, { as: asHuaxin })).body;
    expect(own.linked.returns[0].number).toBe(opened.number);
  });

  it('sends the analysis back when the general manager refuses the furnace; settled otherwise, no GM (R32)', async () => {
    const other = await delivered('RET-7');
    const filed = await apply(asked(other.id, 4, '客户库存积压 overstock'));
    const number = filed.body.number;
    await analyse(number, {
      causedBy: 'customer',
      cause: '库存积压 overstock',
      productionFault: 'no',
      handling: 'remelt',
    });
    await decideFromMail(stack, demoPeople.salesManager, number, {
      outcome: 'approve',
      handling: 'remelt',
      instructions: '特批回炉 remelt by exception',
    });
    await decideFromMail(stack, demoPeople.generalManager, number, {
      outcome: 'reject',
      comment: '该型号可再销售，入库 the model sells: restock it',
    });
    expect(await read(filed.body.id)).toMatchObject({
      status: 'analysis',
      returned: { by: demoPeople.generalManager, reason: '该型号可再销售，入库 the model sells: restock it' },
    });
    await analyse(number, {
      causedBy: 'customer',
      cause: '库存积压 overstock',
      productionFault: 'no',
      handling: 'restock',
    });
    await decideFromMail(stack, demoPeople.salesManager, number, {
      outcome: 'approve',
      handling: 'restock',
      instructions: '特批入库 restocked by exception',
    });
    const approved = await read(filed.body.id);
    expect(approved).toMatchObject({ status: 'approved', analysis: { handling: 'restock' } });
    expect(approved).not.toHaveProperty('returned');
    expect(approved.approval).not.toHaveProperty('gm');
  });

  it('voids a return note the warehouse refuses to sign, takes its credit back, and credits through the next (R36)', async () => {
    const other = await delivered('RET-8');
    const filed = await apply(asked(other.id, 2));
    const number = filed.body.number;
    await analyse(number, {
      causedBy: 'company',
      cause: '错发颜色 wrong colour sent',
      productionFault: 'no',
      handling: 'restock',
    });
    await decideFromMail(stack, demoPeople.salesManager, number, { outcome: 'approve' });
    await announce(filed.body.id, 'DB-RET-0008');
    await decideFromMail(stack, demoPeople.warehouseOnDuty, number, { outcome: 'approve', 'lines.1': '2' });
    for (const signer of signers) await decideFromMail(stack, signer, number, { outcome: 'approve' });
    const owed = await deliveryRepository(port('table')).receivable(huaxin);
    await decideFromMail(stack, demoPeople.financeOnDuty, number, { outcome: 'approve' });
    const first = (await read(filed.body.id)).returnNote as string;
    const credit = (await read(filed.body.id)).credit.amount as number;
    expect(await deliveryRepository(port('table')).receivable(huaxin)).toBe(owed - credit);
    await decideFromMail(stack, demoPeople.warehouseOnDuty, number, {
      outcome: 'reject',
      comment: '数量写错 the quantity is wrong',
    });
    // Void: the number stays used, the credit is taken back, finance is asked again.
    const voided = await call('GET', `/return-notes/${first}`, { as: merchandiser });
    expect(voided.body).toMatchObject({ number: first, status: 'void', returnId: filed.body.id });
    expect(await deliveryRepository(port('table')).receivable(huaxin)).toBe(owed);
    await decideFromMail(stack, demoPeople.financeOnDuty, number, { outcome: 'approve' });
    for (const signer of [demoPeople.warehouseOnDuty, demoPeople.salesAdmin]) {
      await decideFromMail(stack, signer, number, { outcome: 'approve' });
    }
    const credited = await read(filed.body.id);
    expect(credited.status).toBe('credited');
    expect(credited.returnNote).not.toBe(first);
    expect(await deliveryRepository(port('table')).receivable(huaxin)).toBe(owed - credit);
    // F7: the ledger holds each move of the receivable once, and adds up to it.
    const ledger = (await call('GET', `/customers/${huaxin}/ledger?from=${today()}&to=${today()}`, { as: asHuaxin }))
      .body;
    expect(ledger.balance).toBe(owed - credit);
    const notes = ledger.entries.filter((e: { reference: string }) =>
      [first, credited.returnNote].includes(e.reference),
    );
    expect(notes.map((e: { kind: string; amount: number }) => [e.kind, e.amount])).toEqual([
      ['return-note', -credit],
      ['return-note-void', credit],
      ['return-note', -credit],
    ]);
    const sum = ledger.entries.reduce((total: number, e: { amount: number }) => total + e.amount, 0);
    expect(Math.round(sum * 100) / 100).toBe(ledger.balance);
    expect(ledger.entries.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['delivery-note', 'payment']),
    );
    const elsewhere = await call('GET', '/customers/cus_01ARZ3NDEKTSV4RRFFQ69G5FAV/ledger', { as: asHuaxin });
    expect(elsewhere.status).toBe(404);
    // The note as JSON (signed by all three) and as the PDF; the customer reads its own.
    const note = await call('GET', `/return-notes/${credited.returnNote}`, { as: asHuaxin });
    expect(note.body).toMatchObject({
      status: 'signed',
      document: { returnNumber: number, totals: { amount: credit } },
    });
    expect(Object.keys(note.body.document.signatures).sort()).toEqual(['finance', 'salesAdmin', 'warehouse']);
    const pdf = await call('GET', `/return-notes/${credited.returnNote}`, {
      as: merchandiser,
      headers: { accept: 'application/pdf' },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('holds goods that come back without an approved application and alerts the merchandiser (R33)', async () => {
    const holdGoods = () =>
      call('POST', '/return-arrivals', {
        as: asWarehouse,
        headers: { 'idempotency-key': 'arrival-1' },
        body: {
          customerId: huaxin,
          carrier: '德邦物流 Deppon',
          waybill: 'DB-UNANNOUNCED-1',
          lines: [{ productCode: 'CZM04-SET', quantity: 3 }],
          note: '无退货单 no return number',
        },
      });
    const held = await holdGoods();
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ status: 'held', recordedBy: demoPeople.warehouseOnDuty });
    // The earlier attempt is read with the customer and the directory; a retry gets the first answer.
    expect(await holdGoods()).toMatchObject({ status: 201, body: { id: held.body.id } });
    const nobody = await call('POST', '/return-arrivals', {
      as: asWarehouse,
      headers: { 'idempotency-key': 'arrival-2' },
      body: { customerId: 'cus_nobody', returnNumber: 'RT-NONE', lines: [{ productCode: 'CZM04-SET', quantity: 1 }] },
    });
    expect(nobody.status).toBe(400);
    expect(JSON.stringify(nobody.body)).toContain('customerId');
    await stack.settle();
    const [alert] = stack.mailbox.list().filter((m) => m.template === 'return-arrival-held');
    expect(alert?.to).toEqual([demoPeople.merchandiser]);
    expect(alert?.text).toContain('DB-UNANNOUNCED-1');
    const list = (await call('GET', '/return-arrivals', { as: merchandiser })).body.items;
    expect(list.map((a: { id: string }) => a.id)).toContain(held.body.id);
  });

  it('settles goods held with the customer: sent back, or taken in under the return approved since (R30, R33)', async () => {
    const hold = async (waybill: string) => {
      const held = await call('POST', '/return-arrivals', {
        as: asWarehouse,
        headers: { 'idempotency-key': `held-${waybill}` },
        body: {
          customerId: huaxin,
          carrier: '德邦物流 Deppon',
          waybill,
          lines: [{ productCode: 'CZM04-SET', quantity: 2 }],
        },
      });
      expect(held.status).toBe(201);
      return held.body;
    };
    const heldIds = async () =>
      (await call('GET', '/return-arrivals', { as: merchandiser })).body.items.map((a: { id: string }) => a.id);
    const settle = (id: string, body: object, key: string = crypto.randomUUID()) =>
      call('POST', `/return-arrivals/${id}/settlement`, {
        as: merchandiser,
        headers: { 'idempotency-key': key },
        body,
      });
    const refusedGoods = await hold('DB-HELD-BACK');
    const returnedGoods = await hold('DB-HELD-RETURN');
    expect(returnedGoods.customerName).toBe(refusedGoods.customerName);
    // Newest first.
    const held = await heldIds();
    expect(held.indexOf(returnedGoods.id)).toBeLessThan(held.indexOf(refusedGoods.id));

    // R30: refused, and sent back as agreed; a retry gets the same answer, a second settlement a 409.
    const agreed = { outcome: 'sent-back', note: '德邦到付退回 back by Deppon, freight collect' };
    const back = await settle(refusedGoods.id, agreed, 'settle-back');
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'sent-back', settlement: { settledBy: demoPeople.merchandiser } });
    expect(await settle(refusedGoods.id, agreed, 'settle-back')).toMatchObject({ status: 200, body: back.body });
    const twice = await settle(refusedGoods.id, agreed);
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toContain('settled already (sent-back)');
    const noNote = await settle(returnedGoods.id, { outcome: 'sent-back' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors).toEqual([expect.objectContaining({ field: 'note' })]);
    expect((await settle('rar_01J00000000000000000000000', agreed)).status).toBe(404);
    await stack.settle();
    const [sendBack] = stack.mailbox.list().filter((m) => m.template === 'return-arrival-settled');
    expect(sendBack?.to).toEqual([demoPeople.warehouseOnDuty]);
    expect(sendBack?.text).toContain('back by Deppon, freight collect');
    expect(sendBack?.text).toContain('DB-HELD-BACK');

    // R33: the customer's return, approved since, is what the other goods were: its shipment, then the warehouse's count.
    const laterOrder = await delivered('RET-HELD');
    const filed = await apply(asked(laterOrder.id, 2), asHuaxin, 'return-held');
    expect(filed.status).toBe(201);
    const underReturn = { outcome: 'under-return', returnId: filed.body.id };
    expect((await settle(returnedGoods.id, underReturn)).status).toBe(409);
    const number = filed.body.number as string;
    await analyse(number, { causedBy: 'company', cause: '包装 packing', productionFault: 'no', handling: 'rework' });
    await decideFromMail(stack, demoPeople.salesManager, number, { outcome: 'approve' });
    const taken = await settle(returnedGoods.id, underReturn, 'settle-return');
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({
      status: 'under-return',
      settlement: { returnId: filed.body.id, returnNumber: number },
    });
    await stack.settle();
    expect(await read(filed.body.id)).toMatchObject({
      status: 'receiving',
      shipment: { carrier: '德邦物流 Deppon', waybill: 'DB-HELD-RETURN', announcedBy: demoPeople.merchandiser },
    });
    expect(requestMail(stack, demoPeople.warehouseOnDuty, number).subject).toContain('退货收货确认');
    const [receiveThrough] = templates('return-arrival-settled', number);
    expect(receiveThrough?.to).toEqual([demoPeople.warehouseOnDuty]);
    expect(await heldIds()).not.toEqual(expect.arrayContaining([refusedGoods.id]));
    expect(await heldIds()).not.toEqual(expect.arrayContaining([returnedGoods.id]));
  });

  it('keeps returns, notes, credits and their sequences for ever (a scan after the flows)', async () => {
    expect(await auditTimeToLive(stack.tableName)).toBeGreaterThan(50);
  });
});
