import * as z from 'zod';
import { staffRoles } from '../../shared/domain/roles.ts';
import { defineRoute, tableItems } from '../../shared/http/route.ts';
import { approvalErrorPage } from '../../shared/pages/approval.ts';
import { approvalKeys } from '../../shared/persistence/approvals.ts';
import { historyPartitions } from '../../shared/persistence/history.ts';
import { outboxKeys } from '../../shared/persistence/outbox.ts';
import { signOffKeys } from '../../shared/persistence/sign-offs.ts';
import { staffKeys } from '../../shared/persistence/staff.ts';
import { Approval, Decision, Outcome } from '../../shared/schemas/approval.ts';

const LinkParams = z.object({ link: z.string().max(200) });
const page = { error: approvalErrorPage };

export const showApprovalLink = defineRoute({
  operationId: 'showApprovalLink',
  method: 'GET',
  path: '/approval-links/{link}',
  summary: 'The confirmation page of an e-mailed approval link (changes nothing)',
  tag: 'Approvals',
  handler: 'functions/approvals/show-link.ts',
  access: 'public',
  params: LinkParams,
  responses: { 200: { description: 'HTML confirmation page, or the decision already made' } },
  errors: [404, 410],
  // Public: it reads the link and its approval, nothing else.
  grants: [tableItems('read', approvalKeys.links, approvalKeys.items)],
  page,
});

export const decideByLink = defineRoute({
  operationId: 'decideByLink',
  method: 'POST',
  path: '/approval-links/{link}',
  summary: 'The decision posted from the confirmation page (form-encoded)',
  tag: 'Approvals',
  handler: 'functions/approvals/decide-by-link.ts',
  access: 'public',
  params: LinkParams,
  body: z
    .object({
      outcome: Outcome,
      comment: z.string().max(2000).optional(),
      code: z.string().max(20).optional().meta({
        description:
          'The one-time code e-mailed to the assignee, for an approval that needs one (`needsCode`); without it the POST sends a code instead of deciding.',
      }),
      resend: z
        .string()
        .max(10)
        .optional()
        .meta({ description: 'Present: send a new code (at most one a minute, five an approval).' }),
    })
    .catchall(z.string().max(2000))
    .meta({
      id: 'LinkDecision',
      description:
        "The confirmation page's form: the outcome, the comment, the fields of the step's form, and the one-time code where the approval needs one.",
    }),
  responses: {
    200: { description: 'HTML page confirming the decision' },
    202: {
      description:
        'HTML page asking for the one-time code (an approval that needs one): a code was e-mailed to the assignee, or one sent is still to be entered; nothing decided yet',
    },
  },
  errors: [404, 409, 410, 429, 503],
  // Public: it reads the link, its approval, the directory (segregation of duties) and a sign-off group; it writes
  // the approval with its event, a group's signature with its entry in the subject's history, and the one-time code
  // it e-mails to the assignee.
  grants: [
    tableItems(
      'read',
      approvalKeys.links,
      approvalKeys.items,
      approvalKeys.codes,
      staffKeys.partition,
      signOffKeys.items,
    ),
    tableItems(
      'write',
      approvalKeys.items,
      approvalKeys.codes,
      outboxKeys.events,
      signOffKeys.items,
      ...historyPartitions,
    ),
    'workflows:callback',
    'mail:send',
  ],
  page,
});

const ApprovalIdParams = z.object({ id: z.string().regex(/^apr_[A-Za-z0-9_-]{32}$/, 'is not an approval id') });

export const getApproval = defineRoute({
  operationId: 'getApproval',
  method: 'GET',
  path: '/approvals/{id}',
  summary: 'Read an approval: what was asked, of whom, and its decision',
  tag: 'Approvals',
  handler: 'functions/approvals/get.ts',
  access: { roles: staffRoles },
  params: ApprovalIdParams,
  responses: { 200: { description: 'The approval', schema: Approval } },
  errors: [404],
  grants: ['table:read'],
});

export const decideApprovalRoute = defineRoute({
  operationId: 'decideApproval',
  method: 'POST',
  path: '/approvals/{id}/decision',
  summary: 'Decide an approval through the API (needs the role it was asked of)',
  tag: 'Approvals',
  handler: 'functions/approvals/decide.ts',
  access: { roles: staffRoles },
  params: ApprovalIdParams,
  body: Decision,
  responses: { 200: { description: 'The decided approval', schema: Approval } },
  errors: [404, 409, 410, 503],
  grants: ['table:read', 'table:write', 'workflows:callback'],
});

export const listApprovals = defineRoute({
  operationId: 'listApprovals',
  method: 'GET',
  path: '/approvals',
  summary: "A subject's approvals, oldest first: who was asked what, and what they decided",
  tag: 'Approvals',
  handler: 'functions/approvals/list.ts',
  access: { roles: staffRoles },
  query: z.object({
    subject: z
      .string()
      .regex(/^[a-z-]+:[A-Za-z0-9_-]+$/, 'must be <kind>:<id>, e.g. customer:cus_…')
      .meta({ description: 'The subject, as <kind>:<id>.' }),
  }),
  responses: { 200: { description: 'The approvals', schema: z.object({ items: z.array(Approval) }) } },
  grants: ['table:read'],
});

export const approvalRoutes = [showApprovalLink, decideByLink, listApprovals, getApproval, decideApprovalRoute];
