import type { OrderRevision } from '../schemas/change-request.ts';
import { type Delivery, type HistoryEntry, maxOrderLines, type Order, type OrderReceived } from '../schemas/order.ts';
import type { PlannedDelivery } from '../schemas/order-arrangement.ts';
import { Conflict, type FieldIssue, ValidationFailed } from './errors.ts';
import {
  domainEvent,
  type EventContext,
  type EventOf,
  edited,
  type FieldChange,
  fieldChanges,
  sameValue,
} from './events.ts';
import { formatMoney, sumAmounts } from './order-amounts.ts';
import { lineDifferences, termsOf } from './order-change.ts';
import { ended } from './order-intake.ts';
import { assessTerms, type TermsContext, writtenLine } from './order-terms.ts';

/**
 * R24: an order may be split into several shipments, and orders with the same products may be merged. Pure: the
 * handlers read the orders (and the customer and products) first and write what these functions return.
 */

/** R24: the order's shipments changed (`deliveries` empty: everything ships together again). */
export type OrderSplit = EventOf<'OrderSplit'>;

/** R24: two orders became one. Each order gets one, with itself as `order`; both name the other. */
export type OrdersMerged = EventOf<'OrdersMerged'>;

export const maxDeliveries = 20;

// Split --------------------------------------------------------------------------------------------------------

/**
 * Every issue of a split at once, each naming its field: a delivery without lines, a line that is not the order's,
 * a line twice in one delivery, and every line of the order not allocated exactly its quantity.
 */
export function allocationIssues(order: Pick<Order, 'number' | 'lines'>, planned: readonly PlannedDelivery[]) {
  const issues: FieldIssue[] = [];
  const ordered = new Map(order.lines.map((line) => [line.line, line.quantity]));
  const allocated = new Map<number, number>();
  planned.forEach((delivery, d) => {
    if (delivery.lines.length === 0) {
      issues.push({ field: `deliveries.${d}.lines`, message: 'are empty: a delivery carries at least one line' });
    }
    const seen = new Set<number>();
    delivery.lines.forEach(({ line, quantity }, l) => {
      const field = `deliveries.${d}.lines.${l}.line`;
      if (!ordered.has(line)) {
        issues.push({ field, message: `is not a line of order ${order.number}` });
        return;
      }
      if (seen.has(line)) issues.push({ field, message: `appears twice in delivery ${d + 1}` });
      seen.add(line);
      allocated.set(line, (allocated.get(line) ?? 0) + quantity);
    });
  });
  for (const { line, quantity } of order.lines) {
    const sum = allocated.get(line) ?? 0;
    if (sum !== quantity) issues.push({ field: 'lines', message: `line ${line}: ${sum} of ${quantity} allocated` });
  }
  return issues;
}

/**
 * R24: the merchandiser splits the order's lines into 2–20 deliveries, numbered 1..n in the order given, each
 * line allocated exactly its quantity across them; `[]` ships everything together again. The same split again
 * changes nothing (undefined). Any order not ended may be split; shipping (F3) is not built yet, so no line has
 * shipped and no shipped quantity limits the split.
 */
export function splitOrder(order: Order, planned: readonly PlannedDelivery[], context: EventContext) {
  if (ended(order))
    throw new Conflict(`Order ${order.number} is ${order.status}; its deliveries can no longer change.`);
  if (planned.length === 1 || planned.length > maxDeliveries) {
    throw new ValidationFailed([
      {
        field: 'deliveries',
        message:
          planned.length === 1
            ? 'one delivery is no split: send 2 or more, or [] to ship everything together'
            : `are more than ${maxDeliveries}`,
      },
    ]);
  }
  const issues = planned.length ? allocationIssues(order, planned) : [];
  if (issues.length) throw new ValidationFailed(issues);
  const deliveries: Delivery[] = planned.map((delivery, i) => ({
    delivery: i + 1,
    requestedDate: delivery.requestedDate,
    lines: delivery.lines.map(({ line, quantity }) => ({ line, quantity })),
  }));
  const before = order.deliveries ?? [];
  if (sameValue(before, deliveries)) return undefined;
  const change: FieldChange = { field: 'deliveries', before, after: deliveries };
  const split = edited(order, [change], context.now, context.actor);
  if (deliveries.length === 0) delete split.deliveries;
  const event: OrderSplit = domainEvent(
    'OrderSplit',
    { kind: 'order', id: order.id },
    { order: split, deliveries },
    context,
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: context.actor,
    action: deliveries.length ? `split into ${deliveries.length} deliveries` : 'split cleared: ships together',
    changes: [change],
  };
  return { order: split, event, history };
}

// Merge --------------------------------------------------------------------------------------------------------

/** Past PMC's promise (R5) and not ended: the only statuses an order is merged in. */
const mergeable: readonly Order['status'][] = ['acknowledged', 'awaiting_deposit', 'in_production'];

const later = (a: string | undefined, b: string | undefined) => (a && b ? (a >= b ? a : b) : (a ?? b));

const refused = (message: string, reason: string) => new Conflict(message, [{ field: 'orderId', message: reason }]);

/**
 * R24: why `absorbed` cannot be merged into `surviving`, checked in this order (the first reason is given):
 * different orders; neither ended; one customer; one currency; both past PMC's promise (R5) and at the same step,
 * so that deposits and the intake still running stay coherent; no line of either in production (R12); deposits
 * received on both or on neither; the same delivery address. Open change requests and cancellations are checked
 * where the merge is written (their guard items, in the same transaction).
 */
export function assertMergeable(surviving: Order, absorbed: Order) {
  if (surviving.id === absorbed.id) {
    throw new ValidationFailed([{ field: 'orderId', message: 'is this order itself: name the order to merge in' }]);
  }
  for (const order of [surviving, absorbed]) {
    if (ended(order)) {
      throw refused(`Order ${order.number} is ${order.status}; it can no longer be merged.`, `${order.number} ended`);
    }
  }
  const pair = `Orders ${surviving.number} and ${absorbed.number}`;
  if (surviving.customerId !== absorbed.customerId) {
    throw refused(
      `${pair} are for different customers (${surviving.customerCode}, ${absorbed.customerCode}); only one customer's orders are merged (R24).`,
      'is for another customer',
    );
  }
  if (surviving.currency !== absorbed.currency) {
    throw refused(
      `${pair} are in different currencies (${surviving.currency}, ${absorbed.currency}); only orders in one currency are merged.`,
      'is in another currency',
    );
  }
  for (const order of [surviving, absorbed]) {
    if (!mergeable.includes(order.status)) {
      throw refused(
        `Order ${order.number} is still in intake (${order.status}); orders are merged once PMC has promised their dates (R5).`,
        `${order.number} is still in intake`,
      );
    }
  }
  if (surviving.status !== absorbed.status) {
    throw refused(
      `${pair} are at different steps (${surviving.status}, ${absorbed.status}); only orders at the same step are merged, so that their deposits and intake stay in step.`,
      'is at another step',
    );
  }
  const started = [surviving, absorbed].flatMap((order) =>
    order.lines
      .filter((line) => line.productionStartedAt)
      .map((line) => `${order.number} line ${line.line} (${line.productCode}, since ${line.productionStartedAt})`),
  );
  if (started.length) {
    throw refused(
      `Already in production, so it can no longer be merged (R12): ${started.join('; ')}.`,
      'has lines in production',
    );
  }
  if (Boolean(surviving.depositReceivedOn) !== Boolean(absorbed.depositReceivedOn)) {
    const [received, awaited] = surviving.depositReceivedOn ? [surviving, absorbed] : [absorbed, surviving];
    throw refused(
      `Order ${received.number} has received its deposit (R9) and ${awaited.number} has not; orders are merged only when both deposits are in or neither is.`,
      'differs in its deposit',
    );
  }
  if (!sameValue(surviving.deliveryAddress, absorbed.deliveryAddress)) {
    throw refused(
      `${pair} go to different delivery addresses; only orders that ship together are merged.`,
      'ships elsewhere',
    );
  }
}

const lineRange = (numbers: readonly number[]) =>
  numbers.length === 1 ? `line ${numbers[0]}` : `lines ${numbers[0]}–${numbers.at(-1)}`;

/** R9: what the history says about the deposits of the two orders and of the merged one. */
function depositNote(surviving: Order, absorbed: Order, merged: Order) {
  const money = (amount: number | undefined) =>
    amount === undefined ? 'unknown' : formatMoney(amount, merged.currency, 'en');
  const due = merged.totals.depositDue;
  if (!due && !surviving.totals.depositDue && !absorbed.totals.depositDue) return undefined;
  if (surviving.depositReceivedOn && absorbed.depositReceivedOn) {
    return `deposits received: ${money(surviving.totals.depositDue)} due here, recorded ${surviving.depositReceivedOn}; ${money(absorbed.totals.depositDue)} due on ${absorbed.number}, recorded ${absorbed.depositReceivedOn}; the later date is kept. Deposit due on the merged order: ${money(due)}`;
  }
  return `no deposit received yet; deposit due now ${money(due)} (was ${money(surviving.totals.depositDue)} here and ${money(absorbed.totals.depositDue)} on ${absorbed.number})`;
}

/** R9: what was paid against either order is paid against the merged one. */
function mergedLedger(surviving: Order, absorbed: Order): OrderReceived | undefined {
  if (!surviving.received && !absorbed.received) return undefined;
  const of = (order: Order) => order.received ?? { deposit: 0, balance: 0 };
  const sum = (kind: keyof OrderReceived) => sumAmounts([of(surviving)[kind], of(absorbed)[kind]], surviving.currency);
  return { deposit: sum('deposit'), balance: sum('balance') };
}

/**
 * R24: `absorbed` is merged into `surviving`. The surviving order takes the other's lines as new lines after its
 * own (numbers max+1…), each at the price agreed on its order; the whole is reviewed and totalled by the rules of
 * a new order (R2, R9: findings, amounts, deposit due); the promised date is the later of the two (with its
 * lead-time basis, R8); the requested date too; a deposit recorded on both keeps the later date, and what was paid
 * against either is paid against it (R9); a split is
 * cleared (the merchandiser splits again). It becomes its next revision (R15). The absorbed order ends `merged`,
 * pointing to the surviving one. Both histories name the other.
 */
export function mergeOrders(surviving: Order, absorbed: Order, context: EventContext & TermsContext) {
  assertMergeable(surviving, absorbed);
  const lineCount = surviving.lines.length + absorbed.lines.length;
  if (lineCount > maxOrderLines) {
    throw new Conflict(
      `${absorbed.number} and ${surviving.number} have ${lineCount} lines together, more than the ${maxOrderLines} one order may have: they cannot be merged.`,
    );
  }
  const { now, actor } = context;
  const first = Math.max(0, ...surviving.lines.map((line) => line.line)) + 1;
  const appended = absorbed.lines.map((line, i) => ({ ...writtenLine(line), line: first + i }));
  const requestedDate = later(surviving.requestedDate, absorbed.requestedDate) as string;
  const assessed = assessTerms(
    { ...surviving, requestedDate, lines: [...surviving.lines.map(writtenLine), ...appended] },
    { customer: context.customer, products: context.products },
  );
  const promiseFrom = (absorbed.promisedDate ?? '') > (surviving.promisedDate ?? '') ? absorbed : surviving;
  const depositReceivedOn = later(surviving.depositReceivedOn, absorbed.depositReceivedOn);
  const received = mergedLedger(surviving, absorbed);
  const revision = surviving.revision + 1;
  const changes: Partial<Order> = {
    lines: assessed.lines,
    findings: assessed.findings,
    totals: assessed.totals,
    requestedDate,
    ...(promiseFrom.promisedDate ? { promisedDate: promiseFrom.promisedDate } : {}),
    ...(promiseFrom.promiseBasis ? { promiseBasis: promiseFrom.promiseBasis } : {}),
    ...(depositReceivedOn ? { depositReceivedOn } : {}),
    ...(received ? { received } : {}),
    revision,
    mergedFrom: [...(surviving.mergedFrom ?? []), absorbed.id],
  };
  const changed = fieldChanges(surviving, changes);
  if (surviving.deliveries) changed.push({ field: 'deliveries', before: surviving.deliveries, after: [] });
  const merged = edited(surviving, changed, now, actor);
  delete merged.deliveries;

  const closedChanges = fieldChanges(absorbed, { status: 'merged', mergedInto: surviving.id });
  const closed = edited(absorbed, closedChanges, now, actor);

  const orderRevision: OrderRevision = {
    ...termsOf(merged),
    revision,
    at: now,
    by: actor,
    reason: `merged ${absorbed.number}`,
    differences: lineDifferences(surviving.lines, merged.lines),
  };
  const data = {
    surviving: { id: surviving.id, number: surviving.number },
    absorbed: { id: absorbed.id, number: absorbed.number },
    revision,
  };
  const survivingEvent: OrdersMerged = domainEvent(
    'OrdersMerged',
    { kind: 'order', id: surviving.id },
    { order: merged, ...data },
    context,
  );
  const absorbedEvent: OrdersMerged = domainEvent(
    'OrdersMerged',
    { kind: 'order', id: absorbed.id },
    { order: closed, ...data },
    context,
  );
  const lines = lineRange(appended.map((line) => line.line));
  const deposit = depositNote(surviving, absorbed, merged);
  const survivingHistory: HistoryEntry = {
    at: now,
    actor,
    action: `merged in ${absorbed.number}`,
    changes: changed,
    note: [
      `${absorbed.number} (${absorbed.id}) merged in as ${lines}; revision ${revision}`,
      `promised date ${merged.promisedDate ?? '—'}, the later of the two`,
      ...(deposit ? [deposit] : []),
      ...(surviving.deliveries ? ['the delivery split was cleared'] : []),
    ].join('; '),
  };
  const absorbedHistory: HistoryEntry = {
    at: now,
    actor,
    action: `merged into ${surviving.number}`,
    changes: closedChanges,
    note: `its lines continue as ${lines} of ${surviving.number} (${surviving.id}), revision ${revision}`,
  };
  return {
    surviving: merged,
    absorbed: closed,
    revision: orderRevision,
    survivingRecord: { event: survivingEvent, history: survivingHistory },
    absorbedRecord: { event: absorbedEvent, history: absorbedHistory },
  };
}
