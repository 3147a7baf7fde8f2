import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { addDays, calendarDateIn } from '../../shared/domain/lead-time.ts';
import { addProduct } from '../../shared/domain/product.ts';
import { monthBounds, statementId } from '../../shared/domain/statement.ts';
import { productRepository } from '../../shared/persistence/products.ts';
import { port } from '../../shared/runtime.ts';
import { NewLedgerAdjustment } from '../../shared/schemas/adjustment.ts';
import { NewCancellation } from '../../shared/schemas/cancellation.ts';
import { NewChangeRequest } from '../../shared/schemas/change-request.ts';
import { NewCustomer } from '../../shared/schemas/customer.ts';
import { NewOrder } from '../../shared/schemas/order.ts';
import { NewQuotation } from '../../shared/schemas/quotation.ts';
import { NewTermsChange } from '../../shared/schemas/terms-change.ts';
import { workflows } from '../../state-machines/index.ts';
import { approvalRequests, decideFromMail, intakeApprovers, passOnboarding, takeThroughIntake } from './approvals.ts';
import { testStack } from './stack.ts';

/**
 * The rule (docs/architecture.md, "Limits"): whatever a route accepts, the workflow it starts and the e-mails that
 * workflow sends can carry. Each route that starts a workflow is driven here with bodies at the limits of its own
 * zod schema, and each must reach a person — an approval request e-mailed — with no execution FAILED.
 */

type JsonSchema = {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  maxLength?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
};
/** A limit of a request body, read from its schema as the API documents it. */
const limit = (schema: z.ZodType, field: string, key: 'maxLength' | 'maxItems') => {
  const document = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const root = document.$ref ? document.$defs?.[document.$ref.replace('#/$defs/', '')] : document;
  const property = root?.properties?.[field];
  const value = property?.[key];
  if (value === undefined) throw new Error(`${field} has no ${key}`);
  return value;
};
const text = (length: number, unit = '门窗五金') => unit.repeat(length).slice(0, length);

/** Which test below drives each workflow's starting route: a new workflow needs its case here. */
const cases: Record<string, string> = {
  'customer-onboarding': 'POST /customers',
  'order-intake': 'POST /orders',
  'order-change': 'POST /orders/{id}/change-requests',
  'order-cancellation': 'POST /orders/{id}/cancellation',
  'customer-terms-change': 'POST /customers/{id}/terms-changes',
  shipping: 'POST /orders/{id}/production-finished',
  complaint: 'POST /complaints',
  return: 'POST /returns',
  'ledger-adjustment': 'POST /customers/{id}/adjustments',
  statement: 'POST /statements/{id}/sign-back',
  quotation: 'POST /quotations',
};

describe('whatever a route accepts, its workflow and e-mails can carry', async () => {
  const stack = await testStack();
  const { call } = stack;
  await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const asMerchandiser = { role: 'merchandiser' as const, email: demoPeople.merchandiser };
  const longName = text(limit(NewCustomer, 'name', 'maxLength'));
  const longReason = text(limit(NewCancellation, 'reason', 'maxLength'), 'reason ');
  let po = 0;
  /** A PO number at its maximum length, each one different. */
  const longPo = () => `P${++po}-`.padEnd(limit(NewOrder, 'poNumber', 'maxLength'), '9');
  const maxLines = limit(NewOrder, 'lines', 'maxItems');
  /** The 200-line order the shipping case takes to the customer (the complaint case complains about it). */
  let delivered: { id: string; number: string };

  afterEach(async () => {
    await stack.settle();
    const failed = await fetch(`${stack.url}/_local/executions?status=FAILED`).then((r) => r.json());
    expect(failed).toEqual([]);
  });

  it('covers every workflow', () => {
    expect(Object.keys(cases).sort()).toEqual(workflows.map((w) => w.name).sort());
  });

  /** A customer of the demo merchandiser's, its name at the maximum length, on monthly terms. */
  const openCustomer = async (code: string) => {
    const created = await call('POST', '/customers', {
      as: asMerchandiser,
      body: {
        code,
        name: longName,
        region: 'CN',
        currency: 'CNY',
        contacts: [{ name: text(100), email: `buyer${code}@example.com`, language: 'zh-CN' }],
        addresses: [{ label: text(60), lines: [text(200)], city: text(100), country: 'CN' }],
        settlement: { type: 'monthly', creditLimit: 1_000_000 },
        accountOwner: demoPeople.merchandiser,
      },
    });
    expect(created.status).toBe(201);
    await stack.settle();
    return created.body;
  };

  const customer = await openCustomer('701');

  it(`${cases['customer-onboarding']}: a customer with a name of ${longName.length} characters is reviewed`, async () => {
    const asked = approvalRequests(stack, demoPeople.merchandiser, '701 ');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.subject).toContain('…');
    await passOnboarding(stack, customer);
  });

  const line = (n: number) => ({ productCode: 'CHJ01B-800', description: `欧槽铝连杆 ${n}`, quantity: 200 + n });
  /** Places an order of `count` lines for the long-named customer, with a PO at its maximum length. */
  const place = async (count: number) => {
    const poNumber = longPo();
    const placed = await call('POST', '/orders', {
      as: asMerchandiser,
      body: {
        customerId: customer.id,
        poNumber,
        channel: 'email',
        requestedDate: '2027-06-01',
        lines: Array.from({ length: count }, (_, i) => line(i + 1)),
      },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    return placed.body;
  };

  for (const count of [1, 25, maxLines]) {
    it(`${cases['order-intake']}: an order of ${count} lines, PO and customer name at their maximum, is reviewed`, async () => {
      const order = await place(count);
      const [asked] = approvalRequests(stack, intakeApprovers.merchandiser, order.number);
      expect(asked?.subject).toContain(order.poNumber);
      if (count > 25) expect(asked?.text).toContain(`and ${count - 23} more lines`);
    });
  }

  it(`${cases['order-change']}: a change of every line of a ${maxLines}-line order is assessed by PMC`, async () => {
    const order = await place(maxLines);
    await takeThroughIntake(stack, order.number, { promisedDate: '2027-06-01' });
    const changes = limit(NewChangeRequest, 'lines', 'maxItems');
    const asked = await call('POST', `/orders/${order.id}/change-requests`, {
      as: asMerchandiser,
      body: {
        reason: longReason,
        lines: Array.from({ length: changes }, (_, i) => ({ op: 'change', line: i + 1, quantity: 1000 + i })),
      },
    });
    expect(asked.status).toBe(201);
    await stack.settle();
    expect(approvalRequests(stack, intakeApprovers.pmc, asked.body.id)).toHaveLength(1);
  });

  it(`${cases['order-cancellation']}: the cancellation of a ${maxLines}-line order, its reason at the maximum, is decided`, async () => {
    const order = await place(maxLines);
    const asked = await call('POST', `/orders/${order.id}/cancellation`, {
      as: asMerchandiser,
      body: { reason: longReason },
    });
    expect(asked.status).toBe(202);
    await stack.settle();
    // R16: far above the sales manager's limit, the general manager decides.
    expect(approvalRequests(stack, demoPeople.generalManager, order.number)).toHaveLength(1);
  });

  it(`${cases.shipping}: a finished ${maxLines}-line order is prepared, approved, picked, noted and shipped from the links`, async () => {
    const order = await place(maxLines);
    await takeThroughIntake(stack, order.number, { promisedDate: '2027-06-01' });
    const finished = await call('POST', `/orders/${order.id}/production-finished`, {
      as: { role: 'pmc', email: demoPeople.pmcOnDuty },
      body: { delivery: 1 },
    });
    expect(finished.status).toBe(200);
    // F7: 60,100 rods at ¥18.50 are beyond the customer's ¥1,000,000 credit: its sales manager decides first.
    await decideFromMail(stack, demoPeople.salesManager, order.number, { outcome: 'approve' });
    const all = (name: string, value: (line: number) => string) =>
      Object.fromEntries(Array.from({ length: maxLines }, (_, i) => [`${name}.${i + 1}`, value(i + 1)]));
    const quantities = all('lines', (n) => String(200 + n));
    const today = new Date().toISOString().slice(0, 10);
    await decideFromMail(stack, demoPeople.merchandiser, order.number, {
      outcome: 'approve',
      ...quantities,
      requestedShipDate: '2027-06-01' > today ? '2027-06-01' : today,
      vehiclePlan: text(200),
      remarks: text(1000),
    });
    await decideFromMail(stack, demoPeople.salesAdmin, order.number, { outcome: 'approve', comment: text(1000) });
    await decideFromMail(stack, demoPeople.warehouseOnDuty, order.number, {
      outcome: 'approve',
      ...quantities,
      ...all('boxes', (n) => String(200 + n)),
    });
    await decideFromMail(stack, demoPeople.financeOnDuty, order.number, { outcome: 'approve' });
    await decideFromMail(stack, demoPeople.salesAdmin, order.number, { outcome: 'approve' });
    await decideFromMail(stack, demoPeople.warehouseOnDuty, order.number, {
      outcome: 'approve',
      carrier: text(100),
      waybill: 'W'.repeat(40),
      vehicle: text(40),
      driver: text(100),
      boxes: '100000',
      grossWeight: '99999.999',
      transitDays: '60',
    });
    const sent = stack.mailbox.list().find((m) => m.template === 'delivery-note' && m.subject.includes(order.number));
    expect(sent?.attachments).toHaveLength(1);
    const receipt = await call('POST', `/orders/${order.id}/deliveries/1/receipt`, {
      as: { role: 'warehouse', email: demoPeople.warehouseOnDuty },
      headers: { 'idempotency-key': `max-receipt-${order.id}` },
      body: { condition: 'damaged', signedBy: text(100), signedOn: today, note: text(2000) },
    });
    expect(receipt.status).toBe(200);
    await stack.settle();
    expect((await call('GET', `/orders/${order.id}`, { as: asMerchandiser })).body.status).toBe('delivered');
    delivered = order;
  });

  it(`${cases.complaint}: a complaint about every line of a ${maxLines}-line delivery, every text at its maximum, is reported`, async () => {
    const registered = await call('POST', '/complaints', {
      as: asMerchandiser,
      headers: { 'idempotency-key': `max-complaint-${delivered.id}` },
      body: {
        customerId: customer.id,
        orderId: delivered.id,
        delivery: 1,
        kind: 'damage',
        lines: Array.from({ length: maxLines }, (_, i) => ({ line: i + 1, quantity: 200 + i + 1, note: text(200) })),
        description: text(2000),
        demand: 'return',
        contact: { name: text(100), email: `${'c'.repeat(60)}@example.com`, phone: '9'.repeat(40) },
      },
    });
    expect(registered.status).toBe(201);
    await stack.settle();
    expect(approvalRequests(stack, demoPeople.merchandiser, registered.body.number)).toHaveLength(1);
  });

  it(`${cases.return}: a return of every line of a ${maxLines}-line delivery, every text at its maximum, is analysed`, async () => {
    const filed = await call('POST', '/returns', {
      as: asMerchandiser,
      headers: { 'idempotency-key': `max-return-${delivered.id}` },
      body: {
        customerId: customer.id,
        orderId: delivered.id,
        delivery: 1,
        lines: Array.from({ length: maxLines }, (_, i) => ({ line: i + 1, quantity: 1, note: text(200) })),
        reason: text(2000),
        attachments: Array.from({ length: 20 }, (_, i) => ({
          name: text(200),
          url: `https://files.example.com/${i}/${'x'.repeat(1960)}`,
        })),
        contact: { name: text(100), email: `${'c'.repeat(60)}@example.com`, phone: '9'.repeat(40) },
      },
    });
    expect(filed.status).toBe(201);
    await stack.settle();
    expect(approvalRequests(stack, demoPeople.merchandiser, filed.body.number)).toHaveLength(1);
  });

  it(`${cases.statement}: the long-named customer's statement, disputed with every text at its maximum, reaches finance`, async () => {
    const month = calendarDateIn(new Date(), companyTimeZone).slice(0, 7);
    const runAt = new Date(new Date(monthBounds(month).ends).getTime() + 3_600_000).toISOString();
    const run = await fetch(`${stack.url}/_local/schedules/month-end?at=${encodeURIComponent(runAt)}`, {
      method: 'POST',
    });
    expect(run.ok).toBe(true);
    await stack.settle();
    const id = statementId(month, '701');
    const asCustomer = { role: 'customer' as const, email: 'buyer701@example.com', customerId: customer.id };
    const statement = (await call('GET', `/statements/${id}`, { as: asCustomer })).body;
    const disputed = await call('POST', `/statements/${id}/sign-back`, {
      as: asCustomer,
      headers: { 'idempotency-key': `max-statement-${id}` },
      body: {
        outcome: 'disputed',
        signedBy: text(100),
        entries: statement.lines.map((l: { reference: string }) => l.reference),
        comment: text(1000),
      },
    });
    expect(disputed.status).toBe(200);
    await stack.settle();
    expect(approvalRequests(stack, demoPeople.financeOnDuty, id)).toHaveLength(1);
  });

  it(`${cases['customer-terms-change']}: a terms change of the long-named customer, its reason at the maximum, is decided`, async () => {
    const reason = text(limit(NewTermsChange, 'reason', 'maxLength'), 'reason ');
    const asked = await call('POST', `/customers/${customer.id}/terms-changes`, {
      as: asMerchandiser,
      body: { settlement: { type: 'monthly', creditLimit: 2_000_000 }, reason },
    });
    expect(asked.status).toBe(202);
    await stack.settle();
    expect(approvalRequests(stack, demoPeople.salesManager, asked.body.id)).toHaveLength(1);
  });

  it(`${cases['ledger-adjustment']}: an adjustment of the long-named customer, its reason and reference at the maximum, is decided`, async () => {
    const reason = text(limit(NewLedgerAdjustment, 'reason', 'maxLength'), 'reason ');
    const asked = await call('POST', `/customers/${customer.id}/adjustments`, {
      as: { role: 'finance', email: demoPeople.financeOnDuty },
      body: { amount: -999_999_999_999.99, reason, reference: `ST-${'9'.repeat(37)}` },
    });
    expect(asked.status).toBe(202);
    await stack.settle();
    expect(approvalRequests(stack, 'qian.hua@factory.example', asked.body.id)).toHaveLength(1);
  });

  it(`${cases.quotation}: a quotation of the most lines, names and note at their maximum, is approved and mailed as a PDF`, async () => {
    const count = limit(NewQuotation, 'lines', 'maxItems');
    const products = productRepository(port('table'));
    const codes = Array.from({ length: count }, (_, i) => `MAXQ-${String(i).padStart(3, '0')}`);
    for (const code of codes) {
      const input = { code, name: text(200), spec: text(200), type: 'P' as const, unit: 'pc', prices: { CNY: 100 } };
      const { product, event } = addProduct(
        { ...input, minimumOrderQuantity: 1, active: true },
        { now: new Date().toISOString(), actor: 'test', newId: port('ids').next },
      );
      await products.create(product, event, new Date());
    }
    const asked = await call('POST', '/quotations', {
      as: asMerchandiser,
      body: {
        customerId: customer.id,
        currency: 'CNY',
        validUntil: addDays(calendarDateIn(port('clock').now(), companyTimeZone), 365),
        note: text(limit(NewQuotation, 'note', 'maxLength')),
        lines: codes.map((productCode, i) => ({ productCode, quantity: 10_000_000, unitPrice: 95 + (i % 5) })),
      },
    });
    expect(asked.status).toBe(201);
    await decideFromMail(stack, demoPeople.deputyGeneralManager, asked.body.number, {
      outcome: 'approve',
      basis: 'volume',
    });
    const mail = stack.mailbox.list().find((m) => m.template === 'quotation' && m.subject.includes(asked.body.number));
    expect(mail?.to).toEqual(['buyer701@example.com']);
  });
});
