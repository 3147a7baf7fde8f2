import type { Complaint, ComplaintSummary, NewComplaint } from '../schemas/complaint.ts';
import type { NewDeliveryReceipt, OrderDelivery } from '../schemas/delivery.ts';
import type { Order } from '../schemas/order.ts';
import { Conflict, type FieldIssue, ValidationFailed } from './errors.ts';
import { addDays, daysBetween } from './lead-time.ts';

/**
 * F4: a complaint about goods a customer received, as it is registered (R25, R29). Pure: the route reads the order,
 * the delivery and who owns the account, numbers it, and writes what this returns.
 */

/** R29 (doc 003's register): the customer has the written reply within this many days; later, it is overdue. */
export const replyWithinDays = 7;

/** What has left the factory: a complaint is about goods that shipped. */
export const shippedStatuses: readonly OrderDelivery['status'][] = ['shipped', 'in_transit', 'arrived', 'delivered'];

/** What each line of the delivery carried: the stock-prep form's quantities once there is one (R17), else as planned. */
function shippedLines(delivery: OrderDelivery) {
  return delivery.stockPrepForm
    ? delivery.stockPrepForm.lines.map(({ line, productCode, name, quantity }) => ({
        line,
        productCode,
        name,
        quantity,
      }))
    : delivery.lines;
}

/** R28: the weight the customer received against the gross weight shipped (kg, to the gram). */
export function weightCheck(shipped: number | undefined, received: number) {
  if (shipped === undefined) return { received };
  return { shipped, received, difference: Math.round((shipped - received) * 1000) / 1000 };
}

export type ComplaintFacts = {
  id: string;
  number: string;
  order: Order;
  delivery: OrderDelivery;
  /** R29: the account's merchandiser, who follows the complaint. */
  owner: string;
  /** The company's today. */
  today: string;
  /** R23 → F4: the receipt signed damaged or short that opened it, when it was not registered by hand. */
  openedBy?: Complaint['openedBy'];
};

/**
 * R25, R29: the complaint registered against one shipped delivery of the customer's order: every line it names is a
 * line of that delivery, named once, never more than shipped. A short shipment without the weight received waits for
 * it (R28); the reply is due `replyWithinDays` on.
 */
export function registerComplaint(
  input: NewComplaint,
  { id, number, order, delivery, owner, today, openedBy }: ComplaintFacts,
  context: { now: string; actor: string },
): Complaint {
  if (input.customerId !== undefined && input.customerId !== order.customerId) {
    throw new ValidationFailed([{ field: 'customerId', message: `is not the customer of order ${order.number}` }]);
  }
  if (!shippedStatuses.includes(delivery.status)) {
    throw new Conflict(
      `Delivery ${delivery.delivery} of order ${order.number} has not shipped: a complaint is about goods received.`,
    );
  }
  const shipped = shippedLines(delivery);
  const issues: FieldIssue[] = [];
  const lines = input.lines.flatMap((line, i) => {
    const carried = shipped.find((l) => l.line === line.line);
    if (!carried) {
      issues.push({ field: `lines.${i}.line`, message: `is not a line of delivery ${delivery.delivery}` });
      return [];
    }
    if (input.lines.findIndex((l) => l.line === line.line) !== i) {
      issues.push({ field: `lines.${i}.line`, message: 'is named twice' });
    }
    if (line.quantity > carried.quantity) {
      issues.push({ field: `lines.${i}.quantity`, message: `is more than the ${carried.quantity} shipped` });
    }
    return [{ ...line, productCode: carried.productCode, name: carried.name, shipped: carried.quantity }];
  });
  if (issues.length) throw new ValidationFailed(issues);

  const weighed = input.kind === 'short_shipment' && input.receivedWeight !== undefined;
  // R28: a short shipment keeps the weight its delivery shipped at, to weigh what arrives against it later.
  const shippedWeight = input.kind === 'short_shipment' ? delivery.shipment?.grossWeight : undefined;
  const { customerId: _, receivedWeight, lines: __, ...said } = input;
  return {
    ...said,
    id,
    number,
    customerId: order.customerId,
    orderId: order.id,
    orderNumber: order.number,
    ...(delivery.deliveryNote ? { deliveryNote: delivery.deliveryNote } : {}),
    lines,
    ...(shippedWeight === undefined ? {} : { shippedWeight }),
    ...(weighed ? { weight: weightCheck(shippedWeight, receivedWeight as number) } : {}),
    status: input.kind === 'short_shipment' && !weighed ? 'awaiting_weight' : 'registered',
    ...(openedBy ? { openedBy } : {}),
    owner,
    dueOn: addDays(today, replyWithinDays),
    registeredBy: context.actor,
    registeredAt: context.now,
    version: 1,
    updatedAt: context.now,
  };
}

/** What a complaint's events carry of it: its lines by code and quantity. */
export const complaintSummary = (complaint: Complaint): ComplaintSummary => ({
  ...complaint,
  lines: complaint.lines.map(({ line, productCode, quantity }) => ({ line, productCode, quantity })),
});

/** A complaint moved on: its changes, a new version, when. */
export const complaintMoved = (complaint: Complaint, changes: Partial<Complaint>, now: string): Complaint => ({
  ...complaint,
  ...changes,
  version: complaint.version + 1,
  updatedAt: now,
});

/** R29: a complaint not answered by its due date is overdue (reminded, then escalated to the leader). */
export const isOverdue = (complaint: Pick<Complaint, 'status' | 'dueOn'>, today: string) =>
  !['answered', 'closed'].includes(complaint.status) && today > complaint.dueOn;

/** R29: the statuses of a complaint still waiting for its written reply (the overdue check reads each). */
export const openComplaintStatuses = [
  'registered',
  'awaiting_weight',
  'report',
  'leader_review',
  'qa_analysis',
  'reply',
] as const satisfies readonly Complaint['status'][];

/**
 * R29: the daily check of an overdue complaint: its owner reminded and the leader told, at most once a day — the
 * complaint remembers the day (`overdueNoticedOn`), so a second run of the same day finds nothing to say (undefined).
 */
export function overdueNotice(complaint: Complaint, today: string, now: string) {
  if (!isOverdue(complaint, today) || complaint.overdueNoticedOn === today) return undefined;
  return {
    complaint: complaintMoved(complaint, { overdueNoticedOn: today }, now),
    daysOverdue: daysBetween(complaint.dueOn, today),
  };
}

/**
 * R23 → F4: the complaint a receipt signed damaged or short opens of itself — a damage or a short shipment of every
 * line the delivery carried, at what it carried (the receipt names no lines), described by the receipt's note, asking
 * for an explanation (the reply settles on the resolution, R27), with whoever signed as the contact. None for a
 * receipt of goods complete.
 */
export function complaintOfReceipt(delivery: OrderDelivery, receipt: NewDeliveryReceipt): NewComplaint | undefined {
  if (receipt.condition === 'complete') return undefined;
  return {
    orderId: delivery.orderId,
    delivery: delivery.delivery,
    kind: receipt.condition === 'damaged' ? 'damage' : 'short_shipment',
    lines: shippedLines(delivery).map(({ line, quantity }) => ({ line, quantity })),
    description: receipt.note ?? receipt.condition,
    demand: 'explanation',
    contact: { name: receipt.signedBy },
  };
}

/** R23 → F4: what a complaint opened by a receipt records of it. */
export const openedByReceipt = (receipt: NewDeliveryReceipt): Complaint['openedBy'] =>
  receipt.condition === 'complete'
    ? undefined
    : { receipt: { condition: receipt.condition, signedBy: receipt.signedBy, signedOn: receipt.signedOn } };

/**
 * R28: the weight the customer received, given after registering (the acknowledgement asked for it): compared with
 * the gross weight shipped. Only a short shipment is weighed, and only until it is answered; the same weight again
 * changes nothing (undefined).
 */
export function weighed(complaint: Complaint, received: number, now: string): Complaint | undefined {
  if (complaint.kind !== 'short_shipment') {
    throw new ValidationFailed([{ field: 'receivedWeight', message: 'is asked only of a short shipment' }]);
  }
  if (['answered', 'closed'].includes(complaint.status)) {
    throw new Conflict(`Complaint ${complaint.number} is answered already.`);
  }
  if (complaint.weight?.received === received) return undefined;
  return complaintMoved(
    complaint,
    {
      weight: weightCheck(complaint.shippedWeight, received),
      ...(complaint.status === 'awaiting_weight' ? { status: 'registered' as const } : {}),
    },
    now,
  );
}
