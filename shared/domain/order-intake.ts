import type { OrderParties } from '../schemas/events.ts';
import type { HistoryEntry, Order } from '../schemas/order.ts';
import { Conflict } from './errors.ts';
import { domainEvent, type EventContext, type EventOf, edited, fieldChanges } from './events.ts';
import { leadTimeStart, recomputePromisedDate } from './lead-time.ts';

/** Who an order's e-mails go to: a snapshot of its customer, carried by the order's events. */
export type { OrderParties };

export type OrderMoved = EventOf<
  | 'OrderRejected'
  | 'OrderAdvanced'
  | 'OrderAcknowledged'
  | 'OrderDepositRecorded'
  | 'OrderReleased'
  | 'OrderIntakeLapsed'
>;

/** R5: PMC has not promised a date in time (the workflow then reminds PMC). */
export type OrderPromiseLate = EventOf<'OrderPromiseLate'>;

/** R9: a deposit customer's deposit has not arrived in time (the workflow waits for it once more). */
export type OrderDepositLate = EventOf<'OrderDepositLate'>;

type Status = Order['status'];

/**
 * The statuses an order may move to from each status: F1's steps, F3's, plus R16 (an approved cancellation ends any
 * order not yet shipped) and R24 (an order merged into another before production ends).
 */
export const next: Record<Status, readonly Status[]> = {
  in_review: ['planning', 'rejected', 'cancelled'],
  planning: ['awaiting_promise', 'rejected', 'cancelled'],
  awaiting_promise: ['acknowledged', 'awaiting_deposit', 'rejected', 'cancelled'],
  awaiting_deposit: ['acknowledged', 'cancelled', 'merged'],
  acknowledged: ['in_production', 'cancelled', 'merged'],
  // F3: production and shipping move the order on as they go (shared/domain/fulfilment.ts says where it stands).
  in_production: ['finished', 'ready_to_ship', 'partly_shipped', 'cancelled', 'merged'],
  finished: ['ready_to_ship', 'partly_shipped', 'shipped', 'cancelled'],
  ready_to_ship: ['partly_shipped', 'shipped', 'cancelled'],
  partly_shipped: ['shipped', 'delivered'],
  shipped: ['partly_shipped', 'delivered'],
  delivered: ['closed'],
  closed: [],
  rejected: [],
  cancelled: [],
  merged: [],
};

/** Whether an order has ended (rejected, cancelled, merged or closed): nothing may change it any more. */
export const ended = (order: Pick<Order, 'status'>) => next[order.status].length === 0;

type Move = {
  type: OrderMoved['type'];
  to: Status;
  action: string;
  changes?: Partial<Order>;
  reasons?: string;
  /** A step that changes no field but is recorded all the same (a lapse). */
  note?: string;
};

/**
 * One step of intake: the order moves to its next status with the step's changes, recorded in its history with
 * before and after (R15). A step repeated (a retried workflow task) changes nothing.
 */
export function moveOrder(order: Order, move: Move, parties: OrderParties, context: EventContext) {
  const changed = fieldChanges(order, { ...move.changes, status: move.to });
  if (changed.length === 0 && !move.note) return undefined;
  if (order.status !== move.to && !next[order.status].includes(move.to)) {
    throw new Conflict(`Order ${order.number} is ${order.status}; it cannot become ${move.to}.`);
  }
  const moved = edited(order, changed, context.now, context.actor);
  const event: OrderMoved = domainEvent(
    move.type,
    { kind: 'order', id: order.id },
    { order: moved, parties, ...(move.reasons ? { reasons: move.reasons } : {}) },
    context,
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: context.actor,
    action: move.action,
    changes: changed,
    ...(move.reasons || move.note ? { note: move.reasons ?? move.note } : {}),
  };
  return { order: moved, event, history };
}

/** R5, R6, R8: PMC's promised date, counted from the latest of confirmation and deposit; deposit customers wait. */
export function promised(promisedDate: string, confirmedOn: string, depositRequired: boolean): Move {
  return {
    type: 'OrderAcknowledged',
    to: depositRequired ? 'awaiting_deposit' : 'acknowledged',
    action: 'promised',
    changes: { promisedDate, promiseBasis: leadTimeStart({ confirmedOn }) ?? confirmedOn },
  };
}

/**
 * R8, R9: the payments against the order reached its deposit (on `receivedOn`, the day of the payment that completed
 * it): the order is confirmed, and a later start of the lead time moves the promised date by as many days.
 */
export function depositRecorded(order: Order, receivedOn: string): Move {
  const start = leadTimeStart({ confirmedOn: order.promiseBasis, depositReceivedOn: receivedOn });
  const promisedDate =
    order.promisedDate && order.promiseBasis && start
      ? recomputePromisedDate({ promisedDate: order.promisedDate, promisedOn: order.promiseBasis, newStart: start })
      : order.promisedDate;
  return {
    type: 'OrderDepositRecorded',
    to: 'acknowledged',
    action: 'confirmed with its deposit',
    changes: { depositReceivedOn: receivedOn, ...(promisedDate ? { promisedDate } : {}), promiseBasis: start },
  };
}

/** F1 step 6: released to production (R9: deposit customers only once the deposit is in). */
export const released: Move = { type: 'OrderReleased', to: 'in_production', action: 'released to production' };

/** F1 step 2: accepted by the merchandiser (R2), or by planning (R4), the order moves on. */
export const accepted = (to: 'planning' | 'awaiting_promise', by: string, comment?: string): Move => ({
  type: 'OrderAdvanced',
  to,
  action: to === 'planning' ? 'accepted in initial review' : 'approved in planner review',
  ...(comment ? { reasons: `${by}: ${comment}` } : {}),
});

/** R2, R13: a rejection always carries its reasons in writing. */
export const rejected = (reasons: string): Move => ({
  type: 'OrderRejected',
  to: 'rejected',
  action: 'rejected',
  reasons,
});

/** Nobody answered a step, even after its escalation: the order stays where it is, and its history says so. */
export const lapsed = (order: Order): Move => ({
  type: 'OrderIntakeLapsed',
  to: order.status,
  action: 'intake lapsed',
  note: `nobody answered while the order was ${order.status}`,
});
