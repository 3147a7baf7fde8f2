import type { Customer } from '../schemas/customer.ts';
import type { EventOf } from '../schemas/events.ts';
import type { HistoryEntry } from '../schemas/order.ts';
import type { Product } from '../schemas/product.ts';
import {
  maxValidityDays,
  type NewQuotation,
  type Quotation,
  type QuotationLine,
  type QuotationSummary,
} from '../schemas/quotation.ts';
import { Conflict, type FieldIssue, ValidationFailed } from './errors.ts';
import { domainEvent, type EventContext } from './events.ts';
import { addDays, type IsoDate } from './lead-time.ts';
import { customerLanguage } from './order-review.ts';
import { discountPercent } from './special-price.ts';

/**
 * R37 (F6): quotations in the company format, approved before they go out. A price below the product's list price is
 * a special price: the general manager or the deputy GM decides it — the deputy up to the deployment's limit below
 * list (`SPECIAL_PRICE_DEPUTY_LIMIT`, percent), the general manager beyond it. Without a special price the sales
 * manager approves. Pure: the customer, products and today are read before.
 */

export type QuotationRequested = EventOf<'QuotationRequested'>;
export type QuotationEnded = EventOf<'QuotationApproved' | 'QuotationRefused' | 'QuotationLapsed'>;

// ——— The request ———

type RequestContext = EventContext & {
  id: string;
  number: string;
  customer: Customer;
  /** Every product the lines name (a code missing here is unknown). */
  products: ReadonlyMap<string, Product>;
  /** The company's today. */
  today: IsoDate;
};

/**
 * R37: a quotation as asked — in the customer's currency, for products it may be sold (active, with a list price in
 * that currency), valid from today up to a year — each line with its list price and its discount below it. Every
 * problem is a 400 naming its field.
 */
export function requestQuotation(input: NewQuotation, context: RequestContext) {
  const { customer, products, today } = context;
  const problems: FieldIssue[] = [];
  if (input.currency !== customer.currency) {
    problems.push({ field: 'currency', message: `must be the customer's currency, ${customer.currency}` });
  }
  if (input.validUntil < today) problems.push({ field: 'validUntil', message: `is before today (${today})` });
  else if (input.validUntil > addDays(today, maxValidityDays)) {
    problems.push({ field: 'validUntil', message: `is more than ${maxValidityDays} days ahead` });
  }
  const lines: QuotationLine[] = [];
  input.lines.forEach((line, i) => {
    const product = products.get(line.productCode);
    const listPrice = product?.prices[customer.currency];
    const field = `lines.${i}.productCode`;
    if (!product) problems.push({ field, message: 'is not in the catalogue' });
    else if (!product.active) problems.push({ field, message: 'is no longer supplied' });
    else if (listPrice === undefined) {
      problems.push({ field, message: `has no list price in ${customer.currency}: give it one first` });
    }
    if (!product || listPrice === undefined) return;
    const discount = discountPercent(line.unitPrice, listPrice);
    lines.push({
      line: i + 1,
      productCode: product.code,
      productName: product.name,
      ...(product.spec ? { spec: product.spec } : {}),
      unit: product.unit,
      ...(line.quantity === undefined ? {} : { quantity: line.quantity }),
      unitPrice: line.unitPrice,
      listPrice,
      ...(discount === undefined ? {} : { discountPercent: discount }),
    });
  });
  if (problems.length) throw new ValidationFailed(problems);
  const quotation: Quotation = {
    id: context.id,
    number: context.number,
    customerId: customer.id,
    customerCode: customer.code,
    customerName: customer.name,
    currency: customer.currency,
    language: customerLanguage(customer),
    lines,
    validUntil: input.validUntil,
    ...(input.note ? { note: input.note } : {}),
    specialPrice: lines.some((l) => l.discountPercent !== undefined),
    status: 'requested',
    requestedBy: context.actor,
    requestedAt: context.now,
    updatedAt: context.now,
    version: 1,
  };
  const event: QuotationRequested = domainEvent(
    'QuotationRequested',
    { kind: 'customer', id: customer.id },
    { quotation: quotationSummary(quotation) },
    context,
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: context.actor,
    action: 'quotation requested',
    note: `R37: ${quotation.number}, ${lines.length} line(s), valid until ${quotation.validUntil}${quotation.specialPrice ? ', with special prices' : ''}`,
  };
  return { quotation, event, history };
}

export const quotationSummary = (quotation: Quotation): QuotationSummary => ({
  id: quotation.id,
  number: quotation.number,
  customerId: quotation.customerId,
  customerCode: quotation.customerCode,
  customerName: quotation.customerName,
  currency: quotation.currency,
  validUntil: quotation.validUntil,
  specialPrice: quotation.specialPrice,
  status: quotation.status,
  requestedBy: quotation.requestedBy,
  lineCount: quotation.lines.length,
});

// ——— How it ends ———

type Ending = {
  type: QuotationEnded['type'];
  status: Exclude<Quotation['status'], 'requested'>;
  action: string;
  decision?: Quotation['decision'];
};

/**
 * A requested quotation ends once: approved (it goes to the customer), refused in writing, or lapsed. A step repeated
 * after it ended changes nothing (undefined).
 */
function ended(quotation: Quotation, ending: Ending, context: EventContext) {
  if (quotation.status === ending.status) return undefined;
  if (quotation.status !== 'requested') {
    throw new Conflict(`Quotation ${quotation.number} is ${quotation.status} already.`);
  }
  const changed: Quotation = {
    ...quotation,
    status: ending.status,
    ...(ending.decision ? { decision: ending.decision } : {}),
    updatedAt: context.now,
    version: quotation.version + 1,
  };
  const event = domainEvent(
    ending.type,
    { kind: 'customer', id: quotation.customerId },
    { quotation: quotationSummary(changed), ...(ending.decision ? { decision: ending.decision } : {}) },
    context,
  ) as QuotationEnded;
  const note = [quotation.number, ending.decision?.basis, ending.decision?.note, ending.decision?.reason]
    .filter(Boolean)
    .join(': ');
  const history: HistoryEntry = {
    at: context.now,
    actor: ending.decision?.by ?? context.actor,
    action: ending.action,
    note: `R37: ${note}`,
  };
  return { quotation: changed, event, history };
}

export type QuotationDecided = NonNullable<Quotation['decision']>;

export const approveQuotation = (quotation: Quotation, decision: QuotationDecided, context: EventContext) =>
  ended(quotation, { type: 'QuotationApproved', status: 'approved', action: 'quotation approved', decision }, context);

export const refuseQuotation = (quotation: Quotation, decision: QuotationDecided, context: EventContext) =>
  ended(quotation, { type: 'QuotationRefused', status: 'refused', action: 'quotation refused', decision }, context);

export const lapseQuotation = (quotation: Quotation, context: EventContext) =>
  ended(quotation, { type: 'QuotationLapsed', status: 'lapsed', action: 'quotation lapsed' }, context);
