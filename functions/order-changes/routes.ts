import * as z from 'zod';
import { roles } from '../../shared/domain/roles.ts';
import { defineRoute } from '../../shared/http/route.ts';
import {
  ChangeRequest,
  CustomerChangeRequest,
  CustomerOrderRevision,
  NewChangeRequest,
  OrderRevision,
} from '../../shared/schemas/change-request.ts';
import { OrderIdParams } from '../../shared/schemas/order.ts';

const ChangeRequestParams = OrderIdParams.extend({
  changeId: z.string().regex(/^chg_[0-9A-Z]{26}$/, 'is not a change request id'),
});

export const requestChangeRoute = defineRoute({
  operationId: 'requestChange',
  method: 'POST',
  path: '/orders/{id}/change-requests',
  summary:
    'Ask for a change to an order (R11): reviewed like a new order, shown beside the current one; PMC assesses it (R12), the planner approves the contract modification form (R14)',
  tag: 'Order changes',
  handler: 'functions/order-changes/request.ts',
  access: { roles: ['customer', 'merchandiser'] },
  params: OrderIdParams,
  body: NewChangeRequest,
  idempotent: true,
  responses: {
    201: {
      description:
        "Taken; its workflow starts. Staff see its review findings; a customer's user sees the customer's view",
      schema: ChangeRequest,
      customerSchema: CustomerChangeRequest,
      headers: ['ETag', 'Location'],
    },
  },
  errors: [404, 409],
  grants: ['table:read', 'table:write'],
});

export const listChangeRequestsRoute = defineRoute({
  operationId: 'listChangeRequests',
  method: 'GET',
  path: '/orders/{id}/change-requests',
  summary:
    "An order's change requests, oldest first, with how each ended; a customer's user sees its own, in the customer's view",
  tag: 'Order changes',
  handler: 'functions/order-changes/list.ts',
  access: { roles },
  params: OrderIdParams,
  responses: {
    200: {
      description: 'The change requests',
      schema: z.object({ items: z.array(ChangeRequest) }).meta({ id: 'ChangeRequestList' }),
      customerSchema: z.object({ items: z.array(CustomerChangeRequest) }).meta({ id: 'CustomerChangeRequestList' }),
    },
  },
  errors: [404],
  grants: ['table:read'],
});

export const getChangeRequestRoute = defineRoute({
  operationId: 'getChangeRequest',
  method: 'GET',
  path: '/orders/{id}/change-requests/{changeId}',
  summary:
    "One change request: current and proposed terms, its review, its contract modification form (R14); a customer's user sees the customer's view",
  tag: 'Order changes',
  handler: 'functions/order-changes/get.ts',
  access: { roles },
  params: ChangeRequestParams,
  responses: {
    200: {
      description: 'The change request',
      schema: ChangeRequest,
      customerSchema: CustomerChangeRequest,
      headers: ['ETag'],
    },
  },
  errors: [404],
  grants: ['table:read'],
});

export const listRevisionsRoute = defineRoute({
  operationId: 'listOrderRevisions',
  method: 'GET',
  path: '/orders/{id}/revisions',
  summary:
    "Every revision of an order's terms (R15): as placed, then each approved change with who asked and approved; a customer's user sees the terms, not who",
  tag: 'Order changes',
  handler: 'functions/order-changes/revisions.ts',
  access: { roles },
  params: OrderIdParams,
  responses: {
    200: {
      description: 'The revisions, first first',
      schema: z.object({ items: z.array(OrderRevision) }).meta({ id: 'OrderRevisionList' }),
      customerSchema: z.object({ items: z.array(CustomerOrderRevision) }).meta({ id: 'CustomerOrderRevisionList' }),
    },
  },
  errors: [404],
  grants: ['table:read'],
});

export const orderChangeRoutes = [
  requestChangeRoute,
  listChangeRequestsRoute,
  getChangeRequestRoute,
  listRevisionsRoute,
];
