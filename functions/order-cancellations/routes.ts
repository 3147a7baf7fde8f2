import * as z from 'zod';
import { roles } from '../../shared/domain/roles.ts';
import { defineRoute } from '../../shared/http/route.ts';
import {
  CancellationRequest,
  CustomerCancellationRequest,
  NewCancellation,
} from '../../shared/schemas/cancellation.ts';

const OrderIdParams = z.object({ id: z.string().regex(/^ord_[0-9A-Z]{26}$/, 'is not an order id') });

export const requestCancellationRoute = defineRoute({
  operationId: 'requestCancellation',
  method: 'POST',
  path: '/orders/{id}/cancellation',
  summary:
    'Ask to cancel an order (R16): never unilateral — the sales manager or, above the limit, the general manager decides',
  tag: 'Orders',
  handler: 'functions/order-cancellations/request.ts',
  access: { roles: ['customer', 'merchandiser'] },
  params: OrderIdParams,
  body: NewCancellation,
  idempotent: true,
  responses: {
    202: {
      description: 'Asked: the request waits for its decision',
      schema: CancellationRequest,
      customerSchema: CustomerCancellationRequest,
      headers: ['ETag', 'Location'],
    },
  },
  errors: [404, 409, 422],
  grants: ['table:read', 'table:write'],
});

export const getCancellationRoute = defineRoute({
  operationId: 'getCancellation',
  method: 'GET',
  path: '/orders/{id}/cancellation',
  summary: "The order's latest cancellation request and where it stands (R16); customers see only their own",
  tag: 'Orders',
  handler: 'functions/order-cancellations/get.ts',
  access: { roles },
  params: OrderIdParams,
  responses: {
    200: {
      description: "The latest cancellation request; a customer's user sees the customer's view",
      schema: CancellationRequest,
      customerSchema: CustomerCancellationRequest,
      headers: ['ETag'],
    },
  },
  errors: [404],
  grants: ['table:read'],
});

export const cancellationRoutes = [requestCancellationRoute, getCancellationRoute];
