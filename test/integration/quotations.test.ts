import { describe, expect, it } from 'vitest';
import { demoCustomers, demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { addDays, calendarDateIn } from '../../shared/domain/lead-time.ts';
import { port } from '../../shared/runtime.ts';
import { decideFromMail, passOnboarding, requestMail } from './approvals.ts';
import { testStack } from './stack.ts';

/**
 * R37: quotations are approved before they go out — special prices (below list) by the deputy GM up to 10 % below list
 * (the demo's SPECIAL_PRICE_DEPUTY_LIMIT), by the general manager beyond; others by the sales manager — and the
 * approved one reaches the customer as a PDF. An order line below list stands on an approved, valid quotation or
 * needs the same approval in intake.
 */
const merchandiser = { role: 'merchandiser' as const, email: demoPeople.merchandiser };
const salesManager = { role: 'leader' as const, email: demoPeople.salesManager };
const gm = demoPeople.generalManager;
const deputyGm = demoPeople.deputyGeneralManager;
/** Customer 003, Jinan Aluminium Trading: CNY, monthly terms, one contact reading Chinese. */
const jinan = demoCustomers[2] as (typeof demoCustomers)[number];
const jinanContact = 'finance@jinan-alu.example';

describe('quotations and special prices (R37)', async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const customerId = customerIds['003'] as string;
  const otherCustomerId = customerIds['001'] as string;
  await passOnboarding(stack, jinan);
  const asJinan = { role: 'customer' as const, email: jinanContact, customerId };
  const today = calendarDateIn(port('clock').now(), companyTimeZone);
  const validUntil = addDays(today, 30);

  /** CZM04 lists at ¥32.00, CHJ01B-800 at ¥18.50 (scripts/offline/demo-data.ts). */
  const ask = async (lines: unknown[], as: { role: 'merchandiser' | 'leader'; email: string } = merchandiser) => {
    const asked = await call('POST', '/quotations', {
      as,
      body: { customerId, currency: 'CNY', validUntil, lines, note: '含包装 Packing included' },
    });
    expect(asked.status).toBe(201);
    await stack.settle();
    return asked.body as { id: string; number: string; specialPrice: boolean; status: string };
  };
  const read = async (id: string) => (await call('GET', `/quotations/${id}`, { as: merchandiser })).body;
  const quotationMails = () => stack.mailbox.list().filter((m) => m.template === 'quotation');

  let approvedAtGm: { id: string; number: string };

  it('takes a special price beyond the deputy’s limit to the general manager, then mails the PDF to the customer', async () => {
    const quotation = await ask([{ productCode: 'CZM04', quantity: 500, unitPrice: 27 }]);
    expect(quotation).toMatchObject({ status: 'requested', specialPrice: true });
    expect(quotation.number).toMatch(/^QT\d{6}\d{4}$/);
    const request = requestMail(stack, gm, quotation.number);
    expect(request.text).toContain('15.63%');
    await decideFromMail(stack, gm, quotation.number, { outcome: 'approve', basis: 'volume', note: '年度合同' });
    const approved = await read(quotation.id);
    expect(approved).toMatchObject({ status: 'approved', decision: { by: gm, role: 'gm' } });
    expect(approved.decision.basis).toContain('Volume');
    expect(approved.sent.to).toEqual([jinanContact]);
    const [mail] = (await call('GET', `/_local/mail.json?to=${jinanContact}`)).body.filter(
      (m: { template: string; subject: string }) => m.template === 'quotation' && m.subject.includes(quotation.number),
    );
    expect(mail.to).toEqual([jinanContact]);
    expect(mail.attachments).toEqual([
      expect.objectContaining({ filename: `报价单-${quotation.number}.pdf`, contentType: 'application/pdf' }),
    ]);
    const pdf = await fetch(`${stack.url}${mail.attachments[0].url}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const served = await call('GET', `/quotations/${quotation.id}/document`, {
      as: merchandiser,
      headers: { accept: 'application/pdf' },
    });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    // The quotation is found before the Accept header is answered: none is a 404, an Accept nothing answers a 406.
    const document = (id: string, accept: string) =>
      call('GET', `/quotations/${id}/document`, { as: merchandiser, headers: { accept } });
    expect((await document('quo_01J00000000000000000000000', 'text/csv')).status).toBe(404);
    expect((await document(quotation.id, 'text/csv')).status).toBe(406);
    expect((await document(quotation.id, 'application/json')).body).toMatchObject({ id: quotation.id });
    approvedAtGm = quotation;
  });

  it('takes a special price within the limit to the deputy GM', async () => {
    const quotation = await ask([{ productCode: 'CZM04', unitPrice: 30 }]);
    expect(() => requestMail(stack, gm, quotation.number)).toThrow();
    await decideFromMail(stack, deputyGm, quotation.number, { outcome: 'approve', basis: 'competition' });
    expect(await read(quotation.id)).toMatchObject({ status: 'approved', decision: { by: deputyGm } });
  });

  it('takes a quotation without a special price to the requester’s sales manager', async () => {
    const quotation = await ask([
      { productCode: 'CZM04', quantity: 100, unitPrice: 32 },
      { productCode: 'CHJ01B-800', unitPrice: 19 },
    ]);
    expect(quotation.specialPrice).toBe(false);
    await decideFromMail(stack, demoPeople.salesManager, quotation.number, { outcome: 'approve' });
    expect(await read(quotation.id)).toMatchObject({ status: 'approved', decision: { by: demoPeople.salesManager } });
    expect(quotationMails().some((m) => m.subject.includes(quotation.number))).toBe(true);
  });

  it('refuses in writing: the requester is told why, the customer gets nothing', async () => {
    const quotation = await ask([{ productCode: 'CZM04', unitPrice: 31 }]);
    await decideFromMail(stack, deputyGm, quotation.number, { outcome: 'reject', comment: '低于成本 Below cost' });
    expect(await read(quotation.id)).toMatchObject({ status: 'refused', decision: { by: deputyGm } });
    const told = stack.mailbox
      .list()
      .find((m) => m.template === 'quotation-refused' && m.subject.includes(quotation.number));
    expect(told?.to).toEqual([demoPeople.merchandiser]);
    expect(told?.text).toContain('Below cost');
    expect(quotationMails().some((m) => m.subject.includes(quotation.number))).toBe(false);
  });

  it('never lets the requester approve: a sales manager’s own request goes to their leader', async () => {
    const quotation = await ask([{ productCode: 'CZM04', unitPrice: 32 }], salesManager);
    expect(() => requestMail(stack, demoPeople.salesManager, quotation.number)).toThrow();
    requestMail(stack, gm, quotation.number);
    const [pending] = (
      await call('GET', `/approvals?subject=customer:${customerId}`, { as: salesManager })
    ).body.items.filter(
      (a: { status: string; subject: { title: string } }) =>
        a.status === 'pending' && a.subject.title.includes(quotation.number),
    );
    const own = await call('POST', `/approvals/${pending.id}/decision`, {
      as: salesManager,
      body: { outcome: 'approve' },
    });
    expect(own.status).toBe(403);
    // The deputy GM asking for a special price within the limit is decided by the general manager, not by himself.
    const deputys = await ask([{ productCode: 'CZM04', unitPrice: 30 }], { role: 'leader', email: deputyGm });
    expect(() => requestMail(stack, deputyGm, deputys.number)).toThrow();
    await decideFromMail(stack, gm, deputys.number, { outcome: 'approve', basis: 'strategic' });
    expect(await read(deputys.id)).toMatchObject({ status: 'approved', decision: { by: gm } });
  });

  it('shows a customer its own approved quotations only, without list prices', async () => {
    const pending = await ask([{ productCode: 'CZM04', unitPrice: 29 }]);
    expect((await call('GET', `/quotations/${pending.id}`, { as: asJinan })).status).toBe(404);
    const own = await call('GET', `/quotations/${approvedAtGm.id}`, { as: asJinan });
    expect(own.status).toBe(200);
    expect(own.body.lines).toEqual([
      { line: 1, productCode: 'CZM04', productName: expect.any(String), unit: 'pc', quantity: 500, unitPrice: 27 },
    ]);
    expect(JSON.stringify(own.body)).not.toMatch(/listPrice|discount|factory\.example/);
    const listed = await call('GET', `/quotations?status=requested&customer=${otherCustomerId}`, { as: asJinan });
    expect(listed.status).toBe(200);
    expect(listed.body.items.length).toBeGreaterThan(0);
    expect(listed.body.items.every((q: { status: string; customerId: string }) => q.status === 'approved')).toBe(true);
    expect(listed.body.items.every((q: { customerId: string }) => q.customerId === customerId)).toBe(true);
    const asOther = { role: 'customer' as const, email: 'li.wei@huaxin.example', customerId: otherCustomerId };
    expect((await call('GET', `/quotations/${approvedAtGm.id}`, { as: asOther })).status).toBe(404);
  });

  it('refuses a quotation in another currency, expired, or for an unknown product, naming the field', async () => {
    const refused = await call('POST', '/quotations', {
      as: merchandiser,
      body: {
        customerId,
        currency: 'USD',
        validUntil: addDays(today, -1),
        lines: [{ productCode: 'NOPE1', unitPrice: 1 }],
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'currency',
      'validUntil',
      'lines.0.productCode',
    ]);
    // The customer, the products, an earlier attempt and the numbering are read together: an unknown customer is
    // refused alone, before the products are looked at, as when it was read first.
    const nobody = await call('POST', '/quotations', {
      as: merchandiser,
      body: {
        customerId: 'cus_01J00000000000000000000000',
        currency: 'CNY',
        validUntil,
        lines: [{ productCode: 'NOPE1', unitPrice: 1 }],
      },
    });
    expect([nobody.status, nobody.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['customerId']]);
    // A retry is answered with the first response, and numbers nothing more.
    const once = { customerId, currency: 'CNY', validUntil, lines: [{ productCode: 'CZM04', unitPrice: 32 }] };
    const headers = { 'idempotency-key': 'quotation-retry-1' };
    const first = await call('POST', '/quotations', { as: merchandiser, headers, body: once });
    const again = await call('POST', '/quotations', { as: merchandiser, headers, body: once });
    expect(first.status).toBe(201);
    expect([again.status, again.body.id, again.body.number]).toEqual([201, first.body.id, first.body.number]);
    await stack.settle();
    const byCustomer = await call('POST', '/quotations', {
      as: asJinan,
      body: { customerId, currency: 'CNY', validUntil, lines: [{ productCode: 'CZM04', unitPrice: 1 }] },
    });
    expect(byCustomer.status).toBe(403);
  });

  /** An order of 003 entered by its merchandiser, reviewed by her from her e-mail. */
  const placeAndAccept = async (po: string, line: Record<string, unknown>) => {
    const placed = await call('POST', '/orders', {
      as: merchandiser,
      body: { customerId, poNumber: po, channel: 'email', requestedDate: addDays(today, 60), lines: [line] },
    });
    expect(placed.status).toBe(201);
    await decideFromMail(stack, demoPeople.merchandiser, placed.body.number, { outcome: 'approve' });
    return placed.body as { id: string; number: string; findings: { code: string; severity: string }[] };
  };
  const waitingFor = async (orderId: string) =>
    (await call('GET', `/orders/${orderId}`, { as: merchandiser })).body.waitingFor;

  it('passes an order at an approved quotation’s price to planning without the general manager', async () => {
    const order = await placeAndAccept('JN-Q-1', {
      productCode: 'CZM04',
      description: '双面执手（左）',
      quantity: 100,
      unitPrice: 28,
    });
    expect(order.findings).toEqual([expect.objectContaining({ code: 'quoted-price', severity: 'review' })]);
    expect(await waitingFor(order.id)).toMatchObject({ step: 'planner-review', assignee: demoPeople.plannerOnDuty });
    expect(() => requestMail(stack, gm, order.number)).toThrow();
  });

  it('takes an order below list without a quotation to the general manager before planning', async () => {
    const order = await placeAndAccept('JN-Q-2', {
      productCode: 'CHJ01B-800',
      description: '欧槽铝连杆',
      quantity: 200,
      unitPrice: 15,
    });
    expect(order.findings).toEqual([expect.objectContaining({ code: 'special-price', severity: 'approval' })]);
    expect(await waitingFor(order.id)).toMatchObject({ step: 'special-price-approval', role: 'gm', assignee: gm });
    await decideFromMail(stack, gm, order.number, { outcome: 'approve', basis: 'clearance' });
    expect(await waitingFor(order.id)).toMatchObject({ step: 'planner-review' });
    const history = (await call('GET', `/orders/${order.id}`, { as: merchandiser })).body.history;
    expect(history.map((h: { action: string }) => h.action)).toContain('special prices approved');
  });

  it('rejects the order when the deputy GM refuses its special price', async () => {
    const order = await placeAndAccept('JN-Q-3', {
      productCode: 'CHJ01B-800',
      description: '欧槽铝连杆',
      quantity: 200,
      unitPrice: 17.5,
    });
    await decideFromMail(stack, deputyGm, order.number, { outcome: 'reject', comment: '价格过低 Too low' });
    expect((await call('GET', `/orders/${order.id}`, { as: merchandiser })).body.status).toBe('rejected');
  });
});
