import * as z from 'zod';
import { roles } from '../domain/roles.ts';
import { Email, Language, Timestamp } from './common.ts';

export const Outcome = z.enum(['approve', 'reject']).meta({ id: 'Outcome' });

/** What the workflow asks a person for (the request-approval task's payload, minus the task token). */
export const ApprovalRequest = z
  .object({
    flow: z.string().min(1).max(60),
    step: z.string().min(1).max(60),
    /** What is asked, in the approver's words: shown as the e-mail's subject and the page's heading. */
    ask: z.string().min(1).max(200),
    subject: z.object({ kind: z.string().min(1), id: z.string().min(1), title: z.string().min(1).max(200) }),
    role: z.enum(roles),
    assignee: Email,
    language: Language.default('zh-CN'),
    /** Facts shown on the confirmation page and in the e-mail, in order. */
    facts: z
      .array(z.object({ label: z.string(), value: z.string() }))
      .max(30)
      .default([]),
    /** A value the approver must give with an approval, e.g. PMC's promised date (R5). */
    value: z.object({ kind: z.literal('date'), label: z.string() }).optional(),
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

export const Decision = z
  .object({
    outcome: Outcome,
    comment: z.string().trim().max(2000).optional(),
    value: z.iso.date().optional().meta({ description: 'The value the step asked for, e.g. a promised date.' }),
  })
  .strict()
  .meta({ id: 'Decision' });

export const Approval = ApprovalRequest.omit({ expiresInSeconds: true })
  .extend({
    id: z.string(),
    status: ApprovalStatus,
    createdAt: Timestamp,
    expiresAt: Timestamp,
    decision: Decision.extend({
      by: z.string(),
      at: Timestamp,
      channel: z.enum(['link', 'api']),
    }).optional(),
    closedReason: z.string().optional(),
  })
  .meta({ id: 'Approval' });

export type ApprovalRequest = z.infer<typeof ApprovalRequest>;
export type Decision = z.infer<typeof Decision>;
export type Approval = z.infer<typeof Approval>;
