import type { Complaint } from '../schemas/complaint.ts';
import type { DeliveryLine, OrderDelivery, ProductionFinishedReport } from '../schemas/delivery.ts';
import type { Delivery, HistoryEntry, Order, OrderLine } from '../schemas/order.ts';
import { Conflict, type FieldIssue, NotFound, ValidationFailed } from './errors.ts';
import { domainEvent, type EventContext, type EventOf, edited, fieldChanges } from './events.ts';
import { lineAmount, sumAmounts } from './order-amounts.ts';
import { next } from './order-intake.ts';
import { paidInFull } from './payment.ts';

/**
 * F3: how an order moves from production to closed — what production finished, what shipped, what the customer
 * signed for — and the status that follows from it. Pure: the handlers and the shipping workflow read and write.
 */

export type DeliveryFinished = EventOf<'DeliveryFinished'>;

type Status = Order['status'];

/** The statuses production and shipping move an order through; intake's end (in production) first. */
const fulfilment: readonly Status[] = [
  'in_production',
  'finished',
  'ready_to_ship',
  'partly_shipped',
  'shipped',
  'delivered',
  'closed',
];

export const inFulfilment = (status: Status) => fulfilment.includes(status);

/** R24: the deliveries an order ships in: as it was split, or the whole order in one. */
export function plannedDeliveries(order: Pick<Order, 'lines' | 'deliveries' | 'requestedDate'>): Delivery[] {
  if (order.deliveries?.length) return order.deliveries;
  return [
    {
      delivery: 1,
      requestedDate: order.requestedDate,
      lines: order.lines.map((line) => ({ line: line.line, quantity: line.quantity })),
    },
  ];
}

const count = (line: OrderLine, field: 'finished' | 'shipped' | 'delivered') => line[field] ?? 0;

/**
 * Where an order in production or shipping stands, from its lines: everything delivered (and paid: closed), shipped
 * (all or part), finished (and nothing left to pay before it ships — paid in full, or a customer on monthly
 * settlement, F7 — ready to ship), else still in production. R9: money decides only the last steps.
 */
export function fulfilmentStatus(order: Order, { monthly }: { monthly: boolean }): Status {
  const all = (field: 'finished' | 'shipped' | 'delivered') => order.lines.every((l) => count(l, field) >= l.quantity);
  if (all('delivered')) return paidInFull(order) ? 'closed' : 'delivered';
  if (all('shipped')) return 'shipped';
  if (order.lines.some((l) => count(l, 'shipped') > 0)) return 'partly_shipped';
  if (all('finished')) return monthly || paidInFull(order) ? 'ready_to_ship' : 'finished';
  return 'in_production';
}

/**
 * R9, F7: the customer's settlement as the order suggests it before the customer is read — no deposit due when it was
 * placed: monthly. A write that relies on it checks it (the customer's terms may have changed since).
 */
export const seemsMonthly = (order: Pick<Order, 'totals'>) => order.totals.depositDue === 0;

/** The order with its status moved to where its lines say, recorded (R15); nothing when it stays. */
export function settleStatus(order: Order, monthly: boolean, context: EventContext) {
  if (!inFulfilment(order.status)) return undefined;
  const status = fulfilmentStatus(order, { monthly });
  if (status === order.status) return undefined;
  if (!next[order.status].includes(status)) {
    throw new Conflict(`Order ${order.number} is ${order.status}; it cannot become ${status}.`);
  }
  const changes = fieldChanges(order, { status });
  return { order: edited(order, changes, context.now, context.actor), changes };
}

/** The value of some quantities of the order's lines at the order's prices. */
export function linesValue(
  order: Pick<Order, 'lines' | 'currency'>,
  quantities: readonly { line: number; quantity: number }[],
) {
  return sumAmounts(
    quantities.map(({ line, quantity }) => {
      const price = order.lines.find((l) => l.line === line)?.unitPrice ?? 0;
      return lineAmount(quantity, price, order.currency);
    }),
    order.currency,
  );
}

/** What the lines of an order say of one delivery: product and name beside each quantity. */
export function deliveryLines(order: Pick<Order, 'lines'>, delivery: Delivery): DeliveryLine[] {
  return delivery.lines.map(({ line, quantity }) => {
    const ordered = order.lines.find((l) => l.line === line);
    return {
      line,
      productCode: ordered?.productCode ?? '',
      name: ordered?.productName ?? ordered?.description ?? '',
      quantity,
    };
  });
}

/** Finished quantities a report adds, per line, with every problem of it named. */
function reportedQuantities(order: Order, report: ProductionFinishedReport, planned: Delivery[]) {
  if (report.delivery !== undefined) {
    const delivery = planned.find((d) => d.delivery === report.delivery);
    if (!delivery) {
      throw new ValidationFailed([
        { field: 'delivery', message: `is not a delivery of order ${order.number} (it has ${planned.length})` },
      ]);
    }
    return delivery.lines;
  }
  const issues: FieldIssue[] = [];
  const lines = report.lines ?? [];
  lines.forEach(({ line, quantity }, i) => {
    const ordered = order.lines.find((l) => l.line === line);
    if (!ordered) issues.push({ field: `lines.${i}.line`, message: `is not a line of order ${order.number}` });
    else if (lines.findIndex((l) => l.line === line) < i) {
      issues.push({ field: `lines.${i}.line`, message: `line ${line} is given twice` });
    } else if (count(ordered, 'finished') + quantity > ordered.quantity) {
      issues.push({
        field: `lines.${i}.quantity`,
        message: `is more than the ${ordered.quantity - count(ordered, 'finished')} of line ${line} still to finish (${count(ordered, 'finished')} of ${ordered.quantity} finished)`,
      });
    }
  });
  if (issues.length) throw new ValidationFailed(issues);
  return lines;
}

/**
 * R24: the deliveries a report finishes: those not finished before, in their order, each once what production has
 * finished of its lines — less what the deliveries finished before it take — covers it.
 */
function nowFinished(order: Order, planned: Delivery[], finishedBefore: readonly number[], named?: number) {
  const left = new Map(order.lines.map((l) => [l.line, count(l, 'finished')]));
  const take = (delivery: Delivery) => {
    for (const { line, quantity } of delivery.lines) left.set(line, (left.get(line) ?? 0) - quantity);
  };
  for (const delivery of planned) if (finishedBefore.includes(delivery.delivery)) take(delivery);
  const finished: Delivery[] = [];
  const candidates = planned.filter((d) => !finishedBefore.includes(d.delivery));
  for (const delivery of named === undefined ? candidates : candidates.filter((d) => d.delivery === named)) {
    if (!delivery.lines.every(({ line, quantity }) => (left.get(line) ?? 0) >= quantity)) continue;
    take(delivery);
    finished.push(delivery);
  }
  return finished;
}

/**
 * F3: production reports lines of an order finished (quantities added to what it reported before), or one delivery
 * finished whole. Each delivery it completes comes into being and starts its shipping workflow (DeliveryFinished);
 * a line finished has started (R12: it no longer changes). Reporting a finished delivery again changes nothing.
 */
export function finishProduction(
  order: Order,
  report: ProductionFinishedReport,
  facts: { finishedBefore: readonly number[]; monthly: boolean },
  context: EventContext,
) {
  if (!['in_production', 'finished', 'ready_to_ship', 'partly_shipped'].includes(order.status)) {
    throw new Conflict(`Order ${order.number} is ${order.status}; production reports only orders released to it.`);
  }
  const planned = plannedDeliveries(order);
  if (report.delivery !== undefined && facts.finishedBefore.includes(report.delivery)) return undefined;
  const added = reportedQuantities(order, report, planned);
  const lines = order.lines.map((line) => {
    const more = added.find((a) => a.line === line.line)?.quantity ?? 0;
    if (more === 0) return line;
    const finished = Math.min(line.quantity, count(line, 'finished') + more);
    return { ...line, finished, productionStartedAt: line.productionStartedAt ?? context.now };
  });
  const withLines = { ...order, lines };
  const deliveries = nowFinished(withLines, planned, facts.finishedBefore, report.delivery);
  const status = inFulfilment(order.status) ? fulfilmentStatus(withLines, { monthly: facts.monthly }) : order.status;
  const changes = fieldChanges(order, { lines, status });
  if (changes.length === 0 && deliveries.length === 0) return undefined;
  const finished = edited(order, changes, context.now, context.actor);
  const records = deliveries.map((delivery) =>
    readyToShip(order, { ...delivery, lines: deliveryLines(order, delivery) }, context),
  );
  const events = records.map((record) => deliveryFinished(finished, record, context));
  const what = added.map(({ line, quantity }) => `line ${line}: ${quantity}`).join(', ');
  const history: HistoryEntry = {
    at: context.now,
    actor: context.actor,
    action: 'production finished',
    changes,
    note: `${what}${records.length ? `; delivery ${records.map((r) => r.delivery).join(', ')} ready for shipping (F3)` : ''}`,
  };
  return { order: finished, deliveries: records, events, history };
}

/** A delivery of the order ready for shipping (F3): finished in production, or a replacement from stock (R27). */
function readyToShip(
  order: Order,
  delivery: Pick<OrderDelivery, 'delivery' | 'lines' | 'requestedDate' | 'replacementFor'>,
  context: EventContext,
): OrderDelivery {
  return {
    orderId: order.id,
    orderNumber: order.number,
    customerId: order.customerId,
    ...delivery,
    status: 'finished',
    finishedAt: context.now,
    picking: [],
    tracking: [],
    version: 1,
    createdAt: context.now,
    updatedAt: context.now,
  };
}

/** The event that starts a delivery's own shipping workflow. */
const deliveryFinished = (order: Order, record: OrderDelivery, context: EventContext) =>
  domainEvent(
    'DeliveryFinished',
    { kind: 'order', id: order.id },
    { order, delivery: record.delivery, executionId: deliveryExecutionId(order.id, record.delivery) },
    context,
  );

/**
 * R27: the replacement (补发) a complaint's reply settled on: the lines and quantities complained of, as the order's
 * next delivery (after every delivery planned or made), ready to ship from stock today through F3 — not charged and
 * not counted in the order's quantities (`replacementFor`; decisions/complaints.md). The order itself is not changed,
 * whatever its status (it may be delivered or closed already): its history records the replacement.
 */
export function replacementDelivery(
  order: Order,
  complaint: Pick<Complaint, 'id' | 'number' | 'lines'>,
  facts: { madeBefore: readonly number[]; today: string },
  context: EventContext,
) {
  const number = Math.max(0, ...plannedDeliveries(order).map((d) => d.delivery), ...facts.madeBefore) + 1;
  if (number > maxDeliveries) {
    throw new Conflict(`Order ${order.number} has ${number - 1} deliveries: no further one can be made.`);
  }
  const delivery = readyToShip(
    order,
    {
      delivery: number,
      lines: complaint.lines.map(({ line, productCode, name, quantity }) => ({ line, productCode, name, quantity })),
      requestedDate: facts.today,
      replacementFor: { complaintId: complaint.id, complaintNumber: complaint.number },
    },
    context,
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: context.actor,
    action: 'replacement delivery',
    note: `R27: delivery ${number} replaces what complaint ${complaint.number} names (${delivery.lines.map((l) => `line ${l.line} × ${l.quantity}`).join(', ')}), not charged`,
  };
  return { delivery, event: deliveryFinished(order, delivery, context), history };
}

/** R24: an order ships in at most this many deliveries (the delivery's number has two digits). */
const maxDeliveries = 99;

/** One shipping execution per delivery of an order. */
export const deliveryExecutionId = (orderId: string, delivery: number) => `${orderId}-${delivery}`;

/** The delivery of an order, read by its number, or a 404 naming it. */
export function deliveryOf(deliveries: readonly OrderDelivery[], order: Pick<Order, 'number'>, n: number) {
  const found = deliveries.find((d) => d.delivery === n);
  if (!found) throw new NotFound(`Order ${order.number} has no delivery ${n} finished in production.`);
  return found;
}
