import type { Language } from '../schemas/common.ts';
import type { Complaint } from '../schemas/complaint.ts';
import type { OrderDelivery } from '../schemas/delivery.ts';
import type { DocumentSignature, ReturnHandling, ReturnNote } from '../schemas/documents.ts';
import type { Order } from '../schemas/order.ts';
import {
  type NewReturnApplication,
  type ReturnApplication,
  type ReturnShipment,
  ReturnSummary,
} from '../schemas/return.ts';
import { companyTimeZone } from './company.ts';
import { shippedStatuses } from './complaint.ts';
import { Conflict, type FieldIssue, ValidationFailed } from './errors.ts';
import { calendarDateIn } from './lead-time.ts';
import { creditedLines, type ReturnedLine, returnNoteFor } from './return-note.ts';

/**
 * F5: a return application (退货申请) from filing to credit (R30–R36). Pure: the route and the workflow's worker read
 * the order, the delivery and what was returned of it before, and write what this returns.
 */

/**
 * R30: what has gone back of each line of one delivery, over every application not refused: one record per delivery,
 * versioned, so two applications for the same lines cannot both take the same goods.
 */
export type ReturnedQuantities = { orderId: string; delivery: number; lines: Record<string, number>; version: number };

export const nothingReturned = (orderId: string, delivery: number): ReturnedQuantities => ({
  orderId,
  delivery,
  lines: {},
  version: 0,
});

export type ApplicationFacts = {
  id: string;
  number: string;
  order: Order;
  delivery: OrderDelivery;
  returned: ReturnedQuantities;
  /** R31: the complaint the application names, if it does. */
  complaint?: Complaint;
  /** The account's merchandiser, who follows the return. */
  owner: string;
};

const adjusted = (ledger: ReturnedQuantities, lines: readonly { line: number; quantity: number }[], sign: 1 | -1) => {
  const next = { ...ledger.lines };
  for (const { line, quantity } of lines) next[line] = Math.max(0, (next[line] ?? 0) + sign * quantity);
  return { ...ledger, lines: next };
};

/**
 * R30: the application against one shipped delivery of the customer's order: each line it names is a line of that
 * delivery, named once, never more than was delivered less what earlier applications took back. Returns the
 * application and the delivery's returned quantities with it.
 */
export function applyForReturn(
  input: NewReturnApplication,
  { id, number, order, delivery, returned, complaint, owner }: ApplicationFacts,
  context: { now: string; actor: string },
): { application: ReturnApplication; returned: ReturnedQuantities } {
  if (input.customerId !== undefined && input.customerId !== order.customerId) {
    throw new ValidationFailed([{ field: 'customerId', message: `is not the customer of order ${order.number}` }]);
  }
  if (complaint && (complaint.orderId !== order.id || complaint.delivery !== delivery.delivery)) {
    throw new ValidationFailed([
      { field: 'complaintId', message: `is not a complaint about delivery ${delivery.delivery} of ${order.number}` },
    ]);
  }
  const form = delivery.stockPrepForm;
  if (!shippedStatuses.includes(delivery.status) || !form) {
    throw new Conflict(
      `Delivery ${delivery.delivery} of order ${order.number} has not shipped: only goods received can be returned.`,
    );
  }
  const issues: FieldIssue[] = [];
  const lines = input.lines.flatMap((line, i) => {
    const sold = form.lines.find((l) => l.line === line.line);
    if (!sold) {
      issues.push({ field: `lines.${i}.line`, message: `is not a line of delivery ${delivery.delivery}` });
      return [];
    }
    if (input.lines.findIndex((l) => l.line === line.line) !== i) {
      issues.push({ field: `lines.${i}.line`, message: 'is named twice' });
    }
    const before = returned.lines[line.line] ?? 0;
    const left = sold.quantity - before;
    if (line.quantity > left) {
      issues.push({
        field: `lines.${i}.quantity`,
        message: before
          ? `is more than the ${left} left: ${sold.quantity} delivered, ${before} returned or applied for already`
          : `is more than the ${sold.quantity} delivered`,
      });
    }
    const { productCode, name, unit, unitPrice } = sold;
    return [{ ...line, productCode, name, unit, unitPrice, delivered: sold.quantity }];
  });
  if (issues.length) throw new ValidationFailed(issues);

  const { customerId: _, complaintId: __, lines: ___, attachments = [], ...said } = input;
  const application: ReturnApplication = {
    ...said,
    id,
    number,
    customerId: order.customerId,
    orderId: order.id,
    orderNumber: order.number,
    delivery: delivery.delivery,
    ...(delivery.deliveryNote ? { deliveryNote: delivery.deliveryNote } : {}),
    currency: order.currency,
    lines,
    attachments,
    ...(complaint ? { complaint: { id: complaint.id, number: complaint.number } } : {}),
    status: 'applied',
    owner,
    appliedBy: context.actor,
    appliedAt: context.now,
    version: 1,
    updatedAt: context.now,
  };
  return { application, returned: adjusted(returned, lines, 1) };
}

/** The quantities an application held, given back: refused, or received short (R34). */
export const released = (ledger: ReturnedQuantities, lines: readonly { line: number; quantity: number }[]) =>
  adjusted(ledger, lines, -1);

/** An application moved on: its changes, a new version, when. */
export const returnMoved = (
  application: ReturnApplication,
  changes: Partial<ReturnApplication>,
  now: string,
): ReturnApplication => ({ ...application, ...changes, version: application.version + 1, updatedAt: now });

export type ReturnAnalysisValues = {
  causedBy: 'company' | 'customer';
  cause: string;
  productionFault: 'yes' | 'no';
  handling: ReturnHandling;
  complaintNumber?: string;
};

/**
 * R31: what an analysis lacks, if anything: a production fault is the company's, and is backed by a complaint
 * report (F4) about the same delivery — the one the application names, or the one the analysis names.
 */
export function analysisProblem(values: ReturnAnalysisValues, complaint: Complaint | undefined) {
  if (values.productionFault === 'no') return undefined;
  if (values.causedBy !== 'company') return 'a production fault is caused by the company';
  if (!complaint) return 'a production fault needs the complaint report (产品投诉处理报告) about these goods';
  if (!complaint.report) return `complaint ${complaint.number} has no report written yet`;
  return undefined;
}

/**
 * R32: where an analysed application goes: the company's fault is accepted (a leader confirms); the customer's is
 * refused unless a leader grants an exception.
 */
export const approvalRoute = (analysis: Pick<NonNullable<ReturnApplication['analysis']>, 'causedBy'>) =>
  analysis.causedBy === 'company' ? 'company' : 'customer';

/** R32: goods going back to the furnace need the general manager. */
export const needsGeneralManager = (handling: ReturnHandling) => handling === 'remelt';

/** R33: what is wrong with an announced shipment: shipped after today, lines not the return's, more than approved, none. */
export function shipmentProblems(
  application: Pick<ReturnApplication, 'lines' | 'number'>,
  shipment: Pick<ReturnShipment, 'shippedOn' | 'lines'>,
  now: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (shipment.shippedOn > calendarDateIn(new Date(now), companyTimeZone)) {
    issues.push({ field: 'shippedOn', message: 'cannot be after today' });
  }
  if (shipment.lines?.every((line) => line.quantity === 0)) {
    issues.push({ field: 'lines', message: 'hold nothing: give the quantity of at least one line' });
  }
  for (const [i, line] of (shipment.lines ?? []).entries()) {
    const applied = application.lines.find((l) => l.line === line.line);
    if (!applied) issues.push({ field: `lines.${i}.line`, message: `is not a line of return ${application.number}` });
    else if (line.quantity > applied.quantity) {
      issues.push({ field: `lines.${i}.quantity`, message: `is more than the ${applied.quantity} approved` });
    }
  }
  return issues;
}

/**
 * R33: the customer's announcement of the goods on their way: only of an approved application, once, shipped by
 * today (the company's day); the lines it lists are the application's, never more than it approved, not all none.
 */
export function announced(
  application: ReturnApplication,
  shipment: ReturnShipment,
  by: string,
  now: string,
): ReturnApplication {
  if (application.status !== 'approved') {
    throw new Conflict(
      application.shipment
        ? `Return ${application.number} was announced already (waybill ${application.shipment.waybill}).`
        : `Return ${application.number} is ${application.status}: only an approved return is shipped back.`,
    );
  }
  const issues = shipmentProblems(application, shipment, now);
  if (issues.length) throw new ValidationFailed(issues);
  return returnMoved(
    application,
    { status: 'shipped', shipment: { ...shipment, announcedBy: by, announcedAt: now } },
    now,
  );
}

/**
 * R34: the warehouse's count per line against the application: a line it does not give was received in full. Any
 * other quantity is a difference (it goes back to the merchandiser and the customer); more than applied for is
 * never taken in.
 */
export function receivedAgainst(
  application: Pick<ReturnApplication, 'lines' | 'number'>,
  counted: readonly { line: number; quantity: number }[],
) {
  const issues: FieldIssue[] = [];
  const lines = application.lines.map(({ line, quantity }) => {
    const received = counted.find((c) => c.line === line)?.quantity ?? quantity;
    if (received > quantity) {
      issues.push({ field: `lines.${line}`, message: `is more than the ${quantity} of return ${application.number}` });
    }
    return { line, expected: quantity, received };
  });
  if (issues.length) throw new ValidationFailed(issues);
  return { lines, difference: lines.some((l) => l.received !== l.expected) };
}

/** R36: what a return gives back: each line as received (R34; as applied for until counted), at the price sold. */
export function returnedLines(application: Pick<ReturnApplication, 'lines' | 'receipt'>): ReturnedLine[] {
  return application.lines.flatMap(({ line, productCode, name, unit, unitPrice, quantity, note }) => {
    const received = application.receipt?.lines.find((r) => r.line === line)?.received ?? quantity;
    return received > 0
      ? [{ line, productCode, name, unit, quantity: received, unitPrice, ...(note ? { reason: note } : {}) }]
      : [];
  });
}

/** R36: the credit a return books: its returned lines credited, and their totals. */
export const creditFor = (application: Pick<ReturnApplication, 'lines' | 'receipt' | 'currency'>) =>
  creditedLines(returnedLines(application), application.currency);

/** What the return's events carry: its entry, its lines by code and quantity (never the whole order). */
export const returnSummary = (application: ReturnApplication): ReturnSummary => ReturnSummary.parse(application);

/**
 * R36: the return note finance issues for a return: what came back (R34) at the prices it was sold at, why, and what
 * becomes of it; signed by finance as it issues it, by the warehouse and sales admin after.
 */
export function returnNote(
  application: ReturnApplication,
  customer: { code: string; name: string },
  issue: { number: string; issuedOn: string; language: Language; finance: DocumentSignature },
): ReturnNote {
  const { analysis } = application;
  if (!analysis) throw new Error(`Return ${application.number} has no analysis: no return note without one (R31).`);
  return returnNoteFor({
    number: issue.number,
    issuedOn: issue.issuedOn,
    returnNumber: application.number,
    orderNumber: application.orderNumber,
    ...(application.deliveryNote ? { deliveryNote: application.deliveryNote } : {}),
    customer,
    currency: application.currency,
    lines: returnedLines(application),
    cause: analysis.causedBy,
    handling: analysis.handling,
    signatures: { finance: issue.finance },
    language: issue.language,
  });
}
