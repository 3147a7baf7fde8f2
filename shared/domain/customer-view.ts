import { type CancellationRequest, CustomerCancellationRequest } from '../schemas/cancellation.ts';
import {
  type ChangeRequest,
  CustomerChangeRequest,
  CustomerOrderRevision,
  type OrderRevision,
} from '../schemas/change-request.ts';
import { type Complaint, CustomerComplaint } from '../schemas/complaint.ts';
import { CustomerDelivery, type OrderDelivery } from '../schemas/delivery.ts';
import { type CustomerHistoryEntry, CustomerOrder, type HistoryEntry, type Order } from '../schemas/order.ts';
import { CustomerPayment, type Payment } from '../schemas/payment.ts';
import { CustomerQuotation, type Quotation } from '../schemas/quotation.ts';
import { CustomerReturnApplication, type ReturnApplication } from '../schemas/return.ts';

/**
 * What a customer's user is shown of its own order (R42: access by role): the whitelist of CustomerOrder, so no
 * finding, note, approval, staff address or step still waiting inside the company reaches it.
 */
export const customerOrder = (order: Order): CustomerOrder => CustomerOrder.parse(order);

/** A delivery as its customer's user reads it (F3): the whitelist of CustomerDelivery. */
export const customerDelivery = (delivery: OrderDelivery): CustomerDelivery => CustomerDelivery.parse(delivery);

export const customerComplaint = (complaint: Complaint): CustomerComplaint => CustomerComplaint.parse(complaint);

/** The entry of the order's placing: recorded without field changes, and the customer's own first step. */
const shownWithoutChanges = new Set(['placed']);

const visibleFields = CustomerOrder.shape;

/** One field change as the customer sees it: only fields of its view, their values through the same whitelist. */
function visibleChange(change: NonNullable<HistoryEntry['changes']>[number]) {
  const schema = visibleFields[change.field as keyof typeof visibleFields];
  if (!schema) return [];
  const visible = (value: unknown) => {
    if (value === undefined) return {};
    const parsed = schema.safeParse(value);
    return parsed.success ? { value: parsed.data } : undefined;
  };
  const before = visible(change.before);
  const after = visible(change.after);
  // A value the view cannot show is left out whole rather than shown in part.
  if (!before || !after) return [];
  return [
    {
      field: change.field,
      ...('value' in before ? { before: before.value } : {}),
      ...('value' in after ? { after: after.value } : {}),
    },
  ];
}

/**
 * The order's history as the customer sees it: the steps that changed what it sees (status, dates, lines,
 * amounts) and its placing, each with when and what — never who in the company acted, nor their notes. Steps
 * inside the company (a reviewer's signature, a failed workflow step, an undelivered request) are left out.
 */
export function customerHistory(history: readonly HistoryEntry[]): CustomerHistoryEntry[] {
  return history.flatMap((entry) => {
    const changes = (entry.changes ?? []).flatMap(visibleChange);
    if (changes.length === 0 && !shownWithoutChanges.has(entry.action)) return [];
    return [{ at: entry.at, action: entry.action, ...(changes.length ? { changes } : {}) }];
  });
}

/**
 * A change request as the customer sees it (R11–R14): what was asked, the terms before and after with their
 * differences, the contract modification form and how it ended in writing — no review findings of the proposed
 * order, no list prices, and nobody in the company (who asked for it, assessed it or ended it).
 */
export const customerChangeRequest = (changeRequest: ChangeRequest): CustomerChangeRequest =>
  CustomerChangeRequest.parse(changeRequest);

/** A revision of the order's terms as the customer sees it (R15): the terms, when and why — not who asked or approved. */
export const customerRevision = (revision: OrderRevision): CustomerOrderRevision =>
  CustomerOrderRevision.parse(revision);

/**
 * A cancellation request as the customer sees it (R16): its reason, where it stands, the written decision and the
 * credit owed — not who asked or decided inside the company, nor whose authority (and limit) it needed.
 */
export const customerCancellationRequest = (cancellation: CancellationRequest): CustomerCancellationRequest =>
  CustomerCancellationRequest.parse(cancellation);

/** A payment as the customer sees it (R9): what it paid, when and how — not who recorded it, nor finance's notes. */
export const customerPayment = (payment: Payment): CustomerPayment => CustomerPayment.parse(payment);

/** A return application as its customer reads it: never the company's people, analysis or signatures. */
export const customerReturn = (application: ReturnApplication): CustomerReturnApplication =>
  CustomerReturnApplication.parse(application);

/** An approved quotation as its customer reads it (R37): its prices, never the list prices or who decided. */
export const customerQuotation = (quotation: Quotation): CustomerQuotation => CustomerQuotation.parse(quotation);
