import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { dueOn } from '../../shared/domain/ageing.ts';
import { addDays, daysBetween } from '../../shared/domain/lead-time.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { booked } from '../../shared/persistence/ledger.ts';
import { writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { approvalRequests, postDecision, requestMail } from './approvals.ts';
import { shippingStack } from './shipping-flow.ts';
import { auditTimeToLive } from './ttl-audit.ts';

/**
 * F7 (R40): the receivables kept and collected — finance's manual adjustments, approved by the finance leader; the
 * ageing report of every customer; a customer's reconciliation of a period; the daily reminders of what is overdue.
 */
describe('receivables: adjustments, the ageing report, reconciliation, overdue reminders (R40)', async () => {
  const { stack, call, huaxin, templates, pay, finishedOrder, prepared, shipped, today } = await shippingStack({});
  const table = port('table');
  const customers = customerRepository(table);
  const northwind = (await customers.idForCode('002')) as string;
  const jinan = (await customers.idForCode('003')) as string;
  const finance = { role: 'finance' as const, email: demoPeople.financeOnDuty };
  const financeLeader = 'qian.hua@factory.example';
  const asHuaxin = { role: 'customer' as const, email: 'li.wei@huaxin.example', customerId: huaxin };
  const ledgerOf = async (customerId: string) =>
    (await call('GET', `/customers/${customerId}/ledger`, { as: finance })).body;
  const adjust = async (
    customerId: string,
    body: unknown,
    as: { role: 'finance' | 'merchandiser'; email: string } = finance,
    key: string = crypto.randomUUID(),
  ) => {
    const response = await call('POST', `/customers/${customerId}/adjustments`, {
      as,
      body,
      headers: { 'idempotency-key': key },
    });
    await stack.settle();
    return response;
  };
  const decide = async (to: string, adjustmentId: string, fields: Record<string, string>) => {
    const decided = await postDecision(requestMail(stack, to, adjustmentId).link, fields);
    await stack.settle();
    return decided.status;
  };

  it('books a manual adjustment only once the finance leader approves it, and tells the requester', async () => {
    const body = { amount: 120.5, reason: '运费未计入 Freight not charged on PO NW-7', reference: 'NW-7' };
    const merchandiser = { role: 'merchandiser' as const, email: demoPeople.merchandiser };
    expect((await adjust(northwind, body, merchandiser)).status).toBe(403);
    const bad = await adjust(northwind, { amount: 0, reason: ' ' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'reason']);
    const fine = await adjust(northwind, { amount: 0.005, reason: 'Too fine' });
    expect(fine.body.errors).toEqual([
      { field: 'amount', message: 'must be a whole number of the USD minor unit (cents)' },
    ]);

    const asked = await adjust(northwind, body, finance, 'adjust-nw-7');
    expect(asked.status).toBe(202);
    expect(asked.headers.get('location')).toBe(`/customers/${northwind}/adjustments/${asked.body.id}`);
    expect(asked.body).toMatchObject({
      id: expect.stringMatching(/^adj_[0-9A-Z]{26}$/),
      amount: 120.5,
      currency: 'USD',
      status: 'pending',
      requestedBy: finance.email,
      version: 1,
    });
    const retried = await adjust(northwind, body, finance, 'adjust-nw-7');
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.id).toBe(asked.body.id);
    // One at a time: the finance leader decides each against the balance as it stands.
    expect((await adjust(northwind, { amount: -5, reason: 'Another one' })).status).toBe(409);
    // Nothing is booked while it waits.
    expect((await ledgerOf(northwind)).balance).toBe(0);

    // The requester's leader — the finance leader — is asked, never the requester.
    const request = requestMail(stack, financeLeader, asked.body.id);
    expect(request.text).toContain('debit $120.50');
    expect(request.text).toContain('$0.00 → $120.50');
    expect(approvalRequests(stack, finance.email, asked.body.id)).toEqual([]);
    expect(await decide(financeLeader, asked.body.id, { outcome: 'approve' })).toBe(200);

    const ledger = await ledgerOf(northwind);
    expect(ledger.balance).toBe(120.5);
    expect(ledger.entries).toEqual([
      expect.objectContaining({
        kind: 'adjustment',
        reference: asked.body.id,
        amount: 120.5,
        reason: '运费未计入 Freight not charged on PO NW-7 (NW-7)',
        approvedBy: financeLeader,
      }),
    ]);
    const read = await call('GET', `/customers/${northwind}/adjustments/${asked.body.id}`, { as: finance });
    expect(read.body).toMatchObject({ status: 'approved', decidedBy: financeLeader, bookedAt: expect.any(String) });
    const [told] = templates('ledger-adjustment-approved', 'Northwind');
    expect(told?.to).toEqual([finance.email]);
  });

  it('books nothing when refused, and the finance leader’s own adjustment goes to her leader', async () => {
    const leader = { role: 'finance' as const, email: financeLeader };
    const asked = await adjust(northwind, { amount: -20.5, reason: 'Goodwill for late delivery' }, leader);
    expect(asked.status).toBe(202);
    expect(approvalRequests(stack, financeLeader, asked.body.id)).toEqual([]);
    expect(requestMail(stack, demoPeople.generalManager, asked.body.id).text).toContain('$120.50 → $100.00');
    const refusal = { outcome: 'reject', comment: '不同意，按合同执行 Not agreed: the contract applies' };
    expect(await decide(demoPeople.generalManager, asked.body.id, refusal)).toBe(200);

    expect((await ledgerOf(northwind)).balance).toBe(120.5);
    const list = (await call('GET', `/customers/${northwind}/adjustments`, { as: finance })).body.items;
    expect(list.map((a: { status: string }) => a.status)).toEqual(['refused', 'approved']);
    const [told] = templates('ledger-adjustment-refused', 'Northwind');
    expect(told?.to).toEqual([financeLeader]);
    expect(told?.text).toContain('Not agreed: the contract applies');
    expect((await call('GET', `/customers/${northwind}/adjustments`, { as: asHuaxin })).status).toBe(403);
    // The customer is read with what is asked of it: none is a 404, and nothing is asked.
    const nobody = 'cus_01J00000000000000000000000';
    expect((await call('GET', `/customers/${nobody}/adjustments`, { as: finance })).status).toBe(404);
    expect((await adjust(nobody, { amount: -1, reason: 'Nobody' })).status).toBe(404);
    expect((await call('GET', `/customers/${nobody}/ledger?cursor=not-a-cursor`, { as: finance })).status).toBe(404);
  });

  /** Jinan (monthly terms) owes ¥2,000 from a note booked 100 days ago, seeded on its ledger as shipping books one. */
  const seededOn = addDays(today(), -100);
  const seededDaysOverdue = () => daysBetween(dueOn(seededOn, { type: 'monthly', creditLimit: 200000 }), today());

  it('reports the ageing of every customer that owes, the most overdue first, with totals per currency', async () => {
    await writeAtomically(table, {
      now: new Date(),
      events: [],
      writes: booked(table.name, {
        customerId: jinan,
        kind: 'delivery-note',
        reference: 'DN-SEEDED-1',
        amount: 2000,
        currency: 'CNY',
        orderNumber: 'CNC003SEEDED',
        at: `${seededOn}T02:00:00.000Z`,
      }),
    });
    // A month's close shares the ledger's key range (statements): no reader of entries counts it.
    const close = { pk: `CUSTOMER#${jinan}`, sk: `LEDGER#${addDays(seededOn, 1)}T00:00:00.000Z#close` };
    await table.client.send(
      new PutCommand({ TableName: table.name, Item: { ...close, entity: 'ledger-close', amount: 999_999 } }),
    );
    const ledger = await ledgerOf(jinan);
    expect(ledger.entries.map((e: { reference: string }) => e.reference)).toEqual(['DN-SEEDED-1']);
    expect((await call('GET', '/reports/ageing', { as: asHuaxin })).status).toBe(403);
    expect((await call('GET', '/reports/ageing', { as: { role: 'merchandiser' } })).status).toBe(403);

    const report = await call('GET', '/reports/ageing', { as: finance });
    expect(report.status).toBe(200);
    expect(report.body.asOf).toBe(today());
    const days = seededDaysOverdue();
    expect(report.body.customers).toEqual([
      expect.objectContaining({
        customerId: jinan,
        code: '003',
        settlement: { type: 'monthly', creditLimit: 200000 },
        balance: 2000,
        overdue: 2000,
        oldestOverdueDays: days,
      }),
      expect.objectContaining({
        customerId: northwind,
        currency: 'USD',
        balance: 120.5,
        overdue: 0,
        oldestOverdueDays: 0,
        ageing: { current: 120.5, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 },
      }),
    ]);
    expect(report.body.totals.map((t: { currency: string; balance: number }) => [t.currency, t.balance])).toEqual([
      ['CNY', 2000],
      ['USD', 120.5],
    ]);
    expect((await call('GET', '/reports/ageing', { as: { role: 'gm' } })).status).toBe(200);
    // The statements' own kind is theirs to classify (test/integration/ttl-audit.ts).
    await table.client.send(new DeleteCommand({ TableName: table.name, Key: close }));
  });

  it('reconciles a customer’s orders, delivery notes, invoices and payments of a period, with the differences', async () => {
    const order = await finishedOrder('REC-1');
    await pay(order.id, 'balance', 2975, 'REC-1-BAL');
    await prepared(order.number);
    await shipped(order.number, { waybill: 'SF-REC-1' });
    const open = await call('POST', '/orders', {
      as: { role: 'merchandiser', email: demoPeople.merchandiser },
      body: {
        customerId: huaxin,
        poNumber: 'REC-2',
        channel: 'email',
        requestedDate: '2027-03-01',
        lines: [{ productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200 }],
      },
    });
    expect(open.status).toBe(201);
    await stack.settle();
    const invoice = await call('POST', `/customers/${huaxin}/invoices`, {
      as: finance,
      headers: { 'idempotency-key': 'rec-invoice-1' },
      body: { number: 'FP-REC-0001', issuedOn: today(), amount: 1000, taxAmount: 115.04 },
    });
    expect(invoice.status).toBe(201);

    const path = `/customers/${huaxin}/reconciliation?from=${today()}&to=${today()}`;
    const reconciliation = await call('GET', path, { as: finance });
    expect(reconciliation.status).toBe(200);
    const body = reconciliation.body;
    expect(
      body.orders.map((o: { number: string; amount: number; delivered: number }) => [o.number, o.amount, o.delivered]),
    ).toEqual([
      [order.number, 4250, 4250],
      [open.body.number, 3700, 0],
    ]);
    expect(body.deliveryNotes).toEqual([
      expect.objectContaining({ number: expect.stringMatching(/^DN\d{10}$/), orderNumber: order.number, amount: 4250 }),
    ]);
    expect(body.invoices).toEqual([{ number: 'FP-REC-0001', issuedOn: today(), amount: 1000, taxAmount: 115.04 }]);
    expect(body.payments.map((p: { amount: number; kind: string }) => [p.kind, p.amount])).toEqual([
      ['deposit', 1275],
      ['balance', 2975],
    ]);
    expect(body.totals).toEqual({
      ordered: 7950,
      delivered: 4250,
      returned: 0,
      adjusted: expect.any(Number),
      invoiced: 1000,
      paid: 4250,
    });
    // The adjustments booked today (the ones before this test's) are the period's too.
    const adjusted = body.adjustments.reduce((sum: number, a: { amount: number }) => sum + a.amount, 0);
    expect(body.totals.adjusted).toBeCloseTo(adjusted, 2);
    expect(body.differences).toEqual([
      expect.objectContaining({ kind: 'delivered-less-than-ordered', orderNumber: open.body.number, difference: 3700 }),
      { kind: 'delivered-paid-not-invoiced', delivered: 4250, paid: 4250, invoiced: 1000, difference: 3250 },
      { kind: 'payments-not-invoiced', paid: 4250, invoiced: 1000, difference: 3250 },
    ]);

    // The customer reads its own, and no other's; the period is checked.
    expect((await call('GET', path, { as: asHuaxin })).body).toEqual(body);
    const other = `/customers/${jinan}/reconciliation?from=${today()}&to=${today()}`;
    expect((await call('GET', other, { as: asHuaxin })).status).toBe(404);
    const backwards = await call('GET', `/customers/${huaxin}/reconciliation?from=${today()}&to=2020-01-01`, {
      as: finance,
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([{ field: 'query.to', message: 'is before from' }]);
    expect((await call('GET', `/customers/${huaxin}/reconciliation`, { as: finance })).status).toBe(400);
    const nobody = `/customers/cus_01J00000000000000000000000/reconciliation?from=${today()}&to=${today()}`;
    expect((await call('GET', nobody, { as: finance })).status).toBe(404);
  });

  it('reminds a customer of what is overdue on the 1st and 7th day, once a day, in its language (R40)', async () => {
    const runOn = async (daysOn: number) => {
      const at = new Date(Date.now() + daysOn * 86_400_000).toISOString();
      const run = await fetch(`${stack.url}/_local/schedules/receivables-overdue?at=${encodeURIComponent(at)}`, {
        method: 'POST',
      });
      expect(run.ok).toBe(true);
      await stack.settle();
    };
    const northwindReminders = () => templates('receivables-overdue', 'Northwind');
    // Northwind (prepaid) owes the adjustment booked today: due at once, so overdue from tomorrow.
    await runOn(0);
    expect(northwindReminders()).toEqual([]);
    await runOn(1);
    await runOn(1);
    const [first, ...more] = northwindReminders();
    expect(more).toEqual([]);
    expect(first?.to).toEqual(['purchasing@northwind.example']);
    expect(first?.subject).toBe('Payment overdue: Northwind Fenestration Inc.');
    expect(first?.text).toContain('1 day(s) overdue');
    const [staff] = templates('receivables-overdue-staff', 'Northwind');
    expect(staff?.to).toEqual([demoPeople.merchandiser]);
    // Jinan, overdue for weeks, in Chinese; Huaxin, paid in full, is not reminded.
    const [jinanReminder] = templates('receivables-overdue', '济南');
    expect(jinanReminder?.to).toEqual(['finance@jinan-alu.example']);
    expect(jinanReminder?.subject).toContain('应收账款逾期提醒');
    expect(templates('receivables-overdue', '华信')).toEqual([]);

    await runOn(3);
    expect(northwindReminders()).toHaveLength(1);
    await runOn(7);
    expect(northwindReminders()).toHaveLength(2);

    // Recorded in the customer's history.
    const { Items = [] } = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :history)',
        ExpressionAttributeValues: { ':pk': `CUSTOMER#${northwind}`, ':history': 'HISTORY#' },
      }),
    );
    expect(Items.filter((i) => i.action === 'receivables overdue reminded')).toHaveLength(2);
  });

  it('keeps adjustments and reminders for ever', async () => {
    expect(await auditTimeToLive(stack.tableName)).toBeGreaterThan(10);
  });
});
