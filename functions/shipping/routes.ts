import { defineRoute } from '../../shared/http/route.ts';
import {
  CustomerDelivery,
  DeliveryNoteParams,
  DeliveryPage,
  DeliveryParams,
  DeliveryQuery,
  IssuedDeliveryNote,
  NewDeliveryReceipt,
  OrderDelivery,
  TrackingUpdate,
} from '../../shared/schemas/delivery.ts';

/** Everyone of the company who follows an order through shipping. */
const shippingStaff = ['merchandiser', 'sales-admin', 'warehouse', 'finance', 'pmc', 'leader', 'gm'] as const;

export const getDeliveryRoute = defineRoute({
  operationId: 'getDelivery',
  method: 'GET',
  path: '/orders/{id}/deliveries/{n}',
  summary:
    'One delivery of an order as it ships: its stock-prep form, picking rounds, delivery note, tracking, receipt',
  tag: 'Shipping',
  handler: 'functions/shipping/get-delivery.ts',
  access: { roles: [...shippingStaff, 'customer'] },
  params: DeliveryParams,
  responses: {
    200: {
      description: 'The delivery',
      schema: OrderDelivery,
      customerSchema: CustomerDelivery,
      headers: ['ETag'],
    },
  },
  errors: [404],
  grants: ['table:read'],
});

export const listDeliveriesRoute = defineRoute({
  operationId: 'listDeliveries',
  method: 'GET',
  path: '/deliveries',
  summary: "The warehouse's daily list: deliveries by the day they ship, earliest first, of a status if asked",
  tag: 'Shipping',
  handler: 'functions/shipping/list-deliveries.ts',
  access: { roles: shippingStaff },
  query: DeliveryQuery,
  responses: { 200: { description: 'A page of deliveries', schema: DeliveryPage } },
  grants: ['table:read'],
});

export const trackDeliveryRoute = defineRoute({
  operationId: 'trackDelivery',
  method: 'POST',
  path: '/orders/{id}/deliveries/{n}/tracking',
  summary: "R23: the carrier's progress of a shipped delivery: in transit, then arrived",
  tag: 'Shipping',
  handler: 'functions/shipping/track.ts',
  access: { roles: ['warehouse', 'merchandiser'] },
  params: DeliveryParams,
  body: TrackingUpdate,
  maxBodyBytes: 4 * 1024,
  responses: { 200: { description: 'The delivery, tracked', schema: OrderDelivery, headers: ['ETag'] } },
  errors: [404, 409],
  grants: ['table:read', 'table:write'],
});

export const signForDeliveryRoute = defineRoute({
  operationId: 'signForDelivery',
  method: 'POST',
  path: '/orders/{id}/deliveries/{n}/receipt',
  summary:
    'R23: the delivery signed for — by the customer, or its signed receipt (回单) filed by the warehouse — complete, damaged or short',
  description:
    'The receipt is filed with the delivery; the order keeps its delivered quantities per line and closes once everything is delivered and paid. Damage or a shortage is described in `note` (a complaint takes it up, F4).',
  tag: 'Shipping',
  handler: 'functions/shipping/receipt.ts',
  access: { roles: ['customer', 'warehouse', 'merchandiser'] },
  params: DeliveryParams,
  body: NewDeliveryReceipt,
  maxBodyBytes: 8 * 1024,
  idempotent: true,
  responses: {
    200: {
      description: 'The delivery, signed for',
      schema: OrderDelivery,
      customerSchema: CustomerDelivery,
      headers: ['ETag'],
    },
  },
  errors: [404, 409, 422],
  grants: ['table:read', 'table:write'],
});

export const getDeliveryNoteRoute = defineRoute({
  operationId: 'getDeliveryNote',
  method: 'GET',
  path: '/delivery-notes/{number}',
  summary: "R20: a delivery note, as JSON or, with `Accept: application/pdf`, the document in the customer's language",
  tag: 'Shipping',
  handler: 'functions/shipping/get-delivery-note.ts',
  access: { roles: [...shippingStaff, 'customer'] },
  params: DeliveryNoteParams,
  responses: {
    200: { description: 'The delivery note', schema: IssuedDeliveryNote, files: ['application/pdf'] },
  },
  errors: [404],
  grants: ['table:read'],
});

export const shippingRoutes = [
  getDeliveryRoute,
  listDeliveriesRoute,
  trackDeliveryRoute,
  signForDeliveryRoute,
  getDeliveryNoteRoute,
];
