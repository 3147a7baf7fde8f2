import type { Customer } from '../schemas/customer.ts';
import {
  type NewDeliveryReceipt,
  type OrderDelivery,
  type PickingRound,
  receiptNoteMissing,
  type TrackingUpdate,
} from '../schemas/delivery.ts';
import type { DeliveryNote, DocumentSignature, Shipment, StockPrepForm } from '../schemas/documents.ts';
import type { Order } from '../schemas/order.ts';
import type { Product } from '../schemas/product.ts';
import { Conflict, ValidationFailed } from './errors.ts';
import { edited, fieldChanges } from './events.ts';
import { fulfilmentStatus, inFulfilment, linesValue } from './fulfilment.ts';
import { addDays } from './lead-time.ts';
import { amountLeft, lineAmount, sumAmounts } from './order-amounts.ts';
import { paidTotal } from './payment.ts';
import { deliveryNoteTotals, stockPrepTotals } from './shipping-documents.ts';

/**
 * F3, one delivery from finished to signed for (R9, R17–R23). Pure: the shipping workflow's worker reads the order,
 * its customer and the delivery, and writes what these return.
 */

type Quantities = readonly { line: number; quantity: number }[];

/**
 * R9 and F7: what must happen before a delivery may ship. A customer on monthly settlement ships on credit, up to its
 * limit (what it owes now plus this delivery); beyond it the sales manager decides. Any other customer pays first:
 * everything shipped so far and this delivery (for an order in one delivery: the whole order) — the balance asked for.
 */
export type PaymentGate =
  | { gate: 'clear' }
  | { gate: 'balance'; due: number }
  | { gate: 'credit'; owed: number; value: number; limit: number };

export function paymentGate(
  order: Order,
  delivery: Pick<OrderDelivery, 'lines' | 'replacementFor'>,
  customer: Pick<Customer, 'settlement'>,
  receivable: number,
): PaymentGate {
  // R27: a replacement makes good what a complaint named; it is not charged, so nothing is paid before it ships.
  if (delivery.replacementFor) return { gate: 'clear' };
  const value = linesValue(order, delivery.lines);
  if (customer.settlement.type === 'monthly') {
    // What it owes may be below nothing: money paid ahead of the goods counts toward this delivery.
    const owed = receivable;
    const limit = customer.settlement.creditLimit;
    const exposure = owed >= 0 ? sumAmounts([owed, value], order.currency) : amountLeft(value, -owed, order.currency);
    return exposure > limit ? { gate: 'credit', owed, value, limit } : { gate: 'clear' };
  }
  const shippedValue = linesValue(
    order,
    order.lines.map((l) => ({ line: l.line, quantity: l.shipped ?? 0 })),
  );
  const through = sumAmounts([shippedValue, value], order.currency);
  const payable = order.totals.amount === undefined ? through : Math.min(order.totals.amount, through);
  const due = amountLeft(payable, paidTotal(order), order.currency);
  return due > 0 ? { gate: 'balance', due } : { gate: 'clear' };
}

/** A delivery moved on: its changes, a new version, when. */
export function deliveryMoved(delivery: OrderDelivery, changes: Partial<OrderDelivery>, now: string): OrderDelivery {
  return { ...delivery, ...changes, version: delivery.version + 1, updatedAt: now };
}

export type StockPrepValues = {
  lines: Quantities;
  requestedShipDate: string;
  vehiclePlan: string;
  remarks?: string;
};

/**
 * R17: the stock-prep form the merchandiser prepared: the delivery's lines at the quantities they entered (a line
 * at 0 is left out), the order's prices, the products' units and specifications, the order's address and contact.
 * Each round after a mismatch (R19) is the next revision. Undefined when nothing would be prepared.
 */
export function stockPrepFormFor(
  order: Order,
  customer: Pick<Customer, 'code' | 'name' | 'contacts' | 'addresses'>,
  delivery: OrderDelivery,
  products: ReadonlyMap<string, Pick<Product, 'unit' | 'spec'>>,
  values: StockPrepValues,
  prepared: { revision: number; signature: DocumentSignature },
): StockPrepForm | undefined {
  const lines = values.lines
    .filter(({ quantity }) => quantity > 0)
    .map(({ line, quantity }) => {
      const ordered = order.lines.find((l) => l.line === line);
      if (!ordered) throw new ValidationFailed([{ field: 'lines', message: `line ${line} is not on the order` }]);
      const product = products.get(ordered.productCode);
      // R27: a replacement is not charged: its form, and the note issued from it, carry no amount.
      const unitPrice = delivery.replacementFor ? 0 : (ordered.unitPrice ?? 0);
      return {
        line,
        productCode: ordered.productCode,
        name: ordered.productName ?? ordered.description,
        ...(product?.spec ? { spec: product.spec } : {}),
        quantity,
        unit: product?.unit ?? 'pcs',
        unitPrice,
        amount: lineAmount(quantity, unitPrice, order.currency),
      };
    });
  if (lines.length === 0) return undefined;
  const contact = customer.contacts[0];
  const address = order.deliveryAddress ?? customer.addresses[0];
  if (!address) {
    throw new Conflict(
      `Order ${order.number} has no delivery address, nor has customer ${customer.code}: add one first.`,
    );
  }
  return {
    orderNumber: order.number,
    poNumber: order.poNumber,
    delivery: delivery.delivery,
    revision: prepared.revision,
    preparedOn: prepared.signature.signedOn,
    customer: { code: customer.code, name: customer.name },
    currency: order.currency,
    lines,
    totals: stockPrepTotals(lines, order.currency),
    deliveryAddress: address,
    deliveryContact: order.deliveryContact ?? {
      name: contact?.name ?? customer.name,
      ...(contact?.phone ? { phone: contact.phone } : {}),
    },
    requestedShipDate: values.requestedShipDate,
    vehiclePlan: values.vehiclePlan,
    ...remarksOf(delivery, values.remarks),
    signatures: { merchandiser: prepared.signature },
    language: 'zh-CN',
  };
}

/** R27: what the form (and so the delivery note) says of a replacement, before the merchandiser's own remarks. */
function remarksOf(delivery: Pick<OrderDelivery, 'replacementFor'>, remarks?: string) {
  const replacement = delivery.replacementFor
    ? `补发，不收费（投诉 ${delivery.replacementFor.complaintNumber}） Replacement for complaint ${delivery.replacementFor.complaintNumber}, no charge`
    : undefined;
  const said = [replacement, remarks].filter(Boolean).join('; ');
  return said ? { remarks: said.slice(0, 1000) } : {};
}

/**
 * R19: one round of picking: the warehouse's quantity on hand and boxes per line against the form. Anything but the
 * form's quantity on any line is a mismatch, and the form goes back to the merchandiser.
 */
export function pickingRound(
  form: StockPrepForm,
  found: { lines: Quantities; boxes: Quantities },
  by: string,
  at: string,
): PickingRound {
  const lines = form.lines.map((line) => ({
    line: line.line,
    asked: line.quantity,
    onHand: found.lines.find((l) => l.line === line.line)?.quantity ?? 0,
    boxes: found.boxes.find((l) => l.line === line.line)?.quantity ?? 0,
  }));
  return {
    revision: form.revision,
    lines,
    matched: lines.every((l) => l.onHand === l.asked),
    by,
    at,
  };
}

/** R19: the form with the boxes the warehouse counted, and its signature. */
export function formPicked(form: StockPrepForm, round: PickingRound, signature: DocumentSignature): StockPrepForm {
  const lines = form.lines.map((line) => ({
    ...line,
    boxes: round.lines.find((l) => l.line === line.line)?.boxes ?? 0,
  }));
  return {
    ...form,
    lines,
    totals: stockPrepTotals(lines, form.currency),
    signatures: { ...form.signatures, warehouse: signature },
  };
}

/** R20: the delivery note finance issues for the picked form, in the customer's language (R22). */
export function deliveryNoteFor(
  order: Order,
  form: StockPrepForm,
  issue: { number: string; issuedOn: string; language: DeliveryNote['language']; finance: DocumentSignature },
): DeliveryNote {
  const lines = form.lines.map(({ line, productCode, name, spec, quantity, unit, unitPrice, amount, boxes }) => ({
    line,
    productCode,
    name,
    ...(spec ? { spec } : {}),
    quantity,
    unit,
    unitPrice,
    amount,
    boxes: boxes ?? 0,
  }));
  return {
    number: issue.number,
    issuedOn: issue.issuedOn,
    orderNumbers: [order.number],
    poNumbers: [order.poNumber],
    delivery: form.delivery,
    customer: form.customer,
    deliveryAddress: form.deliveryAddress,
    deliveryContact: form.deliveryContact,
    currency: form.currency,
    lines,
    totals: deliveryNoteTotals(lines, form.currency),
    ...(form.remarks ? { remarks: form.remarks } : {}),
    signatures: { finance: issue.finance },
    language: issue.language,
  };
}

/** R21: the note with the shipment the warehouse signed: carrier, vehicle, driver, waybill, boxes, gross weight. */
export function noteShipped(
  note: DeliveryNote,
  shipment: Shipment & { grossWeight: number },
  warehouse: DocumentSignature,
): DeliveryNote {
  const { grossWeight, ...travel } = shipment;
  return {
    ...note,
    shipment: travel,
    totals: deliveryNoteTotals(note.lines, note.currency, grossWeight),
    signatures: { ...note.signatures, warehouse },
  };
}

/** Quantities of the order's lines moved on by those of a delivery (shipped, or signed for). */
function linesMoved(order: Order, field: 'shipped' | 'delivered', quantities: Quantities) {
  return order.lines.map((line) => {
    const more = quantities.find((q) => q.line === line.line)?.quantity ?? 0;
    return more === 0 ? line : { ...line, [field]: (line[field] ?? 0) + more };
  });
}

/**
 * R21, R24: the order after a delivery shipped (or was signed for, R23): its lines' shipped (delivered) quantities
 * and the status they give, with what changed for its history.
 */
export function orderMoved(
  order: Order,
  field: 'shipped' | 'delivered',
  quantities: Quantities,
  monthly: boolean,
  context: { now: string; actor: string },
) {
  const lines = linesMoved(order, field, quantities);
  const status = inFulfilment(order.status) ? fulfilmentStatus({ ...order, lines }, { monthly }) : order.status;
  const changes = fieldChanges(order, { lines, status });
  return { order: edited(order, changes, context.now, context.actor), changes };
}

/** R23: when a shipment should have arrived: the day it left and the days the warehouse expects it in transit. */
export const expectedArrival = (shippedOn: string, transitDays: number) => addDays(shippedOn, Math.max(1, transitDays));

const stages = ['loaded', 'in_transit', 'arrived', 'signed_for'] as const;

/** R23: the carrier's progress, recorded in order (in transit, then arrived); nothing after the customer signed. */
export function tracked(delivery: OrderDelivery, update: TrackingUpdate, by: string, now: string) {
  if (!['shipped', 'in_transit', 'arrived'].includes(delivery.status)) {
    throw new Conflict(
      `Delivery ${delivery.delivery} of order ${delivery.orderNumber} is ${delivery.status}: tracking starts once it has shipped and ends when it is signed for.`,
    );
  }
  const latest = delivery.tracking.at(-1)?.stage ?? 'loaded';
  if (stages.indexOf(update.stage) <= stages.indexOf(latest)) {
    if (update.stage === latest) return undefined;
    throw new Conflict(`Delivery ${delivery.delivery} of order ${delivery.orderNumber} is already ${latest}.`);
  }
  const entry = { stage: update.stage, at: update.at ?? now, by, ...(update.note ? { note: update.note } : {}) };
  return deliveryMoved(delivery, { status: update.stage, tracking: [...delivery.tracking, entry] }, now);
}

/**
 * R23: the customer signed for the delivery — complete, or with damage or a shortage described (which a complaint
 * takes up later, F4). The receipt is filed with the delivery; signing twice is refused.
 */
export function signedFor(delivery: OrderDelivery, receipt: NewDeliveryReceipt, by: string, now: string) {
  if (delivery.status === 'delivered') {
    throw new Conflict(`Delivery ${delivery.delivery} of order ${delivery.orderNumber} was signed for already.`);
  }
  if (!['shipped', 'in_transit', 'arrived'].includes(delivery.status)) {
    throw new Conflict(
      `Delivery ${delivery.delivery} of order ${delivery.orderNumber} has not shipped yet; it is signed for once it arrives.`,
    );
  }
  if (receipt.condition !== 'complete' && !receipt.note) {
    throw new ValidationFailed([{ field: 'note', message: receiptNoteMissing(receipt.condition) }]);
  }
  const filed = { ...receipt, recordedBy: by, recordedAt: now };
  const entry = {
    stage: 'signed_for' as const,
    at: now,
    by,
    note: `${receipt.condition}, signed by ${receipt.signedBy}`,
  };
  return deliveryMoved(delivery, { status: 'delivered', receipt: filed, tracking: [...delivery.tracking, entry] }, now);
}

/** What the stock-prep form carries of each line, as the quantities that ship. */
export const formQuantities = (form: Pick<StockPrepForm, 'lines'>) =>
  form.lines.map(({ line, quantity }) => ({ line, quantity }));

/**
 * R21, R23: what a delivery adds to its order's shipped and delivered quantities — what its stock-prep form carries
 * (else its lines); nothing for a replacement (R27): the order counts what was ordered, and a replacement makes good
 * what was counted already.
 */
export const countedForOrder = (delivery: Pick<OrderDelivery, 'lines' | 'stockPrepForm' | 'replacementFor'>) =>
  delivery.replacementFor
    ? []
    : delivery.stockPrepForm
      ? formQuantities(delivery.stockPrepForm)
      : delivery.lines.map(({ line, quantity }) => ({ line, quantity }));
