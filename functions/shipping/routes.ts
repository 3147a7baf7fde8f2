import * as z from 'zod';
import { defineRoute, tableItems } from '../../shared/http/route.ts';
import { approvalErrorPage } from '../../shared/pages/approval.ts';
import { complaintKeys } from '../../shared/persistence/complaints.ts';
import { customerKeys } from '../../shared/persistence/customers.ts';
import { deliveryKeys } from '../../shared/persistence/deliveries.ts';
import { outboxKeys } from '../../shared/persistence/outbox.ts';
import { staffKeys } from '../../shared/persistence/staff.ts';
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
  WarehouseDelivery,
  WarehouseDeliveryPage,
} from '../../shared/schemas/delivery.ts';
import { StockPrepForm, WarehouseStockPrepForm } from '../../shared/schemas/documents.ts';

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
      warehouseSchema: WarehouseDelivery,
      customerSchema: CustomerDelivery,
      headers: ['ETag'],
    },
  },
  errors: [404],
  grants: ['table:read'],
});

export const getStockPrepFormRoute = defineRoute({
  operationId: 'getStockPrepForm',
  method: 'GET',
  path: '/orders/{id}/deliveries/{n}/stock-prep-form',
  summary:
    "R17–R19: a delivery's stock-prep form as it stands (its latest revision), as JSON or, with `Accept: application/pdf`, the document",
  tag: 'Shipping',
  handler: 'functions/shipping/get-stock-prep-form.ts',
  access: { roles: shippingStaff },
  params: DeliveryParams,
  responses: {
    200: {
      description: 'The stock-prep form (the warehouse: without prices, in the PDF too)',
      schema: StockPrepForm,
      warehouseSchema: WarehouseStockPrepForm,
      files: ['application/pdf'],
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
  responses: {
    200: { description: 'A page of deliveries', schema: DeliveryPage, warehouseSchema: WarehouseDeliveryPage },
  },
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
  responses: {
    200: {
      description: 'The delivery, tracked',
      schema: OrderDelivery,
      warehouseSchema: WarehouseDelivery,
      headers: ['ETag'],
    },
  },
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
    'The receipt is filed with the delivery; the order keeps its delivered quantities per line and closes once everything is delivered and paid. Damage or a shortage is described in `note`, and opens a complaint about the delivery in the same write (F4: every line at what it carried, the note as its description, numbered and acknowledged like any complaint).',
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
      warehouseSchema: WarehouseDelivery,
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

const ReceiptLinkParams = z.object({ link: z.string().max(200) });
const receiptLinkGrants = [tableItems('read', deliveryKeys.receiptLinks, deliveryKeys.partitions)];

export const showReceiptLinkRoute = defineRoute({
  operationId: 'showReceiptLink',
  method: 'GET',
  path: '/receipt-links/{link}',
  summary: 'R23: the page a customer signs for a delivery on, from the link e-mailed with its delivery note',
  tag: 'Shipping',
  handler: 'functions/shipping/show-receipt-link.ts',
  access: 'public',
  params: ReceiptLinkParams,
  responses: { 200: { description: 'HTML page: the delivery and the receipt form, or the receipt already made' } },
  errors: [404],
  // Public: it reads the link and the delivery it stands for, nothing else.
  grants: receiptLinkGrants,
  page: { error: approvalErrorPage },
});

export const signByLinkRoute = defineRoute({
  operationId: 'signByLink',
  method: 'POST',
  path: '/receipt-links/{link}',
  summary: "R23: the receipt posted from the link's page (form-encoded): complete, damaged or short",
  tag: 'Shipping',
  handler: 'functions/shipping/sign-by-link.ts',
  access: 'public',
  params: ReceiptLinkParams,
  body: z
    .object({
      condition: z.string().max(20).optional(),
      signedBy: z.string().max(200).optional(),
      signedOn: z.string().max(20).optional(),
      note: z.string().max(4000).optional(),
    })
    .meta({
      id: 'LinkReceipt',
      description: "The receipt page's form, checked as NewDeliveryReceipt; a problem brings the form back.",
    }),
  responses: {
    200: {
      description:
        'HTML page: the delivery signed for (or signed for already). A problem answers 400 with the form again, each problem beside its field, nothing recorded',
    },
  },
  errors: [404],
  // Public: it reads the link, the delivery's order and customer, and the directory (who is told); it writes the
  // order with its delivery and history, and the event — and, for a receipt signed damaged or short, the complaint it
  // opens with the month's next complaint number (R23 → F4).
  grants: [
    tableItems(
      'read',
      deliveryKeys.receiptLinks,
      deliveryKeys.partitions,
      customerKeys.partitions,
      staffKeys.partition,
      complaintKeys.numbers,
    ),
    tableItems('write', deliveryKeys.partitions, outboxKeys.events, complaintKeys.items, complaintKeys.numbers),
  ],
  page: { error: approvalErrorPage },
});

export const shippingRoutes = [
  getDeliveryRoute,
  getStockPrepFormRoute,
  listDeliveriesRoute,
  trackDeliveryRoute,
  signForDeliveryRoute,
  getDeliveryNoteRoute,
  showReceiptLinkRoute,
  signByLinkRoute,
];
