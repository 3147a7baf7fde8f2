import { defineRoute } from '../../shared/http/route.ts';
import { PageQuery } from '../../shared/schemas/common.ts';
import {
  CustomerReturnApplication,
  CustomerReturnPage,
  NewReturnApplication,
  NewReturnArrival,
  ReturnApplication,
  ReturnArrival,
  ReturnArrivalPage,
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

export const returnRoutes = [
  applyForReturnRoute,
  getReturnRoute,
  listReturnsRoute,
  announceReturnShipmentRoute,
  recordReturnArrivalRoute,
  listReturnArrivalsRoute,
];
