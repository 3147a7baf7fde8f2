import { defineRoute } from '../../shared/http/route.ts';
import {
  Complaint,
  ComplaintPage,
  ComplaintParams,
  ComplaintQuery,
  ComplaintWeight,
  CustomerComplaint,
  CustomerComplaintPage,
  NewComplaint,
} from '../../shared/schemas/complaint.ts';
import { ComplaintView, CustomerComplaintView } from '../../shared/schemas/complaint-view.ts';

/** Everyone of the company who takes a complaint up (R25–R27) or answers for it. */
const complaintStaff = ['merchandiser', 'leader', 'qa', 'sales-admin', 'warehouse', 'pmc', 'gm'] as const;

export const registerComplaintRoute = defineRoute({
  operationId: 'registerComplaint',
  method: 'POST',
  path: '/complaints',
  summary:
    'R25, R29: register a complaint about a shipped delivery — by the customer for its own goods, or by the merchandiser',
  description:
    "The complaint takes the month's next number (CP…), its owner is the account's merchandiser, and its reply is due in 7 days. The customer is acknowledged in writing at once with its number (in each contact's language); a short shipment without `receivedWeight` waits for the weight received (R28).",
  tag: 'Complaints',
  handler: 'functions/complaints/register.ts',
  access: { roles: ['customer', 'merchandiser'] },
  body: NewComplaint,
  // 200 lines each with a note of 200 characters (3 bytes each in Chinese), the description and the contact.
  maxBodyBytes: 192 * 1024,
  idempotent: true,
  responses: {
    201: {
      description: 'Registered',
      schema: Complaint,
      customerSchema: CustomerComplaint,
      headers: ['Location'],
    },
  },
  errors: [404, 409, 422],
  grants: ['table:read', 'table:write'],
});

export const getComplaintRoute = defineRoute({
  operationId: 'getComplaint',
  method: 'GET',
  path: '/complaints/{id}',
  summary:
    "A complaint in one view: as registered, where it stands, its report and reply, and the deliveries, returns and credits it led to; a customer's user reads its own",
  tag: 'Complaints',
  handler: 'functions/complaints/get.ts',
  access: { roles: [...complaintStaff, 'customer'] },
  params: ComplaintParams,
  responses: {
    200: { description: 'The complaint', schema: ComplaintView, customerSchema: CustomerComplaintView },
  },
  errors: [404],
  grants: ['table:read'],
});

export const listComplaintsRoute = defineRoute({
  operationId: 'listComplaints',
  method: 'GET',
  path: '/complaints',
  summary: "R29: the complaint register, newest first: by status, customer, registered from a day; a customer's own",
  tag: 'Complaints',
  handler: 'functions/complaints/list.ts',
  access: { roles: [...complaintStaff, 'customer'] },
  query: ComplaintQuery,
  responses: {
    200: { description: 'A page of complaints', schema: ComplaintPage, customerSchema: CustomerComplaintPage },
  },
  grants: ['table:read'],
});

export const weighComplaintRoute = defineRoute({
  operationId: 'weighComplaint',
  method: 'POST',
  path: '/complaints/{id}/weight',
  summary: "R28: the weight a short shipment's customer received, compared with the gross weight shipped",
  description:
    'A complaint waiting for the weight (`awaiting_weight`) goes on to its report; the same weight again changes nothing.',
  tag: 'Complaints',
  handler: 'functions/complaints/weigh.ts',
  access: { roles: ['customer', 'merchandiser'] },
  params: ComplaintParams,
  body: ComplaintWeight,
  maxBodyBytes: 1024,
  responses: { 200: { description: 'The complaint, weighed', schema: Complaint, customerSchema: CustomerComplaint } },
  errors: [404, 409],
  grants: ['table:read', 'table:write'],
});

export const complaintRoutes = [registerComplaintRoute, getComplaintRoute, listComplaintsRoute, weighComplaintRoute];
