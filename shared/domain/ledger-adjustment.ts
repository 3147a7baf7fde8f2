import type { LedgerAdjustment, NewLedgerAdjustment } from '../schemas/adjustment.ts';
import type { Customer } from '../schemas/customer.ts';
import type { LedgerEntry } from '../schemas/ledger.ts';
import type { HistoryEntry } from '../schemas/order.ts';
import { customerTitle, summarisedFacts } from './approval-summary.ts';
import { companyTime } from './company.ts';
import { Conflict, ValidationFailed } from './errors.ts';
import { domainEvent, type EventContext, type EventOf } from './events.ts';
import { balanceOf, formatMoney, inMinorUnit } from './order-amounts.ts';

/**
 * F7 (R40): finance corrects a customer's receivable by hand — a debit or a credit, with its reason in writing — and
 * the requester's leader (the finance leader) approves it before anything is booked; nobody approves their own
 * adjustment (docs/decisions/ledger-adjustments.md).
 */

export type LedgerAdjustmentRequested = EventOf<'LedgerAdjustmentRequested'>;
/** How an adjustment ended: booked on the ledger, refused in writing, or lapsed (nobody decided in time). */
export type LedgerAdjustmentEnded = EventOf<'LedgerAdjusted' | 'LedgerAdjustmentRefused' | 'LedgerAdjustmentLapsed'>;

type CustomerRef = Pick<Customer, 'id' | 'code' | 'name' | 'currency'>;

const subjectOf = (customer: Pick<Customer, 'id'>) => ({ kind: 'customer', id: customer.id });
const customerOf = ({ id, code, name }: CustomerRef) => ({ id, code, name });

/** "a debit of ¥1,250.00" / "a credit of ¥80.00", in both languages. */
export const describeAmount = (amount: number, currency: Customer['currency']) =>
  amount > 0
    ? `借记（客户多欠）debit ${formatMoney(amount, currency, 'en')}`
    : `贷记（客户少欠）credit ${formatMoney(-amount, currency, 'en')}`;

/**
 * An adjustment asked for: nothing is booked until it is approved. The amount is in the customer's currency and its
 * minor unit (cents, whole yen), as every ledger amount is.
 */
export function requestAdjustment(customer: CustomerRef, input: NewLedgerAdjustment, context: EventContext) {
  if (!inMinorUnit(Math.abs(input.amount), customer.currency)) {
    throw new ValidationFailed([
      {
        field: 'amount',
        message: `must be a whole number of the ${customer.currency} minor unit (${customer.currency === 'JPY' ? 'whole yen' : 'cents'})`,
      },
    ]);
  }
  const adjustment: LedgerAdjustment = {
    id: `adj_${context.newId()}`,
    customerId: customer.id,
    customerCode: customer.code,
    amount: input.amount,
    currency: customer.currency,
    reason: input.reason,
    ...(input.reference ? { reference: input.reference } : {}),
    status: 'pending',
    requestedBy: context.actor,
    requestedAt: context.now,
    updatedAt: context.now,
    version: 1,
  };
  const event: LedgerAdjustmentRequested = domainEvent(
    'LedgerAdjustmentRequested',
    subjectOf(customer),
    { adjustment },
    context,
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: context.actor,
    action: 'ledger adjustment requested',
    note: `${adjustment.id}: ${describeAmount(adjustment.amount, adjustment.currency)}: ${adjustment.reason}`,
  };
  return { adjustment, event, history };
}

/**
 * What the finance leader sees, and whom the workflow asks: the requester's leader. The balance now and after the
 * adjustment, so the decision is made against the ledger as it stands.
 */
export function adjustmentSubject(customer: CustomerRef, adjustment: LedgerAdjustment, balance: number) {
  const money = (amount: number) => formatMoney(amount, customer.currency, 'en');
  return {
    customerId: customer.id,
    adjustmentId: adjustment.id,
    title: customerTitle(customer, ` (${adjustment.id})`),
    requestedBy: adjustment.requestedBy,
    facts: summarisedFacts({
      head: [
        { label: '客户 Customer', value: `${customer.code} ${customer.name}` },
        { label: '调整 Adjustment', value: describeAmount(adjustment.amount, adjustment.currency) },
        { label: '原因 Reason', value: adjustment.reason },
        ...(adjustment.reference ? [{ label: '单据 Reference', value: adjustment.reference }] : []),
        {
          label: '应收余额 Balance',
          value: `${money(balance)} → ${money(balanceOf([balance, adjustment.amount], customer.currency))}`,
        },
        {
          label: '申请人 Requested by',
          value: `${adjustment.requestedBy} (${companyTime(adjustment.requestedAt)})`,
        },
      ],
    }),
  };
}

function pendingOrThrow(adjustment: LedgerAdjustment) {
  if (adjustment.status !== 'pending') {
    throw new Conflict(`Adjustment ${adjustment.id} is ${adjustment.status} already.`);
  }
}

const ended = (
  adjustment: LedgerAdjustment,
  status: LedgerAdjustment['status'],
  now: string,
  more: Partial<LedgerAdjustment>,
): LedgerAdjustment => ({ ...adjustment, ...more, status, updatedAt: now, version: adjustment.version + 1 });

/**
 * Approved: booked on the ledger as an `adjustment` entry with its reason (and the document it corrects) and who
 * approved it; the receivable moves by its amount in the same write.
 */
export function bookAdjustment(
  customer: CustomerRef,
  adjustment: LedgerAdjustment,
  decision: { by: string; at: string },
  context: EventContext,
) {
  pendingOrThrow(adjustment);
  const approved = ended(adjustment, 'approved', context.now, {
    decidedBy: decision.by,
    decidedAt: decision.at,
    bookedAt: context.now,
  });
  const entry: LedgerEntry = {
    customerId: customer.id,
    kind: 'adjustment',
    reference: adjustment.id,
    amount: adjustment.amount,
    currency: adjustment.currency,
    reason: adjustment.reference ? `${adjustment.reason} (${adjustment.reference})` : adjustment.reason,
    approvedBy: decision.by,
    at: context.now,
  };
  const event: EventOf<'LedgerAdjusted'> = domainEvent(
    'LedgerAdjusted',
    subjectOf(customer),
    { adjustment: approved, customer: customerOf(customer) },
    { ...context, actor: decision.by },
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: decision.by,
    action: 'ledger adjusted',
    note: `${adjustment.id} asked by ${adjustment.requestedBy}, approved by ${decision.by}: ${describeAmount(adjustment.amount, adjustment.currency)}: ${adjustment.reason}`,
  };
  return { adjustment: approved, entry, event, history };
}

/** Refused in writing: nothing is booked; the requester gets the decider's reason. */
export function refuseAdjustment(
  customer: CustomerRef,
  adjustment: LedgerAdjustment,
  decision: { by: string; at: string; reason: string },
  context: EventContext,
) {
  pendingOrThrow(adjustment);
  const refused = ended(adjustment, 'refused', context.now, {
    decidedBy: decision.by,
    decidedAt: decision.at,
    decisionReason: decision.reason,
  });
  return endedWith(customer, refused, 'LedgerAdjustmentRefused', decision.by, context);
}

/** Nobody decided, even after the reminder and the escalation: nothing is booked. */
export function lapseAdjustment(customer: CustomerRef, adjustment: LedgerAdjustment, context: EventContext) {
  pendingOrThrow(adjustment);
  const lapsed = ended(adjustment, 'lapsed', context.now, {
    decisionReason: 'nobody decided in time, even after the reminder and the escalation',
  });
  return endedWith(customer, lapsed, 'LedgerAdjustmentLapsed', context.actor, context);
}

function endedWith(
  customer: CustomerRef,
  adjustment: LedgerAdjustment,
  type: 'LedgerAdjustmentRefused' | 'LedgerAdjustmentLapsed',
  actor: string,
  context: EventContext,
) {
  const event: EventOf<typeof type> = domainEvent(
    type,
    subjectOf(customer),
    { adjustment, customer: customerOf(customer) },
    { ...context, actor },
  );
  const history: HistoryEntry = {
    at: context.now,
    actor,
    action: `ledger adjustment ${adjustment.status}`,
    note: `${adjustment.id}: ${adjustment.decisionReason ?? ''}`,
  };
  return { adjustment, event, history };
}
