import { type Order, OrderStatus } from '../schemas/order.ts';
import { ended } from './order-intake.ts';

type Status = Order['status'];
type Closable = { number: string; status: Status; mergedInto?: string | undefined };

/**
 * R16: an order of which anything has shipped is no longer cancelled; R11: one shipped in full no longer changes
 * (a partly shipped one still may, in what has not shipped: the shipped lines were started, which R12 holds).
 */
const shippedStatuses: Record<OrderRequestPurpose, readonly Status[]> = {
  cancel: ['partly_shipped', 'shipped', 'delivered', 'closed'],
  change: ['shipped', 'delivered', 'closed'],
};

export const shipped = (order: Pick<Closable, 'status'>, purpose: OrderRequestPurpose = 'cancel') =>
  shippedStatuses[purpose].includes(order.status);

/** What the customer asks of an order that may have ended: R16's cancellation, R11's change. */
export type OrderRequestPurpose = 'cancel' | 'change';

const say: Record<OrderRequestPurpose, { merged: string; ended: string; shipped: string }> = {
  cancel: {
    merged: 'cancel that order instead',
    ended: 'there is nothing left to cancel',
    shipped: 'it can no longer be cancelled (R16)',
  },
  change: {
    merged: 'ask for the change on that order instead',
    ended: 'it can no longer change',
    shipped: 'it can no longer change (R11, R12)',
  },
};

/**
 * Why an order takes no more requests of this kind — merged (pointing to the order it went into), ended (rejected,
 * cancelled) or shipped — or undefined when it still may. Cancellation and change ask the same question, so the
 * customer reads the same reason whichever they asked for.
 */
export function whyClosedTo(purpose: OrderRequestPurpose, order: Closable) {
  const words = say[purpose];
  if (order.status === 'merged') {
    return `Order ${order.number} was merged into ${order.mergedInto ?? 'another order'}; ${words.merged}.`;
  }
  if (ended(order)) return `Order ${order.number} is ${order.status}; ${words.ended}.`;
  if (shipped(order, purpose)) return `Order ${order.number} has shipped; ${words.shipped}.`;
  return undefined;
}

/**
 * The statuses `whyClosedTo` lets through, narrowed by `also`: what the write checks again in its own transaction, so
 * an order that ended between the read and the write (a merge, a cancellation approved meanwhile) is refused too.
 */
export function statusesOpenTo(purpose: OrderRequestPurpose, also: (status: Status) => boolean = () => true) {
  return OrderStatus.options.filter(
    (status) => whyClosedTo(purpose, { number: '', status }) === undefined && also(status),
  );
}
