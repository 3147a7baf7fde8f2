import * as z from 'zod';
import { defineRoute, tableItems } from '../../shared/http/route.ts';
import { approvalErrorPage } from '../../shared/pages/approval.ts';
import { outboxKeys } from '../../shared/persistence/outbox.ts';
import { statementKeys } from '../../shared/persistence/statements.ts';
import {
  CustomerStatement,
  CustomerStatementPage,
  Statement,
  StatementIdParams,
  StatementPage,
  StatementSignBack,
  StatementsQuery,
} from '../../shared/schemas/statement.ts';

/** Everyone of the company who follows statements (R38): finance, the account's people and their leaders. */
const statementStaff = ['finance', 'merchandiser', 'leader', 'gm', 'sales-admin'] as const;

export const listStatementsRoute = defineRoute({
  operationId: 'listStatements',
  method: 'GET',
  path: '/statements',
  summary:
    "R38: the month-end statements, latest month first: by status, customer, months from a day; a customer's own",
  tag: 'Statements',
  handler: 'functions/statements/list.ts',
  access: { roles: [...statementStaff, 'customer'] },
  query: StatementsQuery,
  responses: {
    200: { description: 'A page of statements', schema: StatementPage, customerSchema: CustomerStatementPage },
  },
  grants: ['table:read'],
});

export const getStatementRoute = defineRoute({
  operationId: 'getStatement',
  method: 'GET',
  path: '/statements/{id}',
  summary:
    "R38: a statement (对账单) and where it stands, as JSON or, with `Accept: application/pdf`, the document in the customer's language",
  tag: 'Statements',
  handler: 'functions/statements/get.ts',
  access: { roles: [...statementStaff, 'customer'] },
  params: StatementIdParams,
  responses: {
    200: {
      description: 'The statement',
      schema: Statement,
      customerSchema: CustomerStatement,
      files: ['application/pdf'],
    },
  },
  errors: [404],
  grants: ['table:read'],
});

export const signBackStatementRoute = defineRoute({
  operationId: 'signBackStatement',
  method: 'POST',
  path: '/statements/{id}/sign-back',
  summary: "R38: the customer's system confirms its statement, or disputes entries of it with what is wrong",
  description:
    'Only a statement waiting for its answer (`sent`) is signed back, once per revision; disputed entries must be entries of the statement. A dispute goes to finance and the merchandiser; a corrected statement follows as a new revision to sign again.',
  tag: 'Statements',
  handler: 'functions/statements/sign-back.ts',
  access: { roles: ['customer'] },
  params: StatementIdParams,
  body: StatementSignBack,
  maxBodyBytes: 64 * 1024,
  idempotent: true,
  responses: { 200: { description: 'The statement, signed back', schema: CustomerStatement } },
  errors: [404, 409],
  grants: ['table:read', 'table:write'],
});

const StatementLinkParams = z.object({ link: z.string().max(200) });
/** Public: the link and the statement it stands for; a sign-back writes the statement, its history and the event. */
const linkReads = tableItems('read', statementKeys.links, statementKeys.items);

export const showStatementLinkRoute = defineRoute({
  operationId: 'showStatementLink',
  method: 'GET',
  path: '/statement-links/{link}',
  summary: 'R38: the page a customer confirms or disputes its statement on, from the link e-mailed with it',
  tag: 'Statements',
  handler: 'functions/statements/show-link.ts',
  access: 'public',
  params: StatementLinkParams,
  responses: { 200: { description: 'HTML page: the statement and the sign-back form, or its answer already given' } },
  errors: [404],
  grants: [linkReads],
  page: { error: approvalErrorPage },
});

export const signBackByLinkRoute = defineRoute({
  operationId: 'signBackStatementByLink',
  method: 'POST',
  path: '/statement-links/{link}',
  summary: "R38: the statement confirmed or disputed from the link's page (form-encoded)",
  tag: 'Statements',
  handler: 'functions/statements/sign-by-link.ts',
  access: 'public',
  params: StatementLinkParams,
  body: z
    .object({
      outcome: z.string().max(20).optional(),
      signedBy: z.string().max(200).optional(),
      comment: z.string().max(2000).optional(),
    })
    .catchall(z.string().max(60))
    .meta({
      id: 'LinkStatementSignBack',
      description:
        "The sign-back page's form, checked as StatementSignBack: `outcome` confirmed or disputed, each disputed entry as `entry.<position>` holding its reference; a problem brings the form back.",
    }),
  maxBodyBytes: 32 * 1024,
  responses: {
    200: {
      description:
        'HTML page: the statement confirmed or disputed (or answered already). A problem answers 400 with the form again, each problem beside its field, nothing recorded',
    },
  },
  errors: [404],
  grants: [linkReads, tableItems('write', statementKeys.items, statementKeys.customers, outboxKeys.events)],
  page: { error: approvalErrorPage },
});

export const statementRoutes = [
  listStatementsRoute,
  getStatementRoute,
  signBackStatementRoute,
  showStatementLinkRoute,
  signBackByLinkRoute,
];
