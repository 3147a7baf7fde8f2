import { defineRoute } from '../../shared/http/route.ts';
import {
  LedgerAdjustment,
  LedgerAdjustmentList,
  LedgerAdjustmentParams,
  NewLedgerAdjustment,
} from '../../shared/schemas/adjustment.ts';
import { CustomerIdParams } from '../../shared/schemas/customer.ts';
import { AgeingReport, Reconciliation, ReconciliationQuery } from '../../shared/schemas/receivables.ts';

/** F7: finance keeps the receivables; the managers answerable for the accounts follow them. */
const moneyStaff = ['finance', 'leader', 'gm'] as const;

export const requestAdjustmentRoute = defineRoute({
  operationId: 'requestLedgerAdjustment',
  method: 'POST',
  path: '/customers/{id}/adjustments',
  summary:
    "R40: ask for a manual adjustment of a customer's receivable (a debit or a credit, with its reason): booked only once the requester's leader — the finance leader — approves",
  tag: 'Receivables',
  handler: 'functions/receivables/request-adjustment.ts',
  access: { roles: ['finance'] },
  params: CustomerIdParams,
  body: NewLedgerAdjustment,
  maxBodyBytes: 4 * 1024,
  idempotent: true,
  responses: {
    202: {
      description: "Asked: it waits for the finance leader's decision; nothing is booked yet",
      schema: LedgerAdjustment,
      headers: ['ETag', 'Location'],
    },
  },
  errors: [404, 409, 422],
  grants: ['table:read', 'table:write'],
});

export const listAdjustmentsRoute = defineRoute({
  operationId: 'listLedgerAdjustments',
  method: 'GET',
  path: '/customers/{id}/adjustments',
  summary: "A customer's ledger adjustments, newest first, with how each ended",
  tag: 'Receivables',
  handler: 'functions/receivables/list-adjustments.ts',
  access: { roles: moneyStaff },
  params: CustomerIdParams,
  responses: { 200: { description: 'The adjustments', schema: LedgerAdjustmentList } },
  errors: [404],
  grants: ['table:read'],
});

export const getAdjustmentRoute = defineRoute({
  operationId: 'getLedgerAdjustment',
  method: 'GET',
  path: '/customers/{id}/adjustments/{adjustmentId}',
  summary: 'One ledger adjustment: the amount, the reason, the decision, when it was booked',
  tag: 'Receivables',
  handler: 'functions/receivables/get-adjustment.ts',
  access: { roles: moneyStaff },
  params: LedgerAdjustmentParams,
  responses: { 200: { description: 'The adjustment', schema: LedgerAdjustment, headers: ['ETag'] } },
  errors: [404],
  grants: ['table:read'],
});

export const ageingReportRoute = defineRoute({
  operationId: 'getAgeingReport',
  method: 'GET',
  path: '/reports/ageing',
  summary:
    'R40: the ageing of every customer that owes money — terms, balance, the ageing buckets, the oldest overdue days — the most overdue first, with totals per currency; complete, not paged',
  tag: 'Receivables',
  handler: 'functions/receivables/ageing-report.ts',
  access: { roles: ['finance', 'leader', 'gm', 'admin'] },
  responses: { 200: { description: 'The ageing report', schema: AgeingReport } },
  grants: ['table:read'],
});

export const reconciliationRoute = defineRoute({
  operationId: 'getReconciliation',
  method: 'GET',
  path: '/customers/{id}/reconciliation',
  summary:
    "R40: a customer's orders placed, delivery notes booked, return notes credited, adjustments booked, invoices issued and payments received from one day to another, with the differences found; customers read their own",
  tag: 'Receivables',
  handler: 'functions/receivables/reconciliation.ts',
  access: { roles: ['finance', 'merchandiser', 'leader', 'gm', 'customer'] },
  params: CustomerIdParams,
  query: ReconciliationQuery,
  responses: { 200: { description: 'The reconciliation', schema: Reconciliation } },
  errors: [404],
  grants: ['table:read'],
});

export const receivableRoutes = [
  requestAdjustmentRoute,
  listAdjustmentsRoute,
  getAdjustmentRoute,
  ageingReportRoute,
  reconciliationRoute,
];
