import * as z from 'zod';
import { roles } from '../../shared/domain/roles.ts';
import { defineRoute } from '../../shared/http/route.ts';
import { Approval } from '../../shared/schemas/approval.ts';
import { Cursor } from '../../shared/schemas/common.ts';
import {
  CustomerOrder,
  CustomerOrderDetail,
  HistoryEntry,
  NewOrder,
  Order,
  OrderIdParams,
  OrderListQuery,
  OrderPaid,
  WaitingFor,
} from '../../shared/schemas/order.ts';
import { MergeRequest, SplitRequest } from '../../shared/schemas/order-arrangement.ts';

export const placeOrderRoute = defineRoute({
  operationId: 'placeOrder',
  method: 'POST',
  path: '/orders',
  summary: "Place a customer's written order (R1): reviewed at once (R2, R8), priced, numbered (R3)",
  tag: 'Orders',
  handler: 'functions/orders/place.ts',
  access: { roles: ['customer', 'merchandiser'] },
  body: NewOrder,
  idempotent: true,
  responses: {
    201: {
      description: "Placed: staff see its review findings; a customer's system sees the customer's view",
      schema: Order,
      customerSchema: CustomerOrder,
      headers: ['ETag', 'Location'],
    },
  },
  errors: [404, 409, 422],
  grants: ['table:read', 'table:write'],
});

export const getOrderRoute = defineRoute({
  operationId: 'getOrder',
  method: 'GET',
  path: '/orders/{id}',
  summary:
    "An order with its findings, approvals, what it has been paid (R9) and full history (R15); a customer's user sees only its own, in the customer's view",
  tag: 'Orders',
  handler: 'functions/orders/get.ts',
  access: { roles },
  params: OrderIdParams,
  responses: {
    200: {
      description: 'The order',
      schema: Order.extend({
        paid: OrderPaid,
        waitingFor: WaitingFor.optional(),
        history: z.array(HistoryEntry),
        approvals: z.array(Approval),
      }).meta({
        id: 'OrderDetail',
      }),
      customerSchema: CustomerOrderDetail,
      headers: ['ETag'],
    },
  },
  errors: [404],
  grants: ['table:read'],
});

export const listOrdersRoute = defineRoute({
  operationId: 'listOrders',
  method: 'GET',
  path: '/orders',
  summary:
    "Orders newest first, by customer, status and the company days they were placed on; or one order by its number (R3), or every order carrying a PO number (R42). A customer's user sees its own",
  tag: 'Orders',
  handler: 'functions/orders/list.ts',
  access: { roles },
  query: OrderListQuery,
  responses: {
    200: {
      description: 'A page of orders',
      schema: z.object({ items: z.array(Order), next: Cursor.optional() }).meta({ id: 'OrderPage' }),
      customerSchema: z.object({ items: z.array(CustomerOrder), next: Cursor.optional() }).meta({
        id: 'CustomerOrderPage',
      }),
    },
  },
  grants: ['table:read'],
});

export const splitOrderRoute = defineRoute({
  operationId: 'splitOrder',
  method: 'PUT',
  path: '/orders/{id}/deliveries',
  summary:
    "Split an order's lines into 2–20 deliveries, each line allocated exactly its quantity (R24); [] ships everything together again. Optimistic version: If-Match or body version",
  tag: 'Orders',
  handler: 'functions/orders/split.ts',
  access: { roles: ['merchandiser'] },
  params: OrderIdParams,
  body: SplitRequest,
  responses: { 200: { description: 'The order with its deliveries', schema: Order, headers: ['ETag'] } },
  errors: [404, 409, 428],
  grants: ['table:read', 'table:write'],
});

export const mergeOrdersRoute = defineRoute({
  operationId: 'mergeOrders',
  method: 'POST',
  path: '/orders/{id}/merge',
  summary:
    "Merge another order of the same customer into this one before production (R24): its lines are appended, the order re-totalled as its next revision; the other ends merged and its intake stops. This order's version: If-Match or body version",
  tag: 'Orders',
  handler: 'functions/orders/merge.ts',
  access: { roles: ['merchandiser'] },
  params: OrderIdParams,
  body: MergeRequest,
  idempotent: true,
  responses: { 200: { description: 'The merged order', schema: Order, headers: ['ETag'] } },
  errors: [404, 409, 422, 428],
  grants: ['table:read', 'table:write', 'workflows:stop'],
});

export const orderRoutes = [placeOrderRoute, getOrderRoute, listOrdersRoute, splitOrderRoute, mergeOrdersRoute];
