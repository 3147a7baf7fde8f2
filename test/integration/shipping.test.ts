import { readFileSync } from 'node:fs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { demoCustomers, demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { customerKeys } from '../../shared/persistence/customers.ts';
import { port } from '../../shared/runtime.ts';
import { doc000KitComponents } from '../fixtures.ts';
import {
  approvalRequests,
  decideFromMail,
  passOnboarding,
  postDecision,
  requestMail,
  takeThroughIntake,
} from './approvals.ts';
import { testStack } from './stack.ts';
import { auditTimeToLive } from './ttl-audit.ts';

const people = {
  merchandiser: demoPeople.merchandiser,
  salesAdmin: demoPeople.salesAdmin,
  warehouse: demoPeople.warehouseOnDuty,
  finance: demoPeople.financeOnDuty,
  salesManager: demoPeople.salesManager,
};
const as = {
  finance: { role: 'finance' as const, email: people.finance },
  merchandiser: { role: 'merchandiser' as const, email: people.merchandiser },
  pmc: { role: 'pmc' as const, email: demoPeople.pmcOnDuty },
  warehouse: { role: 'warehouse' as const, email: people.warehouse },
};
const today = () => calendarDateIn(port('clock').now(), companyTimeZone);
/** 50 handle sets at ¥85.00: ¥4,250.00. */
const kitLine = (quantity = 50) => ({
  productCode: 'CZM04-SET',
  description: '执手套装（套装包装）',
  quantity,
  components: doc000KitComponents.map((c) => ({ ...c, quantity: (c.productCode === 'M5X75' ? 2 : 1) * quantity })),
});

describe('shipping (F3): from a finished order to goods signed for, through the ASL and the e-mailed links', async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const huaxin = customerIds['001'] as string;
  const jinan = customerIds['003'] as string;
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);
  await passOnboarding(stack, demoCustomers[2] as (typeof demoCustomers)[number]);
  const asHuaxin = { role: 'customer' as const, email: 'li.wei@huaxin.example', customerId: huaxin };

  const place = async (po: string, customerId: string, quantity = 50) => {
    const placed = await call('POST', '/orders', {
      as: as.merchandiser,
      body: { customerId, poNumber: po, channel: 'email', requestedDate: '2027-03-01', lines: [kitLine(quantity)] },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    return placed.body as { id: string; number: string; totals: { amount: number; depositDue?: number } };
  };
  const read = async (id: string) => (await call('GET', `/orders/${id}`, { as: as.merchandiser })).body;
  const delivery = async (id: string, n = 1) =>
    (await call('GET', `/orders/${id}/deliveries/${n}`, { as: as.merchandiser })).body;
  const shipping = (orderId: string, n = 1) =>
    stack.workflows.executions().find((e) => e.name === `shipping-${orderId}-${n}`);
  const pay = async (customerId: string, orderId: string, kind: string, amount: number, reference: string) => {
    const paid = await call('POST', '/payments', {
      as: as.finance,
      headers: { 'idempotency-key': `pay-${reference}` },
      body: {
        customerId,
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
  const finish = async (orderId: string, body: object) => {
    const finished = await call('POST', `/orders/${orderId}/production-finished`, { as: as.pmc, body });
    expect(finished.status).toBe(200);
    await stack.settle();
    return finished.body;
  };
  /** R17–R21: every person of a delivery acts from their e-mail, the goods matching the form the first time. */
  const shipThrough = async (number: string, lines: Record<string, string>, boxes: Record<string, string>) => {
    await decideFromMail(stack, people.merchandiser, number, {
      outcome: 'approve',
      ...lines,
      requestedShipDate: today(),
      vehiclePlan: '自提 customer pick-up',
    });
    await decideFromMail(stack, people.salesAdmin, number, { outcome: 'approve' });
    await decideFromMail(stack, people.warehouse, number, { outcome: 'approve', ...lines, ...boxes });
    await decideFromMail(stack, people.finance, number, { outcome: 'approve' });
    await decideFromMail(stack, people.salesAdmin, number, { outcome: 'approve' });
    await decideFromMail(stack, people.warehouse, number, {
      outcome: 'approve',
      carrier: '德邦物流 Deppon',
      waybill: `DP-${number}`,
      boxes: '5',
      grossWeight: '61.5',
      transitDays: '2',
    });
  };

  it('ships a deposit customer’s order only once paid in full, through a picking mismatch, to signed for and closed', async () => {
    const order = await place('SHIP-1', huaxin);
    await takeThroughIntake(stack, order.number, { promisedDate: '2027-03-01' });
    await pay(huaxin, order.id, 'deposit', 1275, 'ICBC-SHIP1-DEP');
    expect((await read(order.id)).status).toBe('in_production');

    const finished = await finish(order.id, { delivery: 1 });
    expect(finished).toMatchObject({ status: 'finished' });
    expect(finished.lines[0]).toMatchObject({ line: 1, quantity: 50, finished: 50 });
    expect(shipping(order.id)?.status).toBe('RUNNING');

    // R9: the customer is asked for the balance, in its language; nothing is prepared before it is paid.
    const asked = stack.mailbox
      .list()
      .find((m) => m.template === 'balance-requested' && m.to.includes('li.wei@huaxin.example'));
    expect(asked?.subject).toContain(order.number);
    expect(asked?.text).toContain('¥2,975.00');
    expect((await delivery(order.id)).status).toBe('awaiting_payment');
    const merchandiserAsked = approvalRequests(stack, people.merchandiser, order.number).length;
    await pay(huaxin, order.id, 'balance', 1000, 'ICBC-SHIP1-BAL-A');
    expect((await delivery(order.id)).status).toBe('awaiting_payment');
    expect(approvalRequests(stack, people.merchandiser, order.number)).toHaveLength(merchandiserAsked);

    await pay(huaxin, order.id, 'balance', 1975, 'ICBC-SHIP1-BAL-B');
    expect((await read(order.id)).status).toBe('ready_to_ship');
    expect((await delivery(order.id)).status).toBe('stock_prep');

    // R17: the merchandiser's stock-prep form, from the link: quantity per line, ship date, vehicle plan.
    const form = requestMail(stack, people.merchandiser, order.number);
    const page = await (await fetch(form.link)).text();
    expect(page).toContain('备货数量 Quantity to prepare');
    expect(page).toContain('name="lines.1"');
    expect(page).toContain('name="vehiclePlan"');
    const tooMany = await postDecision(form.link, {
      outcome: 'approve',
      'lines.1': '51',
      requestedShipDate: today(),
      vehiclePlan: '自提',
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.html).toContain('Nothing was decided');
    await decideFromMail(stack, people.merchandiser, order.number, {
      outcome: 'approve',
      'lines.1': '50',
      requestedShipDate: today(),
      vehiclePlan: '客户自提 customer pick-up',
    });
    const prepared = await delivery(order.id);
    expect(prepared).toMatchObject({ status: 'price_approval', shipDate: today() });
    expect(prepared.stockPrepForm).toMatchObject({
      revision: 1,
      lines: [{ line: 1, productCode: 'CZM04-SET', quantity: 50, unitPrice: 85 }],
      totals: { amount: 4250 },
    });

    // R18: sales admin approves the prices; R19: the warehouse finds 48 — the form goes back to the merchandiser.
    await decideFromMail(stack, people.salesAdmin, order.number, { outcome: 'approve' });
    expect((await delivery(order.id)).status).toBe('picking');
    await decideFromMail(stack, people.warehouse, order.number, {
      outcome: 'approve',
      'lines.1': '48',
      'boxes.1': '5',
    });
    const mismatch = await delivery(order.id);
    expect(mismatch.status).toBe('stock_prep');
    expect(mismatch.returned).toMatchObject({ by: people.warehouse });
    expect(mismatch.returned.reason).toContain('line 1: 48 of 50');
    expect(mismatch.picking).toEqual([expect.objectContaining({ revision: 1, matched: false })]);
    const again = requestMail(stack, people.merchandiser, order.number);
    expect(again.link).not.toBe(form.link);
    expect(again.text).toContain('line 1: 48 of 50');

    // Round 2: the missing two were found; the form is prepared again (revision 2) and the goods match.
    await decideFromMail(stack, people.merchandiser, order.number, {
      outcome: 'approve',
      'lines.1': '50',
      requestedShipDate: today(),
      vehiclePlan: '客户自提 customer pick-up',
      remarks: '余 2 套已找到 the other two were found',
    });
    await decideFromMail(stack, people.salesAdmin, order.number, { outcome: 'approve' });
    await decideFromMail(stack, people.warehouse, order.number, {
      outcome: 'approve',
      'lines.1': '50',
      'boxes.1': '5',
    });
    const picked = await delivery(order.id);
    expect(picked.status).toBe('invoicing');
    expect(picked.stockPrepForm.revision).toBe(2);
    expect(picked.picking.map((r: { matched: boolean }) => r.matched)).toEqual([false, true]);

    // R20: finance issues the note (the month's next number), sales admin signs it.
    await decideFromMail(stack, people.finance, order.number, { outcome: 'approve' });
    const issued = await delivery(order.id);
    expect(issued.deliveryNote).toMatch(new RegExp(`^DN${today().slice(0, 7).replace('-', '')}\\d{4}$`));
    await decideFromMail(stack, people.salesAdmin, order.number, { outcome: 'approve' });
    expect((await delivery(order.id)).status).toBe('ready_to_ship');

    // R21: the warehouse ships and signs; R22: the customer gets the note (PDF) and the waybill.
    const shipForm = await (await fetch(requestMail(stack, people.warehouse, order.number).link)).text();
    expect(shipForm).toContain('name="waybill"');
    expect(shipForm).toContain('name="grossWeight"');
    await decideFromMail(stack, people.warehouse, order.number, {
      outcome: 'approve',
      carrier: '德邦物流 Deppon',
      waybill: 'DP20261201-0042',
      vehicle: '粤E·12345',
      boxes: '5',
      grossWeight: '61.5',
      transitDays: '2',
    });
    const shipped = await read(order.id);
    expect(shipped.status).toBe('shipped');
    expect(shipped.lines[0]).toMatchObject({ shipped: 50 });
    const onItsWay = await delivery(order.id);
    expect(onItsWay).toMatchObject({
      status: 'shipped',
      shipment: { carrier: '德邦物流 Deppon', waybill: 'DP20261201-0042', boxes: 5, grossWeight: 61.5 },
    });
    const noteMail = stack.mailbox.list().find((m) => m.template === 'delivery-note');
    expect(noteMail?.to).toEqual(['li.wei@huaxin.example']);
    expect(noteMail?.text).toContain('DP20261201-0042');
    expect(noteMail?.attachments).toEqual([expect.objectContaining({ contentType: 'application/pdf' })]);
    // The note travels as a real MIME attachment, a PDF.
    const [attached] = (await PostalMime.parse(readFileSync(noteMail?.file as string))).attachments;
    expect(attached?.mimeType).toBe('application/pdf');
    expect(
      Buffer.from(attached?.content as ArrayBuffer)
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF');

    // R16: a shipped order is past cancelling.
    const cancel = await call('POST', `/orders/${order.id}/cancellation`, {
      as: asHuaxin,
      body: { reason: '不要了 no longer needed' },
    });
    expect(cancel.status).toBe(409);

    // The note as JSON (staff and the customer) and as its PDF; another customer's note is not found.
    const note = await call('GET', `/delivery-notes/${onItsWay.deliveryNote}`, { as: asHuaxin });
    expect(note.status).toBe(200);
    expect(note.body).toMatchObject({ number: onItsWay.deliveryNote, status: 'signed' });
    expect(note.body.document.totals).toMatchObject({ amount: 4250, boxes: 5, grossWeight: 61.5 });
    const pdf = await call('GET', `/delivery-notes/${onItsWay.deliveryNote}`, {
      as: as.finance,
      headers: { accept: 'application/pdf' },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    // The stock-prep form as it stands (revision 2, the boxes counted), JSON or PDF: the company's, not the customer's.
    const formPath = `/orders/${order.id}/deliveries/1/stock-prep-form`;
    const stockPrep = await call('GET', formPath, { as: as.warehouse });
    expect(stockPrep.body).toMatchObject({
      revision: 2,
      totals: { boxes: 5 },
      remarks: '余 2 套已找到 the other two were found',
    });
    const formPdf = await call('GET', formPath, { as: as.merchandiser, headers: { accept: 'application/pdf' } });
    expect(formPdf.headers.get('content-type')).toBe('application/pdf');
    expect((await call('GET', formPath, { as: asHuaxin })).status).toBe(403);
    const asJinan = { role: 'customer' as const, email: 'finance@jinan-alu.example', customerId: jinan };
    expect((await call('GET', `/delivery-notes/${onItsWay.deliveryNote}`, { as: asJinan })).status).toBe(404);

    // R23: tracking, then the customer signs for it; paid in full and delivered, the order closes.
    const track = await call('POST', `/orders/${order.id}/deliveries/1/tracking`, {
      as: as.warehouse,
      body: { stage: 'in_transit', note: '已发车 left the yard' },
    });
    expect(track.status).toBe(200);
    expect(track.body.status).toBe('in_transit');
    const receipt = {
      condition: 'complete',
      signedBy: '李伟 Li Wei',
      signedOn: today(),
    };
    const signed = await call('POST', `/orders/${order.id}/deliveries/1/receipt`, {
      as: asHuaxin,
      headers: { 'idempotency-key': 'receipt-ship-1' },
      body: receipt,
    });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'delivered', receipt: { condition: 'complete' } });
    expect(signed.body).not.toHaveProperty('lastDecision');
    const replay = await call('POST', `/orders/${order.id}/deliveries/1/receipt`, {
      as: asHuaxin,
      headers: { 'idempotency-key': 'receipt-ship-1' },
      body: receipt,
    });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await stack.settle();
    const closed = await read(order.id);
    expect(closed.status).toBe('closed');
    expect(closed.lines[0]).toMatchObject({ finished: 50, shipped: 50, delivered: 50 });
    expect(shipping(order.id)?.status).toBe('SUCCEEDED');
    const actions = closed.history.map((h: { action: string }) => h.action);
    for (const action of [
      'balance requested',
      'stock-prep form prepared',
      'picking mismatch',
      'goods prepared',
      'delivery note issued',
      'delivery note signed',
      'delivery shipped',
      'delivery signed for',
    ]) {
      expect(actions).toContain(action);
    }
    const told = stack.mailbox.list().find((m) => m.template === 'delivery-signed-for');
    expect(told?.to).toContain(people.merchandiser);
  });

  it('ships a monthly customer’s split order within its credit in two deliveries, each on its own', async () => {
    const order = await place('SHIP-2', jinan, 100);
    await takeThroughIntake(stack, order.number, { promisedDate: '2027-03-01' });
    expect((await read(order.id)).status).toBe('in_production');
    const current = await read(order.id);
    const split = await call('PUT', `/orders/${order.id}/deliveries`, {
      as: as.merchandiser,
      headers: { 'if-match': `"${current.version}"` },
      body: {
        deliveries: [
          { requestedDate: '2027-02-10', lines: [{ line: 1, quantity: 60 }] },
          { requestedDate: '2027-02-25', lines: [{ line: 1, quantity: 40 }] },
        ],
      },
    });
    expect(split.status).toBe(200);

    // F7: a monthly customer within its limit ships without paying first: the form is asked at once.
    expect((await finish(order.id, { delivery: 1 })).status).toBe('in_production');
    expect((await delivery(order.id, 1)).status).toBe('stock_prep');
    await shipThrough(order.number, { 'lines.1': '60' }, { 'boxes.1': '6' });
    const first = await read(order.id);
    expect(first.status).toBe('partly_shipped');
    expect(first.lines[0]).toMatchObject({ finished: 60, shipped: 60 });

    expect((await finish(order.id, { delivery: 2 })).status).toBe('partly_shipped');
    await shipThrough(order.number, { 'lines.1': '40' }, { 'boxes.1': '4' });
    expect((await read(order.id)).status).toBe('shipped');
    const notes = [(await delivery(order.id, 1)).deliveryNote, (await delivery(order.id, 2)).deliveryNote];
    expect(new Set(notes).size).toBe(2);

    // The warehouse's list: both shipped deliveries of the order.
    const list = await call('GET', '/deliveries?status=shipped', { as: as.warehouse });
    expect(list.status).toBe(200);
    expect(
      list.body.items
        .filter((d: { orderId: string }) => d.orderId === order.id)
        .map((d: { delivery: number }) => d.delivery),
    ).toEqual(expect.arrayContaining([1, 2]));

    // R23: delivery 1 signed for by the customer's person from the link in the note's e-mail; a form without who
    // signed comes back with the problem beside it, nothing recorded.
    const noteMails = stack.mailbox
      .list()
      .filter((m) => m.template === 'delivery-note' && m.to.includes('finance@jinan-alu.example'));
    const firstNote = noteMails.find((m) => m.subject.includes(notes[0] as string));
    const receiptLink = firstNote?.links.find((l) => l.includes('/receipt-links/')) as string;
    expect(firstNote?.text).toContain('确认收货');
    const receiptPage = await (await fetch(receiptLink)).text();
    expect(receiptPage).toContain('签收货物 Sign for the goods');
    expect(receiptPage).toContain(notes[0]);
    expect(receiptPage).toContain('name="signedBy"');
    // The link names its delivery and customer beside the secret, so that signing reads in one round: under another
    // delivery the secret leads nowhere; a link of the secret alone (e-mailed before) still leads to its delivery.
    const [orderId, n, customerId, secret] = (new URL(receiptLink).pathname.split('/').pop() ?? '').split('.');
    expect([orderId, n, customerId?.startsWith('cus_')]).toEqual([order.id, '1', true]);
    expect((await fetch(`${stack.url}/receipt-links/${orderId}.2.${customerId}.${secret}`)).status).toBe(404);
    expect(await (await fetch(`${stack.url}/receipt-links/${secret}`)).text()).toContain(notes[0]);
    const incomplete = await postDecision(receiptLink, { condition: 'damaged', signedBy: '', signedOn: today() });
    expect(incomplete.status).toBe(400);
    expect(incomplete.html).toContain('Nothing was recorded');
    expect(incomplete.html).toContain('is required: say what was damaged');
    expect((await delivery(order.id, 1)).status).toBe('shipped');
    const bySignature = await postDecision(receiptLink, {
      condition: 'complete',
      signedBy: '王静 Wang Jing',
      signedOn: today(),
    });
    expect(bySignature.status).toBe(200);
    expect(bySignature.html).toContain('Signed for — thank you');
    // A second click (or another contact) sees the receipt made; the API then refuses to sign it again.
    const again = await postDecision(receiptLink, { condition: 'short', signedBy: 'someone else', signedOn: today() });
    expect(again.status).toBe(200);
    expect(again.html).toContain('This delivery was signed for');
    expect(again.html).toContain('王静 Wang Jing');
    expect((await fetch(`${stack.url}/receipt-links/${'x'.repeat(43)}`)).status).toBe(404);
    const twice = await call('POST', `/orders/${order.id}/deliveries/1/receipt`, {
      as: as.warehouse,
      headers: { 'idempotency-key': 'receipt-ship-2-again' },
      body: { condition: 'complete', signedBy: '王静', signedOn: today() },
    });
    expect(twice.status).toBe(409);

    // Delivery 2: the warehouse files the signed paper receipt (回单), one set short. Delivered, not closed: a
    // monthly customer pays later.
    const short = await call('POST', `/orders/${order.id}/deliveries/2/receipt`, {
      as: as.warehouse,
      headers: { 'idempotency-key': 'receipt-ship-2-2' },
      body: { condition: 'short', signedBy: '王静', signedOn: today(), note: '少 1 套 one set short' },
    });
    expect(short.status).toBe(200);
    await stack.settle();
    expect((await read(order.id)).status).toBe('delivered');
    expect(shipping(order.id, 1)?.status).toBe('SUCCEEDED');
    expect(shipping(order.id, 2)?.status).toBe('SUCCEEDED');
  });

  it('holds a monthly customer’s delivery beyond its credit limit when the sales manager refuses, until payments make room (F7)', async () => {
    // ¥85.00 × 2,500 = ¥212,500.00; with the ¥8,500.00 Jinan owes for SHIP-2, beyond its ¥200,000.00.
    const order = await place('SHIP-3', jinan, 2500);
    await takeThroughIntake(stack, order.number, { promisedDate: '2027-03-01' });
    await finish(order.id, { delivery: 1 });
    const credit = requestMail(stack, people.salesManager, order.number);
    expect(credit.subject).toContain('超信用额度出货审批');
    expect(credit.text).toContain('已欠 owes ¥8,500.00，额度 limit ¥200,000.00');
    expect(credit.text).toContain('¥212,500.00');
    await decideFromMail(stack, people.salesManager, order.number, {
      outcome: 'reject',
      comment: '先付清上月货款 pay last month first',
    });
    expect((await delivery(order.id)).status).toBe('awaiting_credit');
    const held = stack.mailbox.list().find((m) => m.template === 'delivery-held' && m.subject.includes(order.number));
    expect(held?.to).toEqual([people.merchandiser]);
    expect(held?.text).toContain('先付清上月货款 pay last month first');
    const asked = approvalRequests(stack, people.merchandiser, order.number).length;

    // A payment that leaves it beyond: still held. One that makes room (money ahead counts): the form is asked for.
    await pay(jinan, order.id, 'balance', 8000, 'JN-SHIP3-A');
    expect((await delivery(order.id)).status).toBe('awaiting_credit');
    expect(approvalRequests(stack, people.merchandiser, order.number)).toHaveLength(asked);
    await pay(jinan, order.id, 'balance', 13000, 'JN-SHIP3-B');
    expect((await delivery(order.id)).status).toBe('stock_prep');
    expect(requestMail(stack, people.merchandiser, order.number).subject).toContain('备货单');
    const history = (await read(order.id)).history.map((h: { action: string }) => h.action);
    expect(history).toContain('held for credit');
  });

  it('returns the form to the merchandiser with the reason on any refusal; a note refused its signature is void, its number kept', async () => {
    const order = await place('SHIP-5', jinan, 10);
    await takeThroughIntake(stack, order.number, { promisedDate: '2027-03-01' });
    await finish(order.id, { delivery: 1 });
    const form = { outcome: 'approve', 'lines.1': '10', requestedShipDate: today(), vehiclePlan: '自提' };
    await decideFromMail(stack, people.merchandiser, order.number, form);
    // R18: the sales admin refuses the prices, in writing: back to the merchandiser, who reads why.
    await decideFromMail(stack, people.salesAdmin, order.number, {
      outcome: 'reject',
      comment: '单价需按合同价 use the contract price',
    });
    expect((await delivery(order.id)).returned).toMatchObject({
      by: people.salesAdmin,
      reason: '单价需按合同价 use the contract price',
    });
    expect(requestMail(stack, people.merchandiser, order.number).text).toContain(
      '单价需按合同价 use the contract price',
    );
    await decideFromMail(stack, people.merchandiser, order.number, form);
    await decideFromMail(stack, people.salesAdmin, order.number, { outcome: 'approve' });
    await decideFromMail(stack, people.warehouse, order.number, {
      outcome: 'approve',
      'lines.1': '10',
      'boxes.1': '1',
    });
    await decideFromMail(stack, people.finance, order.number, { outcome: 'approve' });
    const first = (await delivery(order.id)).deliveryNote as string;
    // R20: the sales admin refuses to sign: the note is void (its number stays used), the form goes round again.
    await decideFromMail(stack, people.salesAdmin, order.number, {
      outcome: 'reject',
      comment: '数量有误 wrong quantity',
    });
    const voided = await call('GET', `/delivery-notes/${first}`, { as: as.finance });
    expect(voided.body.status).toBe('void');
    const back = await delivery(order.id);
    expect(back).toMatchObject({ status: 'stock_prep', returned: { reason: '数量有误 wrong quantity' } });
    expect(back.deliveryNote).toBeUndefined();
    await shipThrough(order.number, { 'lines.1': '10' }, { 'boxes.1': '1' });
    const shippedAgain = await delivery(order.id);
    expect(shippedAgain.status).toBe('shipped');
    expect(shippedAgain.deliveryNote).not.toBe(first);
    expect(Number(shippedAgain.deliveryNote.slice(-4))).toBe(Number(first.slice(-4)) + 1);
    const actions = (await read(order.id)).history.map((h: { action: string }) => h.action);
    expect(actions).toEqual(
      expect.arrayContaining(['stock-prep form returned', 'delivery note void', 'delivery shipped']),
    );
  });

  it('refuses what does not fit with a 4xx naming the field, and writes nothing', async () => {
    const order = await place('SHIP-4', huaxin);
    const both = await call('POST', `/orders/${order.id}/production-finished`, {
      as: as.pmc,
      body: { delivery: 1, lines: [{ line: 1, quantity: 1 }] },
    });
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([
      {
        field: 'lines',
        message: 'give either lines (finished quantities) or delivery (everything it carries), not both',
      },
    ]);
    // Not in production yet: nothing can be finished.
    const early = await call('POST', `/orders/${order.id}/production-finished`, { as: as.pmc, body: { delivery: 1 } });
    expect(early.status).toBe(409);
    expect((await call('GET', `/orders/${order.id}/deliveries/1`, { as: as.merchandiser })).status).toBe(404);
    // Nothing shipped: no receipt, no tracking; the merchandiser may not finish production.
    expect(
      (await call('POST', `/orders/${order.id}/production-finished`, { as: as.merchandiser, body: { delivery: 1 } }))
        .status,
    ).toBe(403);
    const noDelivery = await call('POST', `/orders/${order.id}/deliveries/0/tracking`, {
      as: as.warehouse,
      body: { stage: 'in_transit' },
    });
    expect(noDelivery.status).toBe(400);
    expect(noDelivery.body.errors).toEqual([{ field: 'path.n', message: 'is not a delivery number' }]);
    const bad = await call('POST', `/orders/${order.id}/deliveries/1/receipt`, {
      as: as.warehouse,
      headers: { 'idempotency-key': 'receipt-bad' },
      body: { condition: 'lost', signedBy: '', signedOn: 'yesterday' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'condition',
      'signedBy',
      'signedOn',
    ]);
  });

  /** A customer's settlement as a terms change approved meanwhile leaves it (R9, F7); the settlement it had before. */
  const settleOn = async (customerId: string, settlement: object) => {
    const table = port('table');
    const { Attributes } = await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: customerKeys.item(customerId),
        UpdateExpression: 'SET settlement = :settlement',
        ExpressionAttributeValues: { ':settlement': settlement },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes?.settlement as object;
  };

  it('finishes production on the settlement the customer has then, whatever the order suggests (A116)', async () => {
    // Placed on a deposit, Huaxin settles monthly by the time its order is finished: ready to ship unpaid.
    const deposit = await place('SHIP-5', huaxin);
    await takeThroughIntake(stack, deposit.number, { promisedDate: '2027-03-01' });
    await pay(huaxin, deposit.id, 'deposit', 1275, 'ICBC-SHIP5-DEP');
    const huaxinTerms = await settleOn(huaxin, { type: 'monthly', creditLimit: 1_000_000 });
    try {
      expect(await finish(deposit.id, { delivery: 1 })).toMatchObject({ status: 'ready_to_ship' });
    } finally {
      await settleOn(huaxin, huaxinTerms);
    }
    // Placed on monthly settlement (no deposit due), Jinan pays a deposit by then: finished, the balance asked for.
    const monthly = await place('SHIP-6', jinan);
    expect(monthly.totals.depositDue).toBe(0);
    await takeThroughIntake(stack, monthly.number, { promisedDate: '2027-03-01' });
    expect((await read(monthly.id)).status).toBe('in_production');
    const jinanTerms = await settleOn(jinan, { type: 'deposit', depositPercent: 30 });
    try {
      // A part finished decides nothing on the terms; the rest does.
      expect(await finish(monthly.id, { lines: [{ line: 1, quantity: 20 }] })).toMatchObject({
        status: 'in_production',
      });
      expect(await finish(monthly.id, { delivery: 1 })).toMatchObject({ status: 'finished' });
    } finally {
      await settleOn(jinan, jinanTerms);
    }
  });

  it('keeps deliveries, delivery notes, their sequence and the receivables for ever (a scan after the flows)', async () => {
    expect(await auditTimeToLive(stack.tableName)).toBeGreaterThan(100);
  });
});
