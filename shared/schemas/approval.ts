import * as z from 'zod';
import { staffRoles } from '../domain/roles.ts';
import { Email, Language, Timestamp } from './common.ts';
import { decisionFormNames, decisionForms } from './decision-form.ts';

export const Outcome = z.enum(['approve', 'reject']).meta({ id: 'Outcome' });

/** What the workflow asks a person for (the request-approval task's payload, minus the task token). */
export const ApprovalRequest = z
  .object({
    flow: z.string().min(1).max(60),
    step: z.string().min(1).max(60),
    /** What is asked, in the approver's words: shown as the e-mail's subject and the page's heading. */
    ask: z.string().min(1).max(200),
    subject: z.object({ kind: z.string().min(1), id: z.string().min(1), title: z.string().min(1).max(200) }),
    role: z.enum(staffRoles),
    assignee: Email,
    language: Language.default('zh-CN'),
    /** Facts shown on the confirmation page and in the e-mail, in order. */
    facts: z
      .array(z.object({ label: z.string(), value: z.string() }))
      .max(30)
      .default([]),
    /** What the approver enters with an approval (shared/schemas/decision-form.ts), e.g. PMC's promised date (R5). */
    form: z.enum(decisionFormNames).optional(),
    /** The subject's lines, for a form that asks a quantity per line (R19). */
    lines: z
      .array(z.object({ line: z.int().min(1), label: z.string().max(200), quantity: z.int().min(0) }))
      .max(200)
      .optional(),
    /** Set when this approval is one signature of a sign-off group (shared/domain/sign-off.ts). */
    group: z.object({ id: z.string(), size: z.int().min(2) }).optional(),
    /** 0 for the first request, 1 for the reminder, … */
    reminder: z.int().min(0).default(0),
    /** Set when the step was escalated past the assignee, naming whom it was first asked of. */
    escalatedFrom: Email.optional(),
    expiresInSeconds: z
      .int()
      .min(60)
      .max(365 * 86400),
  })
  .meta({ id: 'ApprovalRequest' });

export const ApprovalStatus = z.enum(['pending', 'decided', 'closed']).meta({
  id: 'ApprovalStatus',
  description: 'closed: expired, superseded by a reminder or escalation, or its workflow step ended.',
});

const formDescription = `What the step's form asks for (the approval's \`form\`): ${decisionFormNames.join(', ')}.`;

export const Decision = z
  .object({
    outcome: Outcome,
    comment: z.string().trim().max(2000).optional(),
    values: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: `${formDescription} Required to approve when the approval has a form.` }),
  })
  .strict()
  .meta({ id: 'Decision' });

/** The values of a decision as recorded: one of the forms, checked by it. */
const DecisionValues = z.union(Object.values(decisionForms)).meta({ description: formDescription });

export const Approval = ApprovalRequest.omit({ expiresInSeconds: true })
  .extend({
    id: z.string(),
    status: ApprovalStatus,
    createdAt: Timestamp,
    expiresAt: Timestamp,
    decision: Decision.extend({
      values: DecisionValues.optional(),
      by: z.string(),
      at: Timestamp,
      channel: z.enum(['link', 'api']),
    }).optional(),
    closedReason: z.string().optional(),
  })
  .meta({ id: 'Approval' });

export type ApprovalRequest = z.infer<typeof ApprovalRequest>;
export type Decision = z.infer<typeof Decision>;
export type DecisionValues = z.infer<typeof DecisionValues>;
export type Approval = z.infer<typeof Approval>;

/**
 * A step several people must each sign (a sign-off group): the request names them instead of one assignee. The
 * execution names the group, so that the step's reminder finds the signatures already given.
 */
export const SignOffRequest = ApprovalRequest.omit({ role: true, assignee: true, form: true, group: true })
  .extend({
    execution: z.string().min(1),
    signers: z
      .array(z.object({ role: z.enum(staffRoles), assignee: Email, form: z.enum(decisionFormNames).optional() }))
      .min(2)
      .max(10),
  })
  .meta({ id: 'SignOffRequest' });

export type SignOffRequest = z.infer<typeof SignOffRequest>;
