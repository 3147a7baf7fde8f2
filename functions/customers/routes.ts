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

/** Who maintains customer master data (R3, R10). */
const maintainers = ['merchandiser', 'sales-admin', 'leader', 'gm'] as const;

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
  summary: 'Change a customer (optimistic version: If-Match or body version)',
  tag: 'Customers',
  handler: 'functions/customers/update.ts',
  access: { roles: maintainers },
  params: CustomerIdParams,
  body: CustomerChanges,
  responses: { 200: { description: 'The changed customer', schema: Customer, headers: ['ETag'] } },
  errors: [404, 409, 428],
  grants: ['table:read', 'table:write'],
});

export const customerRoutes = [createCustomer, getCustomer, listCustomers, updateCustomer];
