import type { Customer } from '../schemas/customer.ts';
import type { Invoice, NewInvoice } from '../schemas/invoice.ts';
import { type FieldIssue, ValidationFailed } from './errors.ts';
import { amountLeft } from './order-amounts.ts';

/** R39: what a customer has paid and what of it was invoiced. */
export type Invoicing = { paid: number; invoiced: number };

/** R39: what may still be invoiced: what was paid less what was invoiced. */
export const invoiceable = ({ paid, invoiced }: Invoicing, currency: Customer['currency']) =>
  amountLeft(paid, invoiced, currency);

/**
 * R39: invoices follow payments: an invoice is never more than what the customer paid and was not invoiced yet; its
 * tax is part of it; it was issued by today.
 */
export function recordInvoice(
  input: NewInvoice,
  { customer, invoicing, today }: { customer: Pick<Customer, 'id' | 'currency'>; invoicing: Invoicing; today: string },
  context: { id: string; now: string; actor: string },
): Invoice {
  const issues: FieldIssue[] = [];
  const left = invoiceable(invoicing, customer.currency);
  if (input.amount > left) {
    issues.push({
      field: 'amount',
      message: `is more than the ${left} ${customer.currency} paid and not invoiced yet (paid ${invoicing.paid}, invoiced ${invoicing.invoiced})`,
    });
  }
  if (input.taxAmount > input.amount) issues.push({ field: 'taxAmount', message: 'is more than the amount' });
  if (input.issuedOn > today) issues.push({ field: 'issuedOn', message: 'cannot be after today' });
  if (issues.length) throw new ValidationFailed(issues);
  return {
    ...input,
    id: context.id,
    customerId: customer.id,
    currency: customer.currency,
    recordedBy: context.actor,
    recordedAt: context.now,
  };
}
