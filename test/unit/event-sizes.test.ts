import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { changeCustomer, openCustomer } from '../../shared/domain/customer.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { changeRequestAt, modificationForm, requestChange } from '../../shared/domain/order-change.ts';
import { maxAmount } from '../../shared/schemas/common.ts';
import {
  type DomainEventType,
  domainEventTypes,
  eventBudget,
  eventSchema,
  maxRemindedDebits,
} from '../../shared/schemas/events.ts';
import { maxOrderLines } from '../../shared/schemas/order.ts';
import {
  activeCustomer,
  atMinute,
  nextTestId,
  ownedCustomer,
  placedOrder,
  productsByCode,
  testTeam,
} from '../fixtures.ts';

/**
 * Every domain event stays under `eventBudget` (a quarter of EventBridge's and Step Functions' 256 KB) at the largest
 * input the API accepts: an order of 200 lines, each at the longest description with 50 components of the longest
 * codes (every one a finding); a change of all its lines with the longest reason; a customer with 20 contacts and 20
 * addresses at their longest, in Chinese (3 bytes a character). Each event type's data is built from these values
 * by its fields' names — a new event with a field not listed here fails this test until it is given its largest value.
 */

const cjk = (length: number) => '门窗五金配件'.repeat(length).slice(0, length);
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
const context = { now: atMinute(5), actor: 'x'.repeat(254), newId: nextTestId };

const line = (n: number) => ({
  productCode: 'CZM04-SET',
  description: cjk(200),
  quantity: 10_000_000,
  unitPrice: 0.0001,
  components: Array.from({ length: 50 }, (_, i) => ({
    productCode: `X${String(n * 100 + i).padStart(39, '9')}`,
    quantity: 10_000_000,
  })),
});
const order = placedOrder(
  Array.from({ length: maxOrderLines }, (_, i) => line(i + 1)),
  { notes: cjk(2000) } as never,
);
const address = { label: cjk(60), lines: Array.from({ length: 4 }, () => cjk(200)), city: cjk(100), country: 'CN' };
const contact = (i: number) => ({ name: cjk(100), email: `${'c'.repeat(240)}${i}@ex.cn`, language: 'zh-CN' as const });
const { customer } = openCustomer(
  ownedCustomer({
    name: cjk(200),
    contacts: Array.from({ length: 20 }, (_, i) => contact(i)),
    addresses: Array.from({ length: 20 }, () => address),
  }),
  testTeam,
  context,
);
const customerChanged = changeCustomer(
  customer,
  {
    name: cjk(199),
    contacts: Array.from({ length: 20 }, (_, i) => contact(i + 20)),
    addresses: Array.from({ length: 20 }, () => ({ ...address, city: cjk(99) })),
  },
  context,
);
const asked = requestChange(
  order,
  {
    reason: cjk(2000),
    lines: order.lines.map((l) => ({ op: 'change' as const, line: l.line, quantity: 9_999_999 })),
  },
  { ...context, customer: activeCustomer, products: productsByCode },
).changeRequest;
const form = modificationForm(order, asked, {
  assessedBy: 'x'.repeat(254),
  promisedDate: '2027-06-01',
  now: context.now,
});
const changeRequest = changeRequestAt(asked, 'applied', context.now, { form });
const parties = {
  customerName: cjk(200),
  contacts: customer.contacts,
  merchandiserEmail: 'm'.repeat(254),
  pmcEmail: 'p'.repeat(254),
};
const text = cjk(2000);

/** The largest value of each field an event's data may have. */
const largest: Record<string, unknown> = {
  order,
  customer,
  team: testTeam,
  newTeam: testTeam,
  parties,
  changeRequest,
  revision: { ...order, revision: 2, at: context.now, by: context.actor, differences: form.lines, reason: text },
  departments: Array.from({ length: 6 }, () => 'd'.repeat(254)),
  changes: customerChanged.event?.data.changes,
  reasons: text,
  cancellation: {
    id: 'can_1',
    orderId: order.id,
    orderNumber: order.number,
    customerId: customer.id,
    updatedAt: context.now,
    reason: text,
    status: 'approved',
    amount: maxAmount,
    currency: 'CNY',
    authority: { role: 'gm' },
    requestedBy: context.actor,
    requestedAt: context.now,
    decidedBy: context.actor,
    decidedAt: context.now,
    decisionReason: text,
    creditOwed: maxAmount,
    version: 3,
  },
  credit: {
    customerId: customer.id,
    orderId: order.id,
    orderNumber: order.number,
    amount: maxAmount,
    currency: 'CNY',
    reason: text,
    at: context.now,
  },
  deliveries: Array.from({ length: 20 }, (_, i) => ({
    delivery: i + 1,
    requestedDate: '2027-06-01',
    lines: order.lines.map((l) => ({ line: l.line, quantity: 1 })),
  })),
  surviving: { id: order.id, number: order.number },
  absorbed: { id: order.id, number: order.number },
  lines: order.lines.map((l) => l.line),
  recipients: Array.from({ length: 50 }, (_, i) => `${'r'.repeat(240)}${i}@ex.cn`),
  payment: {
    id: `pay_${'0'.repeat(26)}`,
    customerId: customer.id,
    orderId: order.id,
    orderNumber: order.number,
    kind: 'deposit',
    amount: maxAmount,
    currency: 'CNY',
    method: 'letter-of-credit',
    reference: '参'.repeat(60),
    receivedOn: '2026-11-30',
    notes: text,
    recordedBy: context.actor,
    recordedAt: context.now,
  },
  paid: { depositReceived: maxAmount, paidTotal: maxAmount, balanceDue: maxAmount },
  depositCompleted: true,
  financeEmail: 'f'.repeat(254),
  delivery: 20,
  executionId: `${order.id}-20`,
  due: maxAmount,
  step: 'price-approval',
  deliveryNote: 'DN2026120001',
  shipment: {
    carrier: cjk(100),
    vehicle: cjk(40),
    driver: cjk(100),
    driverPhone: '9'.repeat(40),
    waybill: 'W'.repeat(60),
    shippedOn: '2026-12-01',
  },
  expectedBy: '2026-12-04',
  waybill: 'W'.repeat(60),
  complaint: {
    id: `cmp_${'0'.repeat(26)}`,
    number: 'CP2026120001',
    orderNumber: order.number,
    delivery: 20,
    deliveryNote: 'DN2026120001',
    kind: 'short_shipment',
    description: text,
    demand: 'replacement',
    contact: { name: cjk(100), email: `${'c'.repeat(240)}@example.cn`, phone: '9'.repeat(40) },
    weight: { shipped: 999_999.999, received: 0.001, difference: 999_999.998 },
    status: 'registered',
    owner: 'm'.repeat(254),
    dueOn: '2026-12-09',
    lines: order.lines.map((l) => ({ line: l.line, productCode: l.productCode, quantity: 9_999_999 })),
  },
  reply: { resolution: 'replacement', text },
  return: {
    id: `ret_${'0'.repeat(26)}`,
    number: 'RA2026120001',
    orderNumber: order.number,
    delivery: 20,
    deliveryNote: 'DN2026120001',
    currency: 'CNY',
    reason: text,
    contact: { name: cjk(100), email: `${'c'.repeat(240)}@example.cn`, phone: '9'.repeat(40) },
    status: 'applied',
    owner: 'm'.repeat(254),
    lines: order.lines.map((l) => ({ line: l.line, productCode: l.productCode, quantity: 9_999_999 })),
  },
  arrival: {
    id: `rar_${'0'.repeat(26)}`,
    customerId: customer.id,
    returnNumber: 'R'.repeat(20),
    carrier: cjk(100),
    waybill: 'W'.repeat(40),
    lines: order.lines.map(() => ({ productCode: 'X'.repeat(40), quantity: 9_999_999 })),
    note: cjk(1000),
    status: 'held',
    recordedBy: context.actor,
    recordedAt: context.now,
  },
  customerName: cjk(200),
  statement: {
    id: `ST202611-${'C'.repeat(20)}`,
    customerId: customer.id,
    customerName: cjk(200),
    month: '2026-11',
    revision: 99,
    status: 'disputed',
    currency: 'CNY',
    closing: maxAmount,
    due: maxAmount,
    accountOwner: 'm'.repeat(254),
  },
  signedBy: cjk(100),
  via: 'link',
  daysOverdue: 9_999,
  leaderEmail: 'l'.repeat(254),
  receipt: {
    condition: 'damaged',
    signedBy: cjk(100),
    signedOn: '2026-12-04',
    note: text,
    recordedBy: context.actor,
    recordedAt: context.now,
  },
};

const surveyAnswer = {
  surveyId: text,
  year: 2026,
  customerId: text,
  customerCode: text,
  respondent: `${'a'.repeat(64)}@${'b'.repeat(180)}.example`,
  modules: { overall: 100, service: 100, quality: 100 },
  score: 100,
  answeredAt: context.now,
};

/** Fields of one event type only, and the plain strings of the envelope-like events. */
const largestOf = (type: DomainEventType, field: string): unknown => {
  if (type.startsWith('Staff')) return field === 'staff' ? staff : field === 'cause' ? text : largest[field];
  if (type.startsWith('Product')) return field === 'product' ? product : largest[field];
  if (type.includes('Terms') && field === 'termsChange') return termsChange;
  if (type.includes('Terms') && field === 'terms') return [{ label: text, before: text, after: text }];
  if (type === 'ApprovalDecided') return approval;
  if (type === 'SatisfactionSurveyAnswered') return surveyAnswer;
  if (type.startsWith('LedgerAdjust') && field === 'adjustment') return adjustment;
  if (type === 'ReceivablesOverdue' && field in receivablesOverdue) return receivablesOverdue[field];
  if (type === 'OrdersMerged' && field === 'revision') return 2;
  if ((type === 'ReturnCredited' || type === 'DeliveryShipped') && field === 'amount') return maxAmount;
  if (type === 'StatementSignedBack' && field === 'outcome') return 'disputed';
  if (type.startsWith('Quotation') && field === 'quotation') return quotationSummary;
  if (type.startsWith('Quotation') && field === 'decision') {
    return { by: 'b'.repeat(254), at: context.now, role: 'gm', reason: text, basis: cjk(100), note: cjk(500) };
  }
  if (type === 'ReturnReceivedWithDifference' && field === 'lines') {
    return order.lines.map((l) => ({ line: l.line, productCode: 'X'.repeat(40), expected: 9_999_999, received: 0 }));
  }
  if (type === 'ReturnShipmentAnnounced' && field === 'shipment') {
    return {
      carrier: cjk(100),
      waybill: 'W'.repeat(40),
      shippedOn: '2026-12-03',
      lines: order.lines.map((l) => ({ line: l.line, quantity: 9_999_999 })),
      note: cjk(500),
    };
  }
  return field in largest ? largest[field] : text;
};
/** R37: what a quotation's events carry (never its lines). */
const quotationSummary = {
  id: `quo_${'0'.repeat(26)}`,
  number: 'QT2026129999',
  customerId: customer.id,
  customerCode: customer.code,
  customerName: cjk(200),
  currency: 'CNY',
  validUntil: '2027-12-31',
  specialPrice: true,
  status: 'requested',
  requestedBy: 'r'.repeat(254),
  lineCount: 100,
};
const staff = {
  id: `stf_${'0'.repeat(26)}`,
  name: cjk(100),
  email: `${'e'.repeat(240)}@example.cn`,
  language: 'zh-CN',
  roles: ['merchandiser', 'leader', 'pmc', 'planner', 'finance', 'gm', 'admin'],
  department: 'sales',
  onDuty: ['pmc'],
  active: true,
  version: 1,
  createdAt: context.now,
  createdBy: context.actor,
  updatedAt: context.now,
  updatedBy: context.actor,
};
const product = {
  ...(productsByCode.get('CZM04-SET') as object),
  name: cjk(200),
  spec: cjk(200),
  kit: Array.from({ length: 50 }, (_, i) => ({ code: `X${String(i).padStart(39, '9')}`, quantity: 1000 })),
};
const staffId = `stf_${'0'.repeat(26)}`;
const termsChange = {
  id: 'tch_1',
  customerId: customer.id,
  customerCode: customer.code,
  updatedAt: context.now,
  requested: { settlement: { type: 'monthly', creditLimit: maxAmount }, accountOwner: staffId },
  before: { settlement: { type: 'monthly', creditLimit: maxAmount }, accountOwner: staffId },
  reason: text,
  status: 'approved',
  requestedBy: context.actor,
  requestedAt: context.now,
  decidedBy: context.actor,
  decidedAt: context.now,
  decisionReason: text,
  version: 2,
};
const adjustment = {
  id: `adj_${'0'.repeat(26)}`,
  customerId: customer.id,
  customerCode: customer.code,
  amount: -maxAmount,
  currency: 'CNY',
  reason: cjk(400),
  reference: 'R'.repeat(40),
  status: 'refused',
  requestedBy: 'r'.repeat(254),
  requestedAt: context.now,
  decidedBy: 'd'.repeat(254),
  decidedAt: context.now,
  decisionReason: text,
  bookedAt: context.now,
  updatedAt: context.now,
  version: 2,
};
const maxAgeing = {
  current: maxAmount,
  days1to30: maxAmount,
  days31to60: maxAmount,
  days61to90: maxAmount,
  over90: maxAmount,
};
const receivablesOverdue: Record<string, unknown> = {
  contacts: customer.contacts,
  merchandiserEmail: 'm'.repeat(254),
  currency: 'CNY',
  balance: maxAmount,
  overdue: maxAmount,
  ageing: maxAgeing,
  oldestDueOn: '2026-10-31',
  reminder: 9_990,
  debits: Array.from({ length: maxRemindedDebits }, () => ({
    kind: 'adjustment',
    reference: `adj_${'0'.repeat(26)}`,
    orderNumber: 'O'.repeat(40),
    bookedOn: '2026-10-01',
    dueOn: '2026-10-31',
    open: maxAmount,
    daysOverdue: 9_999,
  })),
  moreDebits: 9_999,
};
const approval = {
  approval: {
    id: 'apr_1',
    flow: 'f'.repeat(60),
    step: 's'.repeat(60),
    ask: cjk(200),
    subject: { kind: 'order', id: order.id, title: cjk(200) },
    role: 'pmc',
    assignee: `${'a'.repeat(240)}@ex.cn`,
    assignedBecause: cjk(500),
    requestedBy: 'r'.repeat(254),
    language: 'zh-CN',
    facts: Array.from({ length: 30 }, () => ({ label: cjk(500), value: cjk(500) })),
    lines: order.lines.map((l) => ({ line: l.line, label: cjk(200), quantity: l.quantity })),
    reminder: 0,
    status: 'decided',
    createdAt: context.now,
    expiresAt: context.now,
    decision: {
      outcome: 'approve',
      comment: text,
      values: {
        lines: order.lines.map((l) => ({ line: l.line, quantity: l.quantity })),
        boxes: order.lines.map((l) => ({ line: l.line, quantity: 100_000 })),
      },
      by: 'b'.repeat(254),
      at: context.now,
      channel: 'link',
    },
  },
};

describe('every domain event stays under its budget at the largest input the API accepts', () => {
  it('has inputs as large as the schemas allow', () => {
    expect(bytes(order)).toBeGreaterThan(1_000_000);
    expect(bytes(changeRequest)).toBeGreaterThan(2_000_000);
    expect(bytes(customer)).toBeGreaterThan(60_000);
  });

  for (const type of domainEventTypes as ReadonlySet<DomainEventType>) {
    it(`${type} weighs at most ${eventBudget / 1024} KiB`, () => {
      const { data: dataSchema } = (eventSchema(type) as unknown as z.ZodObject<{ data: z.ZodObject }>).shape;
      const fields = Object.keys(dataSchema.shape);
      const data =
        type === 'ApprovalDecided' ? approval : Object.fromEntries(fields.map((f) => [f, largestOf(type, f)]));
      const event = domainEvent(type, { kind: 'order', id: order.id }, data as never, context);
      expect(bytes(event)).toBeLessThan(eventBudget);
    });
  }
});
