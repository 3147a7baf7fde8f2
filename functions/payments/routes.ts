import { defineRoute } from '../../shared/http/route.ts';
import { PageQuery } from '../../shared/schemas/common.ts';
import { CustomerIdParams } from '../../shared/schemas/customer.ts';
import { Invoice, InvoicePage, NewInvoice } from '../../shared/schemas/invoice.ts';
import {
  CustomerPayment,
  CustomerPaymentPage,
  NewPayment,
  Payment,
  PaymentIdParams,
  PaymentPage,
} from '../../shared/schemas/payment.ts';

/** R9: finance records the money that came in; the managers answerable for the account may too, and read it. */
const moneyStaff = ['finance', 'leader', 'gm'] as const;

export const recordPaymentRoute = defineRoute({
  operationId: 'recordPayment',
  method: 'POST',
  path: '/payments',
  summary:
    'Record money received from a customer (R9): a deposit or balance against one of its orders, or another receipt; the same bank reference of a customer is recorded once',
  description:
    "A deposit or balance moves the order's ledger in the same write; payments reaching the deposit due release the order's intake (R9), the day of the payment completing it being the deposit's day (R8).",
  tag: 'Payments',
  handler: 'functions/payments/record.ts',
  access: { roles: moneyStaff },
  body: NewPayment,
  maxBodyBytes: 8 * 1024,
  idempotent: true,
  responses: { 201: { description: 'Recorded', schema: Payment, headers: ['Location'] } },
  errors: [409, 422],
  grants: ['table:read', 'table:write'],
});

export const getPaymentRoute = defineRoute({
  operationId: 'getPayment',
  method: 'GET',
  path: '/payments/{id}',
  summary: "A payment; a customer's user reads its own, without who recorded it or finance's notes",
  tag: 'Payments',
  handler: 'functions/payments/get.ts',
  access: { roles: [...moneyStaff, 'customer'] },
  params: PaymentIdParams,
  responses: { 200: { description: 'The payment', schema: Payment, customerSchema: CustomerPayment } },
  errors: [404],
  grants: ['table:read'],
});

export const listCustomerPaymentsRoute = defineRoute({
  operationId: 'listCustomerPayments',
  method: 'GET',
  path: '/customers/{id}/payments',
  summary: "A customer's payments, the latest received first, a page at a time; a customer's user reads its own",
  tag: 'Payments',
  handler: 'functions/payments/list.ts',
  access: { roles: [...moneyStaff, 'customer'] },
  params: CustomerIdParams,
  query: PageQuery,
  responses: {
    200: { description: 'A page of payments', schema: PaymentPage, customerSchema: CustomerPaymentPage },
  },
  errors: [404],
  grants: ['table:read'],
});

export const recordInvoiceRoute = defineRoute({
  operationId: 'recordInvoice',
  method: 'POST',
  path: '/customers/{id}/invoices',
  summary:
    'R39: record the invoice finance issued for money a customer paid — never more than paid and not invoiced yet; each invoice number once',
  tag: 'Payments',
  handler: 'functions/payments/record-invoice.ts',
  access: { roles: ['finance'] },
  params: CustomerIdParams,
  body: NewInvoice,
  maxBodyBytes: 4 * 1024,
  idempotent: true,
  responses: { 201: { description: 'Recorded', schema: Invoice } },
  errors: [404, 409, 422],
  grants: ['table:read', 'table:write'],
});

export const listInvoicesRoute = defineRoute({
  operationId: 'listInvoices',
  method: 'GET',
  path: '/customers/{id}/invoices',
  summary: "R39: a customer's invoices, the latest issued first, a page at a time; a customer's user reads its own",
  tag: 'Payments',
  handler: 'functions/payments/list-invoices.ts',
  access: { roles: [...moneyStaff, 'merchandiser', 'customer'] },
  params: CustomerIdParams,
  query: PageQuery,
  responses: { 200: { description: 'A page of invoices', schema: InvoicePage } },
  errors: [404],
  grants: ['table:read'],
});

export const paymentRoutes = [
  recordPaymentRoute,
  getPaymentRoute,
  listCustomerPaymentsRoute,
  recordInvoiceRoute,
  listInvoicesRoute,
];
