import * as z from 'zod';
import { defineRoute, tableItems } from '../../shared/http/route.ts';
import { approvalErrorPage } from '../../shared/pages/approval.ts';
import { outboxKeys } from '../../shared/persistence/outbox.ts';
import { returnKeys } from '../../shared/persistence/returns.ts';
import { PageQuery } from '../../shared/schemas/common.ts';
import {
  CustomerReturnApplication,
  CustomerReturnPage,
  IssuedReturnNote,
  NewReturnApplication,
  NewReturnArrival,
  ReturnApplication,
  ReturnArrival,
  ReturnArrivalPage,
  ReturnArrivalParams,
  ReturnArrivalSettlement,
  ReturnNoteParams,
  ReturnPage,
  ReturnParams,
  ReturnQuery,
  ReturnShipment,
} from '../../shared/schemas/return.ts';

/** Everyone of the company who takes part in a return (R30–R36). */
const returnStaff = ['merchandiser', 'leader', 'gm', 'qa', 'sales-admin', 'warehouse', 'finance'] as const;

export const applyForReturnRoute = defineRoute({
  operationId: 'applyForReturn',
  method: 'POST',
  path: '/returns',
  summary:
    'R30: a return application (退货申请) for goods of a shipped delivery — by the customer, or by the merchandiser',
  description:
    "The application takes the month's next return number (RA…), and the quantities it names are held against the delivery: never more than delivered less what earlier applications took, even when two arrive at once (the second is refused, naming the line). The customer is acknowledged in writing; the merchandiser analyses the cause (R31) and a leader decides (R32).",
  tag: 'Returns',
  handler: 'functions/returns/apply.ts',
  access: { roles: ['customer', 'merchandiser'] },
  body: NewReturnApplication,
  // 200 lines with a note each, the reason, 20 attachments by address.
  maxBodyBytes: 256 * 1024,
  idempotent: true,
  responses: {
    201: {
      description: 'Applied',
      schema: ReturnApplication,
      customerSchema: CustomerReturnApplication,
      headers: ['Location'],
    },
  },
  errors: [404, 409, 422],
  grants: ['table:read', 'table:write'],
});

export const getReturnRoute = defineRoute({
  operationId: 'getReturn',
  method: 'GET',
  path: '/returns/{id}',
  summary: "A return application and where it stands; a customer's user reads its own",
  tag: 'Returns',
  handler: 'functions/returns/get.ts',
  access: { roles: [...returnStaff, 'customer'] },
  params: ReturnParams,
  responses: {
    200: {
      description: 'The return application',
      schema: ReturnApplication,
      customerSchema: CustomerReturnApplication,
    },
  },
  errors: [404],
  grants: ['table:read'],
});

export const listReturnsRoute = defineRoute({
  operationId: 'listReturns',
  method: 'GET',
  path: '/returns',
  summary: "The return register, newest first: by status, customer, applied from a day; a customer's own",
  tag: 'Returns',
  handler: 'functions/returns/list.ts',
  access: { roles: [...returnStaff, 'customer'] },
  query: ReturnQuery,
  responses: {
    200: { description: 'A page of return applications', schema: ReturnPage, customerSchema: CustomerReturnPage },
  },
  grants: ['table:read'],
});

export const announceReturnShipmentRoute = defineRoute({
  operationId: 'announceReturnShipment',
  method: 'POST',
  path: '/returns/{id}/shipment',
  summary: 'R33: the customer announces the approved return on its way: carrier, waybill, what the consignment holds',
  description:
    'Only an approved return is announced, once; the lines, when given, are lines of the return and never more than approved. The warehouse then receives the goods against it (R34).',
  tag: 'Returns',
  handler: 'functions/returns/announce.ts',
  access: { roles: ['customer', 'merchandiser'] },
  params: ReturnParams,
  body: ReturnShipment,
  maxBodyBytes: 64 * 1024,
  idempotent: true,
  responses: {
    200: { description: 'The return, shipped', schema: ReturnApplication, customerSchema: CustomerReturnApplication },
  },
  errors: [404, 409],
  grants: ['table:read', 'table:write'],
});

export const recordReturnArrivalRoute = defineRoute({
  operationId: 'recordReturnArrival',
  method: 'POST',
  path: '/return-arrivals',
  summary: 'R33: goods that came back without an approved return application, recorded and held by the warehouse',
  description:
    "The goods are held (the company may refuse them); the account's merchandiser is alerted to settle them with the customer. Goods quoting an approved return are received through that return instead (409).",
  tag: 'Returns',
  handler: 'functions/returns/record-arrival.ts',
  access: { roles: ['warehouse'] },
  body: NewReturnArrival,
  maxBodyBytes: 128 * 1024,
  idempotent: true,
  responses: { 201: { description: 'Recorded and held', schema: ReturnArrival, headers: ['Location'] } },
  errors: [409],
  grants: ['table:read', 'table:write'],
});

export const listReturnArrivalsRoute = defineRoute({
  operationId: 'listReturnArrivals',
  method: 'GET',
  path: '/return-arrivals',
  summary: 'R33: the goods held because they came back without an approved application, newest first',
  tag: 'Returns',
  handler: 'functions/returns/list-arrivals.ts',
  access: { roles: ['warehouse', 'merchandiser', 'leader', 'gm'] },
  query: PageQuery,
  responses: { 200: { description: 'A page of held arrivals', schema: ReturnArrivalPage } },
  grants: ['table:read'],
});

export const settleReturnArrivalRoute = defineRoute({
  operationId: 'settleReturnArrival',
  method: 'POST',
  path: '/return-arrivals/{id}/settlement',
  summary: 'R30, R33: goods held, settled with the customer: sent back, or taken in under a return application',
  description:
    "`sent-back`: the goods are refused (R30) and the warehouse on duty is asked by e-mail to ship them back, on what was agreed (`note`). `under-return`: they are the shipment of the customer's return application approved since (R33), announced now on the day they arrived with the carrier and waybill the warehouse recorded (or those given), and the warehouse counts them against it (R34); a return the customer announced already is only named. Either way the goods leave the list of those held, once (a second settlement is 409).",
  tag: 'Returns',
  handler: 'functions/returns/settle-arrival.ts',
  access: { roles: ['merchandiser', 'leader', 'gm'] },
  params: ReturnArrivalParams,
  body: ReturnArrivalSettlement,
  maxBodyBytes: 16 * 1024,
  idempotent: true,
  responses: { 200: { description: 'The goods settled', schema: ReturnArrival } },
  errors: [404, 409],
  grants: ['table:read', 'table:write'],
});

const ReturnLinkParams = z.object({ link: z.string().max(200) });

export const showReturnLinkRoute = defineRoute({
  operationId: 'showReturnLink',
  method: 'GET',
  path: '/return-links/{link}',
  summary: 'R33: the page a customer announces an approved return on, from the link e-mailed with the approval',
  tag: 'Returns',
  handler: 'functions/returns/show-return-link.ts',
  access: 'public',
  params: ReturnLinkParams,
  responses: {
    200: { description: 'HTML page: the return and the announcement form, or the shipment announced already' },
  },
  errors: [404],
  // Public: it reads the link and the return it stands for, nothing else.
  grants: [tableItems('read', returnKeys.links, returnKeys.items)],
  page: { error: approvalErrorPage },
});

export const announceByLinkRoute = defineRoute({
  operationId: 'announceReturnByLink',
  method: 'POST',
  path: '/return-links/{link}',
  summary: "R33: the return's shipment announced from the link's page (form-encoded): carrier, waybill, what it holds",
  tag: 'Returns',
  handler: 'functions/returns/announce-by-link.ts',
  access: 'public',
  params: ReturnLinkParams,
  body: z
    .object({
      carrier: z.string().max(200).optional(),
      waybill: z.string().max(100).optional(),
      shippedOn: z.string().max(20).optional(),
      note: z.string().max(1000).optional(),
    })
    .catchall(z.string().max(20))
    .meta({
      id: 'LinkReturnShipment',
      description:
        "The return link page's form, checked as ReturnShipment: each line's quantity in the consignment as `quantity.<line>`; a problem brings the form back.",
    }),
  maxBodyBytes: 32 * 1024,
  responses: {
    200: {
      description:
        'HTML page: the shipment announced (or announced already). A problem answers 400 with the form again, each problem beside its field, nothing recorded',
    },
  },
  errors: [404],
  // Public: it reads the link and the return; it writes the return, its entry in the order's history, and the event.
  grants: [
    tableItems('read', returnKeys.links, returnKeys.items),
    tableItems('write', returnKeys.items, returnKeys.orderHistories, outboxKeys.events),
  ],
  page: { error: approvalErrorPage },
});

export const getReturnNoteRoute = defineRoute({
  operationId: 'getReturnNote',
  method: 'GET',
  path: '/return-notes/{number}',
  summary: "R36: a return note, as JSON or, with `Accept: application/pdf`, the document in the customer's language",
  tag: 'Returns',
  handler: 'functions/returns/get-return-note.ts',
  access: { roles: [...returnStaff, 'customer'] },
  params: ReturnNoteParams,
  responses: {
    200: { description: 'The return note', schema: IssuedReturnNote, files: ['application/pdf'] },
  },
  errors: [404],
  grants: ['table:read'],
});

export const returnRoutes = [
  applyForReturnRoute,
  getReturnRoute,
  listReturnsRoute,
  announceReturnShipmentRoute,
  recordReturnArrivalRoute,
  listReturnArrivalsRoute,
  settleReturnArrivalRoute,
  getReturnNoteRoute,
  showReturnLinkRoute,
  announceByLinkRoute,
];
