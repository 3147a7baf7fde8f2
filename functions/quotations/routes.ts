import { defineRoute } from '../../shared/http/route.ts';
import {
  CustomerQuotation,
  CustomerQuotationPage,
  NewQuotation,
  Quotation,
  QuotationPage,
  QuotationParams,
  QuotationQuery,
} from '../../shared/schemas/quotation.ts';

/** R37: who asks for quotations: the merchandiser, or the sales manager. */
const requesters = ['merchandiser', 'leader'] as const;

/** Staff who deal with customers and their prices (R37), and the customer's own system for its approved ones. */
const readers = ['merchandiser', 'sales-admin', 'leader', 'gm', 'finance', 'customer'] as const;

export const requestQuotationRoute = defineRoute({
  operationId: 'requestQuotation',
  method: 'POST',
  path: '/quotations',
  summary:
    'R37: ask for a quotation (报价) for a customer — its products at unit prices in its currency, valid until a day; approved before it goes out',
  description:
    "The quotation takes the month's next number (QT…). Without a price below list, the requesting merchandiser's sales manager approves it; a price below the product's list price is a special price, which the deputy GM approves up to SPECIAL_PRICE_DEPUTY_LIMIT percent below list and the general manager beyond. Nobody approves their own request. Once approved, the customer's contacts receive it as a PDF in their language.",
  tag: 'Quotations',
  handler: 'functions/quotations/request.ts',
  access: { roles: requesters },
  body: NewQuotation,
  maxBodyBytes: 64 * 1024,
  idempotent: true,
  responses: {
    201: {
      description: 'Asked: the quotation waits for its approval; nothing goes to the customer yet',
      schema: Quotation,
      headers: ['ETag', 'Location'],
    },
  },
  errors: [409, 422],
  // Reading: the customer, the products, the month's number, a retry's idempotency record.
  grants: ['table:read', 'table:write'],
});

export const getQuotationRoute = defineRoute({
  operationId: 'getQuotation',
  method: 'GET',
  path: '/quotations/{id}',
  summary: "A quotation and where it stands; a customer's user reads its own approved ones, without list prices",
  tag: 'Quotations',
  handler: 'functions/quotations/get.ts',
  access: { roles: readers },
  params: QuotationParams,
  responses: {
    200: { description: 'The quotation', schema: Quotation, customerSchema: CustomerQuotation, headers: ['ETag'] },
  },
  errors: [404],
  grants: ['table:read'],
});

export const listQuotationsRoute = defineRoute({
  operationId: 'listQuotations',
  method: 'GET',
  path: '/quotations',
  summary:
    "The quotations, newest first: by customer, status, asked from a day; a customer's user reads its own approved ones",
  tag: 'Quotations',
  handler: 'functions/quotations/list.ts',
  access: { roles: readers },
  query: QuotationQuery,
  responses: {
    200: { description: 'A page of quotations', schema: QuotationPage, customerSchema: CustomerQuotationPage },
  },
  grants: ['table:read'],
});

export const getQuotationDocumentRoute = defineRoute({
  operationId: 'getQuotationDocument',
  method: 'GET',
  path: '/quotations/{id}/document',
  summary:
    "R37: a quotation as JSON or, with `Accept: application/pdf`, the document in the company format and the customer's language",
  tag: 'Quotations',
  handler: 'functions/quotations/get-document.ts',
  access: { roles: readers },
  params: QuotationParams,
  responses: {
    200: {
      description: 'The quotation',
      schema: Quotation,
      customerSchema: CustomerQuotation,
      files: ['application/pdf'],
    },
  },
  errors: [404],
  grants: ['table:read'],
});

export const quotationRoutes = [
  requestQuotationRoute,
  listQuotationsRoute,
  getQuotationRoute,
  getQuotationDocumentRoute,
];
