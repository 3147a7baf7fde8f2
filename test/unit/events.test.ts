import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { overdueOf } from '../../shared/domain/ageing.ts';
import { decide, openApproval } from '../../shared/domain/approval.ts';
import { changeCustomer, concludeOnboarding, openCustomer } from '../../shared/domain/customer.ts';
import {
  applyTermsChange,
  describeTermsChange,
  lapseTermsChange,
  refuseTermsChange,
  requestTermsChange,
} from '../../shared/domain/customer-terms-change.ts';
import {
  type DomainEvent,
  type DomainEventType,
  domainEvent,
  type EventOf,
  isEventOf,
} from '../../shared/domain/events.ts';
import { finishProduction } from '../../shared/domain/fulfilment.ts';
import {
  bookAdjustment,
  lapseAdjustment,
  refuseAdjustment,
  requestAdjustment,
} from '../../shared/domain/ledger-adjustment.ts';
import { placeOrder } from '../../shared/domain/order.ts';
import { mergeOrders, splitOrder } from '../../shared/domain/order-arrangement.ts';
import {
  cancelOrder,
  lapseCancellation,
  refuseCancellation,
  requestCancellation,
} from '../../shared/domain/order-cancellation.ts';
import {
  applyChange,
  changeRequestAt,
  endChange,
  modificationForm,
  requestChange,
} from '../../shared/domain/order-change.ts';
import {
  accepted,
  depositRecorded,
  lapsed,
  moveOrder,
  type OrderParties,
  promised,
  rejected,
  released,
} from '../../shared/domain/order-intake.ts';
import { reminderOf, remindOverdue } from '../../shared/domain/overdue-reminders.ts';
import { recordPayment } from '../../shared/domain/payment.ts';
import { addProduct, changeProduct } from '../../shared/domain/product.ts';
import { startProduction } from '../../shared/domain/production.ts';
import { approveQuotation, lapseQuotation, refuseQuotation, requestQuotation } from '../../shared/domain/quotation.ts';
import { addStaff, changeStaff } from '../../shared/domain/staff.ts';
import { signedBack, statementOf, statementSummary } from '../../shared/domain/statement.ts';
import { ApprovalRequest } from '../../shared/schemas/approval.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { domainEventTypes, parseEvent } from '../../shared/schemas/events.ts';
import type { Order } from '../../shared/schemas/order.ts';
import {
  activeCustomer,
  atMinute,
  nextTestId,
  ownedCustomer,
  placedOrder,
  productsByCode,
  testTeam,
} from '../fixtures.ts';

const context = (minute: number, actor = 'wang.fang@factory.example') => ({
  now: atMinute(minute),
  actor,
  newId: nextTestId,
});
const terms = (minute: number) => ({ ...context(minute), customer: activeCustomer, products: productsByCode });
const parties: OrderParties = {
  customerName: activeCustomer.name,
  contacts: [{ name: 'Li Wei', email: 'li.wei@huaxin.example', language: 'zh-CN', phone: '1' }],
  merchandiserEmail: testTeam.merchandiserEmail,
  pmcEmail: 'chen.jie@factory.example',
};
const defined = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error('expected a value');
  return value;
};

/** An order of rods and handles, placed and then at `overrides` (in production, promised, by default). */
const order = (overrides: Partial<Order> = {}) =>
  placedOrder(
    [
      { productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200 },
      { productCode: 'CZM04', description: '双面执手（左）', quantity: 100 },
    ],
    overrides,
  );

/** One event (at least) of every type, each made by the code that makes it in the system. */
function everyEvent(): DomainEvent[] {
  const events: DomainEvent[] = [];
  const customer = openCustomer(ownedCustomer(), testTeam, context(0));
  events.push(customer.event);
  events.push(defined(changeCustomer(customer.customer, { name: 'Huaxin Windows Ltd.' }, context(1)).event));
  for (const outcome of ['active', 'rejected'] as const) {
    const review = { outcome, decidedBy: 'leader@factory.example', decidedAt: atMinute(2) };
    events.push(defined(concludeOnboarding(customer.customer, review, testTeam, context(2)).event));
  }
  events.push(
    domainEvent(
      'CustomerReviewLapsed',
      { kind: 'customer', id: customer.customer.id },
      { customer: customer.customer, team: testTeam },
      context(3, 'workflow:customer-onboarding'),
    ),
  );

  const product = addProduct(
    {
      code: 'TEST-1',
      name: 'Test part',
      spec: '',
      type: 'P',
      unit: 'pc',
      prices: { CNY: 1.25 },
      minimumOrderQuantity: 1,
      active: true,
    },
    context(4),
  );
  events.push(product.event);
  events.push(defined(changeProduct(product.product, { spec: 'new spec' }, context(5)).event));

  const person = addStaff(
    {
      name: '王芳 Wang Fang',
      email: 'Wang.Fang@factory.example',
      language: 'zh-CN',
      roles: ['merchandiser'],
      department: 'sales',
      onDuty: [],
    },
    [],
    context(5),
  );
  events.push(defined(person.writes[0]).event);
  events.push(
    changeStaff(person.staff, { department: 'export-sales' }, [person.staff], context(5)).writes[0]
      ?.event as DomainEvent,
  );

  const { order: placed, event: orderPlaced } = placeOrder(
    {
      poNumber: 'PO-1',
      channel: 'email',
      requestedDate: '2027-03-01',
      lines: [{ productCode: 'CZM04', description: '双面执手（左）', quantity: 100 }],
    },
    { ...terms(6), sequence: 1, timeZone: 'Asia/Shanghai' },
  );
  events.push(orderPlaced);
  const intake = (status: Order['status']) => ({ ...placed, status });
  const moves = [
    moveOrder(intake('in_review'), rejected('R2: unknown product'), parties, context(7)),
    moveOrder(intake('in_review'), accepted('planning', 'm@example.com', 'fine'), parties, context(7)),
    moveOrder(intake('awaiting_promise'), promised('2027-03-01', '2026-11-25', true), parties, context(7)),
    moveOrder(
      { ...intake('awaiting_deposit'), promisedDate: '2027-03-01', promiseBasis: '2026-11-25' },
      depositRecorded(
        { ...intake('awaiting_deposit'), promisedDate: '2027-03-01', promiseBasis: '2026-11-25' },
        '2026-11-27',
      ),
      parties,
      context(7),
    ),
    moveOrder(intake('acknowledged'), released, parties, context(7)),
    moveOrder(intake('planning'), lapsed(intake('planning')), parties, context(7)),
  ];
  for (const move of moves) events.push(defined(move).event);
  events.push(
    domainEvent(
      'OrderPromiseLate',
      { kind: 'order', id: placed.id },
      { order: intake('awaiting_promise'), parties },
      context(8, 'workflow:order-intake'),
    ),
    domainEvent(
      'OrderDepositLate',
      { kind: 'order', id: placed.id },
      {
        order: intake('awaiting_deposit'),
        parties,
        paid: { depositReceived: 0, paidTotal: 0 },
        financeEmail: 'finance@example.com',
      },
      context(8, 'workflow:order-intake'),
    ),
  );

  const inProduction = order();
  const asked = requestChange(
    inProduction,
    {
      reason: 'more handles',
      lines: [
        { op: 'change', line: 2, quantity: 150 },
        { op: 'add', productCode: 'CZMK08A', description: '锁扣', quantity: 150 },
      ],
    },
    terms(9),
  );
  events.push(asked.event);
  for (const status of ['refused', 'lapsed', 'withdrawn'] as const) {
    events.push(
      endChange(
        inProduction,
        asked.changeRequest,
        { status, by: 'pmc@example.com', reason: 'no', lines: [2] },
        parties,
        context(10),
      ).event,
    );
  }
  const withForm = changeRequestAt(asked.changeRequest, 'awaiting_approval', atMinute(11), {
    form: modificationForm(inProduction, asked.changeRequest, {
      assessedBy: 'pmc@example.com',
      promisedDate: '2027-03-08',
      now: atMinute(11),
    }),
  });
  events.push(
    applyChange(
      inProduction,
      withForm,
      { approvedBy: 'planner@example.com', parties, departments: ['pmc@example.com', 'production@example.com'] },
      context(12, 'planner@example.com'),
    ).event,
  );

  const cancellable = order({ status: 'awaiting_deposit' });
  const cancellation = requestCancellation(cancellable, { reason: 'no longer needed' }, context(13));
  events.push(cancellation.event);
  const decision = { by: 'leader@example.com', at: atMinute(14) };
  const withDeposit = { ...cancellable, status: 'acknowledged' as const, depositReceivedOn: '2026-11-26' };
  events.push(cancelOrder(withDeposit, cancellation.cancellation, decision, parties, context(14)).event);
  events.push(
    refuseCancellation(cancellable, cancellation.cancellation, { ...decision, reason: 'in work' }, parties, context(14))
      .event,
  );
  events.push(lapseCancellation(cancellable, cancellation.cancellation, parties, context(14)).event);

  const split = defined(
    splitOrder(
      inProduction,
      [
        { requestedDate: '2027-03-01', lines: [{ line: 1, quantity: 200 }] },
        { requestedDate: '2027-04-01', lines: [{ line: 2, quantity: 100 }] },
      ],
      context(15),
    ),
  );
  events.push(split.event);
  const surviving = order({ status: 'awaiting_deposit' });
  const absorbed = { ...order({ status: 'awaiting_deposit' }), id: `ord_${nextTestId()}`, number: 'CNP0012611O2' };
  const merged = mergeOrders(surviving, absorbed, terms(16));
  events.push(merged.survivingRecord.event, merged.absorbedRecord.event);
  events.push(defined(startProduction(inProduction, [1], context(17))).event);
  events.push(...shippingEvents(inProduction, parties));
  events.push(...complaintEvents(inProduction, parties));
  events.push(...returnEvents(inProduction, parties));

  const request = ApprovalRequest.parse({
    flow: 'order-intake',
    step: 'pmc-promise',
    ask: 'Promise a date',
    subject: { kind: 'order', id: placed.id, title: placed.number },
    role: 'pmc',
    assignee: 'pmc@factory.example',
    form: 'promised-date',
    expiresInSeconds: 3600,
  });
  const pending = openApproval(request, { id: 'apr_1', now: new Date(atMinute(18)) });
  const approval = decide(
    pending,
    { outcome: 'approve', values: { promisedDate: '2027-03-01' } },
    { by: 'pmc@factory.example', channel: 'link', now: new Date(atMinute(19)) },
  );
  events.push(
    domainEvent(
      'SatisfactionSurveyAnswered',
      { kind: 'customer', id: placed.customerId },
      {
        answer: {
          surveyId: 'svy_1',
          year: 2026,
          customerId: placed.customerId,
          customerCode: placed.customerCode,
          respondent: 'buyer@customer.example',
          modules: { overall: 80, service: 90, quality: 85 },
          score: 84.5,
          answeredAt: atMinute(18),
        },
      },
      context(18),
    ),
  );
  events.push(domainEvent('ApprovalDecided', { kind: 'order', id: placed.id }, { approval }, context(19)));
  events.push(
    domainEvent(
      'WorkflowStepFailed',
      { kind: 'order', id: placed.id },
      {
        flow: 'order-intake',
        state: 'Release',
        error: 'Error',
        cause: 'boom',
        title: placed.number,
        merchandiserEmail: 'm@example.com',
        operationsEmail: 'ops@example.com',
      },
      context(20, 'workflow:order-intake'),
    ),
  );
  events.push(
    domainEvent(
      'ApprovalUndelivered',
      { kind: pending.subject.kind, id: pending.subject.id },
      {
        approvalId: pending.id,
        ask: pending.ask,
        title: pending.subject.title,
        assignee: pending.assignee,
        reason: 'MessageRejected',
        operationsEmail: 'ops@example.com',
      },
      context(21, 'workflow:order-intake'),
    ),
  );
  events.push(
    domainEvent(
      'ApprovalBounced',
      { kind: pending.subject.kind, id: pending.subject.id },
      {
        approvalId: pending.id,
        ask: pending.ask,
        title: pending.subject.title,
        bounced: pending.assignee,
        reason: 'Permanent/General bounce',
        resentTo: 'deputy@factory.example',
        resentBecause: "PMC's e-mail bounced: the deputy",
        merchandiserEmail: 'm@example.com',
        operationsEmail: 'ops@example.com',
      },
      context(22, 'mail:ses'),
    ),
  );
  events.push(
    domainEvent(
      'MailComplaint',
      { kind: pending.subject.kind, id: pending.subject.id },
      {
        messageId: 'ses-1',
        recipients: [pending.assignee],
        feedbackType: 'abuse',
        template: 'approval-request',
        approvalId: pending.id,
        title: pending.subject.title,
        operationsEmail: 'ops@example.com',
      },
      context(23, 'mail:ses'),
    ),
  );
  events.push(...termsChangeEvents({ ...customer.customer, status: 'active' }));
  events.push(...receivableEvents(activeCustomer));
  events.push(...statementEvents({ ...customer.customer, status: 'active' }));
  events.push(...quotationEvents({ ...customer.customer, status: 'active' }));
  const awaitingDeposit = { ...placed, status: 'awaiting_deposit' as const };
  events.push(
    recordPayment(
      {
        customerId: placed.customerId,
        orderId: placed.id,
        kind: 'deposit',
        amount: 100,
        currency: 'CNY',
        method: 'bank-transfer',
        reference: 'HX-2026-001',
        receivedOn: '2026-11-20',
      },
      { customer: activeCustomer, order: awaitingDeposit, today: '2026-11-20' },
      context(24, 'zhou.min@factory.example'),
    ).event,
  );
  return events;
}

/** F3: a delivery finished, and what its shipping workflow records on the way to the customer's receipt. */
function shippingEvents(inProduction: Order, parties: OrderParties): DomainEvent[] {
  const finished = defined(
    finishProduction(inProduction, { delivery: 1 }, { finishedBefore: [], monthly: false }, context(26, 'pmc')),
  );
  const order = finished.order;
  const about = { kind: 'order', id: order.id };
  const shipping = { order, delivery: 1, parties };
  const at = context(27, 'workflow:shipping');
  const paid = { depositReceived: 0, paidTotal: 0 };
  return [
    ...finished.events,
    domainEvent('BalanceRequested', about, { ...shipping, due: 100, paid }, at),
    domainEvent('BalanceLate', about, { ...shipping, due: 100, paid, financeEmail: 'f@example.com' }, at),
    domainEvent('DeliveryHeld', about, { ...shipping, reason: 'beyond the limit' }, at),
    domainEvent('DeliveryStalled', about, { ...shipping, step: 'picking' }, at),
    domainEvent(
      'DeliveryShipped',
      about,
      { ...shipping, deliveryNote: 'DN2026120001', shipment: { carrier: 'SF', waybill: 'SF123' } },
      at,
    ),
    domainEvent('DeliveryLate', about, { ...shipping, expectedBy: '2026-12-04', waybill: 'SF123' }, at),
    domainEvent(
      'DeliverySignedFor',
      about,
      {
        ...shipping,
        receipt: {
          condition: 'complete',
          signedBy: 'Li Wei',
          signedOn: '2026-12-04',
          recordedBy: 'li.wei@huaxin.example',
          recordedAt: atMinute(28),
        },
      },
      at,
    ),
  ];
}

/**
 * F4: a complaint registered about the order's first delivery, shipped; a step stalled; its weight given, or missing
 * (R28); overdue (R29); answered.
 */
function complaintEvents(inProduction: Order, parties: OrderParties): DomainEvent[] {
  const complaint = {
    id: 'cmp_1',
    number: 'CP2026120001',
    orderNumber: inProduction.number,
    delivery: 1,
    kind: 'short_shipment' as const,
    description: 'two boxes short',
    demand: 'replacement' as const,
    contact: { name: 'Li Wei' },
    weight: { shipped: 50, received: 45, difference: 5 },
    status: 'registered' as const,
    owner: 'wang.fang@factory.example',
    dueOn: '2026-12-09',
    lines: [{ line: 1, productCode: 'CZM04', quantity: 10 }],
  };
  const about = { kind: 'order', id: inProduction.id };
  return [
    domainEvent('ComplaintRegistered', about, { complaint, order: inProduction, parties }, context(29)),
    domainEvent('ComplaintStalled', about, { complaint, step: 'cause-analysis', parties }, context(30)),
    domainEvent('ComplaintWeighed', about, { complaint }, context(30)),
    domainEvent('ComplaintWeightMissing', about, { complaint, customerName: parties.customerName }, context(30)),
    domainEvent(
      'ComplaintOverdue',
      about,
      { complaint, customerName: parties.customerName, daysOverdue: 2, leaderEmail: 'xu.ming@factory.example' },
      context(30),
    ),
    domainEvent(
      'ComplaintAnswered',
      about,
      { complaint, reply: { resolution: 'replacement', text: 'Two sets ship tomorrow.' }, parties },
      context(31),
    ),
  ];
}

/** F5: a return applied for, refused or shipped back, counted short, stopped or credited; goods held. */
function returnEvents(inProduction: Order, parties: OrderParties): DomainEvent[] {
  const summary = {
    id: 'ret_1',
    number: 'RA2026120001',
    orderNumber: inProduction.number,
    delivery: 1,
    currency: 'CNY' as const,
    reason: 'scratched',
    contact: { name: 'Li Wei' },
    status: 'applied' as const,
    owner: 'wang.fang@factory.example',
    lines: [{ line: 1, productCode: 'CZM04', quantity: 10 }],
  };
  const about = { kind: 'order', id: inProduction.id };
  const arrival = {
    id: 'rar_1',
    customerId: inProduction.customerId,
    lines: [{ productCode: 'CZM04', quantity: 3 }],
    status: 'held' as const,
    recordedBy: 'sun.hao@factory.example',
    recordedAt: atMinute(40),
  };
  return [
    domainEvent('ReturnApplied', about, { return: summary, order: inProduction, parties }, context(32)),
    domainEvent('ReturnRefused', about, { return: summary, reason: 'not a quality problem', parties }, context(33)),
    domainEvent(
      'ReturnShipmentAnnounced',
      about,
      { return: summary, shipment: { carrier: 'Deppon', waybill: 'DB1', shippedOn: '2026-12-03' } },
      context(34),
    ),
    domainEvent(
      'ReturnArrivalHeld',
      { kind: 'customer', id: inProduction.customerId },
      { arrival, parties },
      context(35),
    ),
    domainEvent(
      'ReturnArrivalSettled',
      { kind: 'customer', id: inProduction.customerId },
      {
        arrival: {
          ...arrival,
          status: 'sent-back' as const,
          settlement: { note: 'back by Deppon, freight collect', settledBy: 'wang.fang', settledAt: atMinute(41) },
        },
        customerName: 'Huaxin',
        warehouseEmail: 'sun.hao@factory.example',
      },
      context(35),
    ),
    domainEvent(
      'ReturnReceivedWithDifference',
      about,
      { return: summary, lines: [{ line: 1, productCode: 'CZM04', expected: 10, received: 9 }], parties },
      context(36),
    ),
    domainEvent(
      'ReturnStopped',
      about,
      {
        return: summary,
        reason: 'prices differ',
        by: 'zhou.min',
        parties,
        salesManagerEmail: 'xu.ming@factory.example',
      },
      context(37),
    ),
    domainEvent('ReturnCredited', about, { return: summary, returnNote: 'RN2026120001', amount: 125 }, context(38)),
    domainEvent('ReturnStalled', about, { return: summary, step: 'return-receiving', parties }, context(39)),
  ];
}

/** R38: a monthly customer's statement issued, then disputed from its link. */
function statementEvents(active: Customer): DomainEvent[] {
  const monthly = { ...active, settlement: { type: 'monthly' as const, creditLimit: 80000 } };
  const note = {
    customerId: active.id,
    kind: 'delivery-note' as const,
    reference: 'DN2026110001',
    amount: 1200,
    currency: active.currency,
    at: '2026-11-05T02:00:00.000Z',
  };
  const made = statementOf(monthly, '2026-11', { earlier: [], entries: [note] }, atMinute(40));
  if (!made) throw new Error('a month with a delivery note has a statement');
  const answer = {
    outcome: 'disputed' as const,
    signedBy: 'Li Wei',
    entries: ['DN2026110001'],
    comment: 'Short by two boxes',
  };
  const signed = signedBack({ ...made.statement, status: 'sent' }, answer, { via: 'link' }, atMinute(41));
  const about = { kind: 'customer', id: active.id };
  return [
    domainEvent('StatementIssued', about, { statement: statementSummary(made.statement) }, context(40)),
    domainEvent(
      'StatementSignedBack',
      about,
      { statement: statementSummary(signed), outcome: 'disputed', signedBy: 'Li Wei', via: 'link' },
      context(41),
    ),
  ];
}

/** The terms-change events of an active customer: asked, then approved, refused or lapsed. */
function termsChangeEvents(active: Customer): DomainEvent[] {
  const monthly = { type: 'monthly' as const, creditLimit: 80000 };
  const ask = (minute: number) => {
    const asked = requestTermsChange(active, { settlement: monthly, reason: 'Paid on time' }, context(minute));
    const told = { terms: describeTermsChange(asked.termsChange, active.currency, (id) => id), team: testTeam };
    return { ...asked, told };
  };
  const decision = { by: 'xu.ming@factory.example', at: atMinute(23) };
  const [approved, refused, lapsing] = [ask(22), ask(24), ask(25)];
  return [
    approved.event,
    applyTermsChange(active, approved.termsChange, decision, approved.told, context(23)).event,
    refuseTermsChange(active, refused.termsChange, { ...decision, reason: 'Not yet' }, refused.told, context(24)).event,
    lapseTermsChange(active, lapsing.termsChange, lapsing.told, context(25)).event,
  ];
}

/** F7 (R40): ledger adjustments asked, booked, refused and lapsed; an overdue customer reminded. */
function receivableEvents(customer: Customer): DomainEvent[] {
  const ask = (minute: number, amount: number) =>
    requestAdjustment(
      customer,
      { amount, reason: 'Rounding on DN2026110003', reference: 'DN2026110003' },
      context(minute, 'zhou.min@factory.example'),
    );
  const decision = { by: 'qian.hua@factory.example', at: atMinute(31) };
  const [booked, refused, lapsing] = [ask(30, -0.5), ask(31, 120), ask(32, 80)];
  const overdue = overdueOf(
    [
      {
        customerId: customer.id,
        kind: 'delivery-note',
        reference: 'DN2026100001',
        amount: 4250,
        currency: 'CNY',
        orderNumber: 'CNC001261001',
        at: '2026-10-10T02:00:00.000Z',
      },
    ],
    { terms: customer.settlement, currency: 'CNY', today: '2026-11-20' },
  );
  return [
    booked.event,
    bookAdjustment(customer, booked.adjustment, decision, context(31)).event,
    refuseAdjustment(customer, refused.adjustment, { ...decision, reason: 'Not on this note' }, context(32)).event,
    lapseAdjustment(customer, lapsing.adjustment, context(33, 'workflow:ledger-adjustment')).event,
    remindOverdue(
      customer,
      { balance: 4250, overdue, merchandiserEmail: testTeam.merchandiserEmail },
      { reminder: reminderOf(overdue.oldestOverdueDays), today: '2026-11-20' },
      context(34, 'schedule:receivables-overdue'),
    ).event,
  ];
}

/** The quotation events of an active customer (R37): asked, then approved, refused or lapsed. */
function quotationEvents(active: Customer): DomainEvent[] {
  const ask = (minute: number) =>
    requestQuotation(
      {
        customerId: active.id,
        currency: active.currency,
        validUntil: atMinute(minute).slice(0, 10),
        lines: [{ productCode: 'CZM04', unitPrice: 1 }],
      },
      {
        ...context(minute),
        id: `quo_${nextTestId()}`,
        number: `QT20261200${minute}`,
        customer: active,
        products: productsByCode,
        today: atMinute(minute).slice(0, 10),
      },
    );
  const decision = { by: 'he.jun@factory.example', at: atMinute(27), role: 'gm', basis: 'volume' };
  const [approved, refused, lapsing] = [ask(26), ask(27), ask(28)];
  return [
    approved.event,
    defined(approveQuotation(approved.quotation, decision, context(27)))?.event,
    defined(refuseQuotation(refused.quotation, { ...decision, reason: 'Below cost' }, context(28)))?.event,
    defined(lapseQuotation(lapsing.quotation, context(29)))?.event,
  ];
}

/** What the relay reads: the event as the outbox item stored it, read back from the table's stream. */
const throughTheTable = (event: DomainEvent) =>
  unmarshall(marshall({ event }, { removeUndefinedValues: true, convertClassInstanceToMap: false })).event;

describe('domain events', () => {
  const events = everyEvent();
  const first = <T extends DomainEventType>(type: T) =>
    defined(events.find((event): event is EventOf<T> => isEventOf(event, type)));

  it('are made by the code for every type of the union', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(domainEventTypes);
  });

  it('parse as written to the outbox and read back from the stream, each as its own type, losing nothing', () => {
    for (const event of events) expect(parseEvent(throughTheTable(event))).toEqual(event);
  });

  it('refuse an unknown type, naming it', () => {
    const unknown = { ...first('CustomerCreated'), type: 'CustomerDeleted' };
    expect(() => parseEvent(unknown)).toThrow(`Unknown event type "CustomerDeleted" (event ${unknown.id}).`);
    expect(() => parseEvent({ id: 'e1' })).toThrow('Not a domain event (event e1): it has no type.');
    expect(() => parseEvent('OrderPlaced')).toThrow('Not a domain event: it has no type.');
  });

  it('refuse malformed data, naming the type, the event and each field', () => {
    const placed = first('OrderPlaced');
    const broken = { ...placed, data: { order: { ...placed.data.order, number: 7 } } };
    expect(() => parseEvent({ ...placed, data: {} })).toThrow(
      `OrderPlaced (event ${placed.id}) does not parse: data.order: Invalid input: expected object, received undefined.`,
    );
    expect(() => parseEvent(broken)).toThrow(
      `OrderPlaced (event ${placed.id}) does not parse: data.order.number: Invalid input: expected string, received number.`,
    );
    expect(() => parseEvent({ ...placed, occurredAt: 'yesterday' })).toThrow(/occurredAt: Invalid ISO datetime/);
    expect(() => parseEvent({ ...placed, type: 'ProductAdded' })).toThrow(/^ProductAdded .* data\.product: /);
  });
});
