import type {
  CancellationAuthority,
  CancellationRequest,
  CustomerCredit,
  NewCancellation,
} from '../schemas/cancellation.ts';
import type { HistoryEntry, Order } from '../schemas/order.ts';
import { type AmountsPerCurrency, parseAmountsPerCurrency } from './amounts-per-currency.ts';
import { Conflict } from './errors.ts';
import { domainEvent, type EventContext, type EventOf, edited, fieldChanges } from './events.ts';
import { statusesOpenTo, whyClosedTo } from './order-closed.ts';
import type { OrderParties } from './order-intake.ts';
import { paidTotal } from './payment.ts';

/** R16: an order is not cancelled unilaterally — the request waits for the decision of the authority its amount needs. */
export type CancellationRequested = EventOf<'CancellationRequested'>;
/** R16: the approved cancellation ended the order; a deposit received is owed back as a credit. */
export type OrderCancelled = EventOf<'OrderCancelled'>;
/** R16: the request ended without cancelling: refused in writing, or lapsed (nobody decided in time). */
export type CancellationEnded = EventOf<'CancellationRefused' | 'CancellationLapsed'>;

// ——— R16: the limits up to which the sales manager decides, per currency ———

/** The sales manager's limit per currency (R16); a currency without one goes to the general manager. */
export type CancellationLimits = AmountsPerCurrency;

/**
 * Reads the limits as the deployment gives them (R16); a malformed text throws an error naming each bad entry, so a
 * worker configured wrongly fails as it starts, not at its first cancellation.
 */
export const parseCancellationLimits = (text: string, source?: string): CancellationLimits =>
  parseAmountsPerCurrency(text, 'Cancellation limits', source);

/**
 * R16: who decides a cancellation, by the order's amount. Up to and including the limit for the order's currency,
 * the customer's sales manager (role leader); above it, when the currency has no limit, or when the order has no
 * total yet (an unpriced line: nothing shows it is within the manager's limit), the general manager (role gm). The
 * staff directory says who holds each (the account owner's leader; the general manager on duty).
 */
export function cancellationAuthority(
  order: Pick<Order, 'totals' | 'currency'>,
  limits: CancellationLimits,
): CancellationAuthority {
  const limit = limits[order.currency];
  const amount = order.totals.amount;
  if (limit !== undefined && amount !== undefined && amount <= limit) return { role: 'leader', limit };
  return { role: 'gm', ...(limit === undefined ? {} : { limit }) };
}

/**
 * A cancellation above the sales manager's limit — the general manager's decision — is one a forwarded e-mail alone
 * must not make: deciding it from the link also needs a one-time code mailed to the decider
 * (docs/decisions/approval-codes.md).
 */
export const cancellationNeedsCode = (authority: CancellationAuthority) => authority.role === 'gm';

// ——— Which orders may be cancelled ———

/** Why the order can no longer be cancelled, or undefined when it can (R16). */
export const whyNotCancellable = (order: Pick<Order, 'number' | 'status' | 'mergedInto'>) =>
  whyClosedTo('cancel', order);

/** R16: the statuses a cancellation may be asked in, checked again in the request's own write. */
export const cancellableStatuses = statusesOpenTo('cancel');

/**
 * R16: what the customer paid against the order (R9: its deposits and balances, as finance recorded them — not what
 * was due) is owed back to it once the order is cancelled.
 */
export function receivedToCredit(order: Pick<Order, 'received' | 'currency'>) {
  const paid = paidTotal(order);
  return paid > 0 ? paid : undefined;
}

// ——— The request and its outcomes ———

const at = (
  cancellation: CancellationRequest,
  status: CancellationRequest['status'],
  now: string,
  more: Partial<CancellationRequest> = {},
): CancellationRequest => ({ ...cancellation, ...more, status, updatedAt: now, version: cancellation.version + 1 });

function refuseUnlessWaiting(cancellation: CancellationRequest) {
  if (cancellation.status !== 'waiting') {
    throw new Conflict(`Cancellation request ${cancellation.id} is ${cancellation.status} already.`);
  }
}

/** R16: a cancellation is asked for, with its reason; the order is unchanged until the decision. */
export function requestCancellation(order: Order, input: NewCancellation, context: EventContext) {
  const refusal = whyNotCancellable(order);
  if (refusal) throw new Conflict(refusal);
  const cancellation: CancellationRequest = {
    id: `can_${context.newId()}`,
    orderId: order.id,
    orderNumber: order.number,
    customerId: order.customerId,
    reason: input.reason,
    status: 'waiting',
    ...(order.totals.amount === undefined ? {} : { amount: order.totals.amount }),
    currency: order.currency,
    requestedBy: context.actor,
    requestedAt: context.now,
    updatedAt: context.now,
    version: 1,
  };
  const event: CancellationRequested = domainEvent(
    'CancellationRequested',
    { kind: 'order', id: order.id },
    { cancellation },
    context,
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: context.actor,
    action: 'cancellation requested',
    note: `${cancellation.id}: ${input.reason}`,
  };
  return { cancellation, event, history };
}

/** R16: the authority the amount needs, recorded on the request once its workflow has weighed it. */
export function withAuthority(cancellation: CancellationRequest, authority: CancellationAuthority, now: string) {
  return at(cancellation, cancellation.status, now, { authority });
}

/**
 * R16: the approved cancellation ends the order — status cancelled, the cancellation recorded on it with who asked
 * and who approved, before and after in its history (R15). A deposit already received becomes a credit owed to the
 * customer.
 */
export function cancelOrder(
  order: Order,
  cancellation: CancellationRequest,
  decision: { by: string; at: string },
  parties: OrderParties,
  context: EventContext,
) {
  refuseUnlessWaiting(cancellation);
  const refusal = whyNotCancellable(order);
  if (refusal) throw new Conflict(refusal);
  const creditOwed = receivedToCredit(order);
  const credit: CustomerCredit | undefined =
    creditOwed === undefined
      ? undefined
      : {
          customerId: order.customerId,
          orderId: order.id,
          orderNumber: order.number,
          amount: creditOwed,
          currency: order.currency,
          reason: `R16: paid for order ${order.number} (deposits and balances received), cancelled (${cancellation.id})`,
          at: context.now,
        };
  const changed = fieldChanges(order, {
    status: 'cancelled',
    cancellation: {
      reason: cancellation.reason,
      requestedBy: cancellation.requestedBy,
      requestedAt: cancellation.requestedAt,
      approvedBy: decision.by,
      approvedAt: decision.at,
      ...(creditOwed === undefined ? {} : { creditOwed }),
    },
  });
  const cancelled = edited(order, changed, context.now, decision.by);
  const approved = at(cancellation, 'approved', context.now, {
    decidedBy: decision.by,
    decidedAt: decision.at,
    ...(creditOwed === undefined ? {} : { creditOwed }),
  });
  const event: OrderCancelled = domainEvent(
    'OrderCancelled',
    { kind: 'order', id: order.id },
    { order: cancelled, cancellation: approved, parties, ...(credit ? { credit } : {}) },
    { ...context, actor: decision.by },
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: decision.by,
    action: 'cancelled',
    changes: changed,
    note: `${cancellation.id} asked by ${cancellation.requestedBy}, approved by ${decision.by}: ${cancellation.reason}${
      credit ? ` (deposit ${credit.amount} ${credit.currency} owed back to the customer as a credit)` : ''
    }`,
  };
  return { order: cancelled, cancellation: approved, credit, event, history };
}

/** R16 (and R13's rule of writing): a refused cancellation carries the decider's reason; the order is unchanged. */
export function refuseCancellation(
  order: Order,
  cancellation: CancellationRequest,
  decision: { by: string; at: string; reason: string },
  parties: OrderParties,
  context: EventContext,
) {
  refuseUnlessWaiting(cancellation);
  const refused = at(cancellation, 'refused', context.now, {
    decidedBy: decision.by,
    decidedAt: decision.at,
    decisionReason: decision.reason,
  });
  return endedWith(order, refused, 'CancellationRefused', decision.by, parties, context);
}

/** Nobody decided, even after the reminder and the escalation: the request lapses and the order stays as it is. */
export function lapseCancellation(
  order: Order,
  cancellation: CancellationRequest,
  parties: OrderParties,
  context: EventContext,
) {
  refuseUnlessWaiting(cancellation);
  const lapsed = at(cancellation, 'lapsed', context.now, {
    decisionReason: 'nobody decided in time, even after the reminder and the escalation',
  });
  return endedWith(order, lapsed, 'CancellationLapsed', context.actor, parties, context);
}

function endedWith(
  order: Order,
  cancellation: CancellationRequest,
  type: CancellationEnded['type'],
  actor: string,
  parties: OrderParties,
  context: EventContext,
) {
  const event: CancellationEnded = domainEvent(
    type,
    { kind: 'order', id: order.id },
    { order, cancellation, parties },
    { ...context, actor },
  );
  const history: HistoryEntry = {
    at: context.now,
    actor,
    action: `cancellation ${cancellation.status}`,
    note: `${cancellation.id}: ${cancellation.decisionReason ?? ''}`,
  };
  return { cancellation, event, history };
}
