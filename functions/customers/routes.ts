import { staffRoles } from '../../shared/domain/roles.ts';
import { defineRoute } from '../../shared/http/route.ts';
import { PageQuery } from '../../shared/schemas/common.ts';
import {
  Customer,
  CustomerChanges,
  CustomerIdParams,
  CustomerPage,
  NewCustomer,
} from '../../shared/schemas/customer.ts';
import { CustomerLedger, LedgerQuery } from '../../shared/schemas/ledger.ts';
import { NewTermsChange, TermsChange, TermsChangeList, TermsChangeParams } from '../../shared/schemas/terms-change.ts';

/** Who maintains customer master data (R3, R10). */
const maintainers = ['merchandiser', 'sales-admin', 'leader', 'gm'] as const;

/** Staff who deal with customers: they may ask for a change of a customer's terms and follow it (finance: credit). */
const accountStaff = ['merchandiser', 'sales-admin', 'leader', 'finance', 'gm'] as const;

export const createCustomer = defineRoute({
  operationId: 'createCustomer',
  method: 'POST',
  path: '/customers',
  summary: 'Open a customer (starts in review, R10)',
  tag: 'Customers',
  handler: 'functions/customers/create.ts',
  access: { roles: maintainers },
  body: NewCustomer,
  idempotent: true,
  responses: { 201: { description: 'Created', schema: Customer, headers: ['ETag', 'Location'] } },
  errors: [409, 422],
  // Reading: a retried request reads the first attempt's idempotency record.
  grants: ['table:read', 'table:write'],
});

export const getCustomer = defineRoute({
  operationId: 'getCustomer',
  method: 'GET',
  path: '/customers/{id}',
  summary: 'Read a customer (customers may read only themselves)',
  tag: 'Customers',
  handler: 'functions/customers/get.ts',
  access: { roles: [...staffRoles, 'customer'] },
  params: CustomerIdParams,
  responses: { 200: { description: 'The customer', schema: Customer, headers: ['ETag'] } },
  errors: [404],
  grants: ['table:read'],
});

export const listCustomers = defineRoute({
  operationId: 'listCustomers',
  method: 'GET',
  path: '/customers',
  summary: 'List customers by code, a page at a time',
  tag: 'Customers',
  handler: 'functions/customers/list.ts',
  access: { roles: staffRoles },
  query: PageQuery,
  responses: { 200: { description: 'A page of customers', schema: CustomerPage } },
  grants: ['table:read'],
});

export const updateCustomer = defineRoute({
  operationId: 'updateCustomer',
  method: 'PATCH',
  path: '/customers/{id}',
  summary:
    'Change a customer (optimistic version: If-Match or body version); settlement and account owner change only by a terms change',
  tag: 'Customers',
  handler: 'functions/customers/update.ts',
  access: { roles: maintainers },
  params: CustomerIdParams,
  body: CustomerChanges,
  responses: { 200: { description: 'The changed customer', schema: Customer, headers: ['ETag'] } },
  errors: [404, 409, 428],
  grants: ['table:read', 'table:write'],
});

export const requestTermsChangeRoute = defineRoute({
  operationId: 'requestTermsChange',
  method: 'POST',
  path: '/customers/{id}/terms-changes',
  summary:
    "Ask to change a customer's settlement terms, credit limit or account owner: the sales manager approves; until then the old values apply",
  tag: 'Customers',
  handler: 'functions/customers/request-terms-change.ts',
  access: { roles: accountStaff },
  params: CustomerIdParams,
  body: NewTermsChange,
  idempotent: true,
  responses: {
    202: {
      description: "Asked: the request waits for the sales manager's decision; the customer is unchanged",
      schema: TermsChange,
      headers: ['ETag', 'Location'],
    },
  },
  errors: [404, 409, 422],
  // Reading: the customer, the staff directory (the account owner), a retry's idempotency record.
  grants: ['table:read', 'table:write'],
});

export const listTermsChangesRoute = defineRoute({
  operationId: 'listTermsChanges',
  method: 'GET',
  path: '/customers/{id}/terms-changes',
  summary: "A customer's terms changes, newest first, with how each ended",
  tag: 'Customers',
  handler: 'functions/customers/list-terms-changes.ts',
  access: { roles: accountStaff },
  params: CustomerIdParams,
  responses: { 200: { description: 'The terms changes', schema: TermsChangeList } },
  errors: [404],
  grants: ['table:read'],
});

export const getTermsChangeRoute = defineRoute({
  operationId: 'getTermsChange',
  method: 'GET',
  path: '/customers/{id}/terms-changes/{changeId}',
  summary: 'One terms change: the values asked for, the values before, the decision',
  tag: 'Customers',
  handler: 'functions/customers/get-terms-change.ts',
  access: { roles: accountStaff },
  params: TermsChangeParams,
  responses: { 200: { description: 'The terms change', schema: TermsChange, headers: ['ETag'] } },
  errors: [404],
  grants: ['table:read'],
});

export const getCustomerLedger = defineRoute({
  operationId: 'getCustomerLedger',
  method: 'GET',
  path: '/customers/{id}/ledger',
  summary:
    'F7 (R39–R40): the receivables ledger — what the customer owes now, and the delivery notes, payments and return notes booked from one day to another, oldest first; customers read their own',
  tag: 'Customers',
  handler: 'functions/customers/ledger.ts',
  access: { roles: ['finance', 'merchandiser', 'sales-admin', 'leader', 'gm', 'customer'] },
  params: CustomerIdParams,
  query: LedgerQuery,
  responses: { 200: { description: "The customer's ledger", schema: CustomerLedger } },
  errors: [404],
  grants: ['table:read'],
});

export const customerRoutes = [
  createCustomer,
  getCustomer,
  listCustomers,
  updateCustomer,
  requestTermsChangeRoute,
  listTermsChangesRoute,
  getTermsChangeRoute,
  getCustomerLedger,
];
