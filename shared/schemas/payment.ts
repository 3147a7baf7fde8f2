import * as z from 'zod';
import { Currency, maxAmount, pageOf, Timestamp } from './common.ts';
import { CustomerIdParams } from './customer.ts';
import { OrderIdParams } from './order.ts';

/** R9, F7: what a receipt pays — an order's deposit, its balance, or something else (against the customer only). */
export const PaymentKind = z.enum(['deposit', 'balance', 'other']).meta({ id: 'PaymentKind' });

/** How the money came in (doc 003 §3.7 names the letter of credit beside the bank transfer). */
export const PaymentMethod = z
  .enum(['bank-transfer', 'letter-of-credit', 'cash', 'cheque', 'card', 'other'])
  .meta({ id: 'PaymentMethod' });

/**
 * The bank's (or the cashier's) reference of one receipt: with the customer it identifies the payment, so the same
 * receipt is recorded once (docs/decisions/payments-as-records.md). Spaces around it are dropped.
 */
export const PaymentReference = z
  .string()
  .trim()
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} /_.:#-]{2,59}$/u,
    'must be 3–60 letters, digits, spaces, "/", "_", ".", ":", "#" or "-", starting with a letter or digit',
  )
  .meta({ description: "The bank's reference of the receipt (3–60 characters): unique per customer." });

/** R9: money received from a customer, as finance records it. */
export const NewPayment = z
  .object({
    customerId: CustomerIdParams.shape.id,
    /** Deposits and balances are for an order; other receipts are the customer's alone. */
    orderId: OrderIdParams.shape.id.optional(),
    kind: PaymentKind,
    amount: z
      .number()
      .positive('must be more than 0')
      .max(maxAmount)
      .multipleOf(0.0001)
      .meta({
        description: `The amount received: more than 0, at most ${maxAmount.toLocaleString('en')}, in the currency's minor unit (cents; whole yen).`,
      }),
    currency: Currency.meta({ description: "The customer's currency: the only one its orders are in." }),
    method: PaymentMethod,
    reference: PaymentReference,
    receivedOn: z.iso
      .date({ error: 'must be a date (YYYY-MM-DD)' })
      .meta({ description: "The day the money arrived: today or earlier in the company's time zone." }),
    notes: z.string().trim().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'NewPayment' });

export const Payment = z
  .object({
    id: z.string(),
    ...NewPayment.shape,
    /** The order's number, for the reader of a customer's list. */
    orderNumber: z.string().optional(),
    recordedBy: z.string(),
    recordedAt: Timestamp,
  })
  .meta({ id: 'Payment' });

/** What a customer's user reads of its own payments: not who in the company recorded them, nor their notes. */
export const CustomerPayment = z
  .object(Payment.omit({ recordedBy: true, notes: true }).shape)
  .meta({ id: 'CustomerPayment' });

export const PaymentIdParams = z.object({ id: z.string().regex(/^pay_[0-9A-Z]{26}$/, 'is not a payment id') });

export const PaymentPage = pageOf(Payment, 'PaymentPage');
export const CustomerPaymentPage = pageOf(CustomerPayment, 'CustomerPaymentPage');

export type NewPayment = z.infer<typeof NewPayment>;
export type Payment = z.infer<typeof Payment>;
export type CustomerPayment = z.infer<typeof CustomerPayment>;
