import * as z from 'zod';
import { closePendingApprovals } from '../../shared/application/approvals.ts';
import { onDutyEmail, orderParties } from '../../shared/application/people.ts';
import { sendEachOnce } from '../../shared/application/send-once.ts';
import { awaitUnlessDone } from '../../shared/application/waiting.ts';
import { orderTitle, summarisedFacts } from '../../shared/domain/approval-summary.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { pmcReplyDeadline } from '../../shared/domain/lead-time.ts';
import { formatMoney } from '../../shared/domain/order-amounts.ts';
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
import { blockingFindings, findingLine, findingText } from '../../shared/domain/order-review.ts';
import { orderPaid } from '../../shared/domain/payment.ts';
import { discountPercent, parseSpecialPriceLimit, specialPriceAuthority } from '../../shared/domain/special-price.ts';
import { acknowledgementFailedEmail, orderAcknowledgedEmail, toCustomer } from '../../shared/mail/order-templates.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { AlreadyDone, claimOnceWrite } from '../../shared/persistence/once.ts';
import { historyWrite, orderRepository } from '../../shared/persistence/orders.ts';
import { depositWaiter } from '../../shared/persistence/waiters.ts';
import { writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { specialPriceBases } from '../../shared/schemas/decision-form.ts';
import type { Order } from '../../shared/schemas/order.ts';
import { requiredSetting, settings } from '../../shared/settings.ts';

const Decided = { decidedBy: z.string(), comment: z.string().optional() };
const Step = z.discriminatedUnion('action', [
  z.object({ action: z.literal('load'), orderId: z.string() }),
  z.object({ action: z.literal('reject'), orderId: z.string(), ...Decided }),
  z.object({
    action: z.literal('accept'),
    orderId: z.string(),
    to: z.enum(['planning', 'awaiting_promise']),
    ...Decided,
  }),
  z.object({
    action: z.literal('promise'),
    orderId: z.string(),
    promisedDate: z.iso.date(),
    decidedBy: z.string(),
    decidedAt: z.iso.datetime(),
  }),
  z.object({ action: z.literal('deposit'), orderId: z.string() }),
  z.object({ action: z.literal('await-deposit'), orderId: z.string(), taskToken: z.string() }),
  z.object({ action: z.literal('deposit-late'), orderId: z.string() }),
  z.object({ action: z.literal('release'), orderId: z.string() }),
  z.object({ action: z.literal('promise-late'), orderId: z.string() }),
  z.object({ action: z.literal('lapse'), orderId: z.string() }),
  z.object({ action: z.literal('await-customer'), orderId: z.string(), taskToken: z.string() }),
  z.object({ action: z.literal('acknowledge'), orderId: z.string() }),
  z.object({ action: z.literal('acknowledgement-failed'), orderId: z.string() }),
  z.object({
    action: z.literal('special-price'),
    orderId: z.string(),
    decidedBy: z.string(),
    values: z.record(z.string(), z.unknown()).default({}),
  }),
]);

/** R37: read and checked as the worker starts, so that a malformed setting fails loudly at once. */
const specialPriceLimit = parseSpecialPriceLimit(
  requiredSetting('special-price-deputy-limit'),
  settings['special-price-deputy-limit'].variable,
);

/**
 * R37: who grants the order's special prices — the lines below list that no approved, valid quotation covers (the
 * review's `special-price` findings) —, by the deepest discount: the deputy GM up to the limit, else the GM.
 */
function specialPriceStep(order: Order) {
  const special = new Set(order.findings.filter((f) => f.code === 'special-price').map((f) => f.line));
  const discounts = order.lines
    .filter((line) => special.has(line.line) && line.unitPrice !== undefined && line.listPrice !== undefined)
    .map((line) => discountPercent(line.unitPrice as number, line.listPrice as number));
  const authority = specialPriceAuthority(discounts, specialPriceLimit);
  return {
    specialPrice: authority !== undefined,
    specialPriceRole: authority?.role ?? 'gm',
    specialPriceApprover: authority?.approver ?? { rule: 'on-duty' },
  };
}

/** R9: production waits for a deposit, except for customers on monthly settlement (F7). */
const depositRequired = (order: Order, customer: Customer) =>
  (order.totals.depositDue ?? 0) > 0 && customer.settlement.type !== 'monthly';

/** R8: the day the payments reached the deposit; the step runs only once they have (AwaitDeposit). */
function depositDay(order: Order) {
  if (!order.depositReceivedOn) throw new Error(`Order ${order.number} has not received its deposit yet.`);
  return order.depositReceivedOn;
}

/**
 * The order in at most 30 facts (R2): its number, customer, PO, dates, totals and findings about the whole order;
 * then its lines — those with findings first, each with its findings — and the rest folded ("and 180 more lines").
 */
function intakeFacts(order: Order, customer: Customer) {
  const money = (amount: number | undefined) =>
    amount === undefined ? '—' : formatMoney(amount, customer.currency, 'zh-CN');
  const lines = order.lines.map((line) => {
    const findings = order.findings.filter((f) => f.line === line.line);
    const amount = line.amount === undefined ? '' : ` = ${money(line.amount)}`;
    return {
      attention: findings.length > 0,
      fact: {
        label: `第 ${line.line} 行 Line ${line.line}`,
        // Every line with its product's name and unit price, so that the approver checks it without opening anything.
        value: [
          `${line.productCode} ${line.productName ?? line.description}: ${line.quantity} × ${money(line.unitPrice)}${amount}`,
          ...findings.map(findingLine),
        ].join('; '),
      },
    };
  });
  const aboutOrder = order.findings
    .filter((f) => f.line === undefined)
    .map((f) => findingText(f))
    .map(({ label, text }) => ({ attention: true, fact: { label, value: text } }));
  return summarisedFacts({
    head: [
      { label: '订单号 Order', value: order.number },
      { label: '客户 Customer', value: `${order.customerCode} ${customer.name}` },
      { label: '客户订单号 PO', value: order.poNumber },
      { label: '要求交期 Requested', value: order.requestedDate },
      { label: '金额 Total', value: `${money(order.totals.amount)} (${order.lines.length} 行 lines)` },
      { label: '订金 Deposit due', value: money(order.totals.depositDue) },
    ],
    items: [...aboutOrder, ...lines],
  });
}

/** What the intake's approvers see, and whose account it is (the directory resolves who decides: F1). */
function intakeSubject(order: Order, customer: Customer) {
  return {
    orderId: order.id,
    title: orderTitle(order, customer.name),
    accountOwner: customer.accountOwner,
    requestedBy: order.createdBy,
    // R2: with blocking findings the merchandiser corrects them with the customer and accepts, or refuses in writing.
    reviewAsk:
      blockingFindings(order.findings).length > 0
        ? '订单初审：有须与客户更正的问题 Initial order review: findings to correct with the customer (R2)'
        : '订单初审 Initial order review (R2)',
    customerActive: customer.status === 'active',
    depositRequired: depositRequired(order, customer),
    ...specialPriceStep(order),
    facts: intakeFacts(order, customer),
  };
}

/** R10: the order waits for its customer's review (resume-waiters answers on CustomerActivated / CustomerRejected). */
const awaitCustomerReview = (customerId: string, taskToken: string) =>
  awaitUnlessDone({ kind: 'customer', id: customerId }, taskToken, 15, async () => {
    const { status } = await customerRepository(port('table')).get(customerId);
    if (status === 'pending_review') return undefined;
    if (status === 'active') return { output: { customerStatus: status } };
    return { error: 'CustomerRejected', cause: `The customer is ${status} (R10).` };
  });

/** R9: the order waits until the payments against it reach its deposit (resume-waiters answers on PaymentRecorded). */
const awaitDeposit = (orderId: string, taskToken: string) =>
  awaitUnlessDone(depositWaiter(orderId), taskToken, 8, async () => {
    const { order } = await orderRepository(port('table')).get(orderId);
    return order.depositReceivedOn ? { output: { depositReceivedOn: order.depositReceivedOn } } : undefined;
  });

/**
 * R6: the written acknowledgement, in each contact's language. A failure fails the step, which the workflow
 * retries for hours; if it still can't go out, the merchandiser is told to reply another way.
 */
/**
 * R6: the written acknowledgement to the customer's contacts (each in their language), or — when the mail service
 * kept refusing it — the alert to the merchandiser. Each e-mail goes once however often the step is retried (only
 * what was not accepted is sent again), and the outcome is an entry in the order's history (R15), written once.
 */
async function sendAcknowledgement(action: 'acknowledge' | 'acknowledgement-failed', order: Order, to: OrderParties) {
  const contacts = to.contacts.map((c) => `${c.email} (${c.language})`).join(', ');
  if (action === 'acknowledgement-failed') {
    const alert = acknowledgementFailedEmail(order, to, process.env.APP_URL ?? '');
    await sendEachOnce(`order-acknowledgement-failed:${order.id}`, [
      { to: [to.merchandiserEmail], template: 'order-acknowledgement-failed', ...alert },
    ]);
    await recordOnce(order, action, {
      action: 'acknowledgement not sent',
      note: `R6: the written acknowledgement could not be sent to ${contacts}; ${to.merchandiserEmail} was told to send it another way.`,
    });
    return;
  }
  const messages = toCustomer(to, (language) => orderAcknowledgedEmail(order, language)).map((message) => ({
    ...message,
    template: 'order-acknowledgement',
  }));
  await sendEachOnce(`order-acknowledgement:${order.id}`, messages);
  await recordOnce(order, action, {
    action: 'acknowledgement sent',
    note: `R6: written acknowledgement${order.promisedDate ? ` of the promised date ${order.promisedDate}` : ''} sent to ${contacts}.`,
  });
}

/** An entry of the order's history that a retried step writes once (its claim is part of the same write). */
async function recordOnce(order: Order, step: string, entry: { action: string; note: string }) {
  const table = port('table');
  const now = port('clock').now();
  const history = { at: now.toISOString(), actor: 'workflow:order-intake', ...entry };
  try {
    await writeAtomically(table, {
      now,
      events: [],
      writes: [claimOnceWrite(`ORDER_STEP#${order.id}`, step, now), historyWrite(table.name, order.id, history, step)],
    });
  } catch (error) {
    if (!(error instanceof AlreadyDone)) throw error;
  }
}

/** The order-intake workflow's own steps (state-machines/order-intake.asl.json). */
async function intakeStep(event: unknown) {
  const step = Step.parse(event);
  const table = port('table');
  const orders = orderRepository(table);
  const { order } = await orders.get(step.orderId);
  const customer = await customerRepository(table).get(order.customerId);
  if (step.action === 'load') return intakeSubject(order, customer);
  if (step.action === 'await-customer') return await awaitCustomerReview(customer.id, step.taskToken);
  if (step.action === 'await-deposit') return await awaitDeposit(order.id, step.taskToken);
  if (step.action === 'acknowledge' || step.action === 'acknowledgement-failed') {
    await sendAcknowledgement(step.action, order, await orderParties(customer));
    return { status: order.status };
  }
  if (step.action === 'special-price') {
    const basis = specialPriceBases.find((b) => b.value === step.values.basis)?.label;
    const note = typeof step.values.note === 'string' ? `; ${step.values.note}` : '';
    const lines = order.findings.filter((f) => f.code === 'special-price').map((f) => f.line);
    await recordOnce(order, step.action, {
      action: 'special prices approved',
      note: `R37: lines ${lines.join(', ')} at special prices, approved by ${step.decidedBy}${basis ? ` (${basis['zh-CN']} ${basis.en})` : ''}${note}`,
    });
    return { status: order.status };
  }
  const now = port('clock').now();
  const context = { now: now.toISOString(), actor: 'workflow:order-intake', newId: port('ids').next };
  if (step.action === 'promise-late' || step.action === 'deposit-late') {
    const parties = await orderParties(customer);
    const late =
      step.action === 'promise-late'
        ? domainEvent('OrderPromiseLate', { kind: 'order', id: order.id }, { order, parties }, context)
        : domainEvent(
            'OrderDepositLate',
            { kind: 'order', id: order.id },
            { order, parties, paid: orderPaid(order), financeEmail: await onDutyEmail('finance') },
            context,
          );
    await writeAtomically(table, { now, events: [late], writes: [] });
    return { status: order.status };
  }
  const actor = 'decidedBy' in step ? step.decidedBy : context.actor;
  const move = (() => {
    switch (step.action) {
      case 'reject':
        return rejected(step.comment ?? '');
      case 'accept':
        return accepted(step.to, step.decidedBy, step.comment);
      case 'promise':
        return promised(step.promisedDate, step.decidedAt.slice(0, 10), depositRequired(order, customer));
      case 'deposit':
        return depositRecorded(order, depositDay(order));
      case 'release':
        return released;
      case 'lapse':
        return lapsed(order);
    }
  })();
  if (step.action === 'lapse')
    await closePendingApprovals(
      { kind: 'order', id: order.id },
      'nobody answered in time',
      (flow) => flow === 'order-intake',
    );
  const result = moveOrder(order, move, await orderParties(customer), { ...context, actor });
  if (result) await orders.move(result.order, order.version, result.event, result.history, now);
  const status = (result?.order ?? order).status;
  // R5: PMC answers by 15:00 the next day; the workflow waits that long before it reminds.
  const untilPmcDeadline = Math.ceil((pmcReplyDeadline(now, companyTimeZone).getTime() - now.getTime()) / 1000);
  return { status, ...(status === 'awaiting_promise' ? { reminderAfterSeconds: untilPmcDeadline } : {}) };
}

export const handler = observed(intakeStep, correlationIdIn);
