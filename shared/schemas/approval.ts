import * as z from 'zod';
import { staffRoles } from '../domain/roles.ts';
import { Email, Language, Timestamp } from './common.ts';
import { decisionFormNames, decisionForms } from './decision-form.ts';

export const Outcome = z.enum(['approve', 'reject']).meta({ id: 'Outcome' });

/** A person of the staff directory, by id or e-mail. */
const StaffRef = z.string().min(1).max(254);

/**
 * Whom a workflow step asks, as a rule the request-approval worker resolves over the staff directory when it asks
 * (shared/domain/staff-directory.ts): never an address carried in a request body.
 */
export const ApproverRule = z
  .discriminatedUnion('rule', [
    z.object({ rule: z.literal('on-duty') }).meta({ description: 'Whoever is on duty for the role.' }),
    z.object({ rule: z.literal('deputy-on-duty') }).meta({
      description:
        'The deputy of whoever is on duty for the role, holding it (the deputy GM: the general manager’s deputy); the one on duty when no deputy can be asked.',
    }),
    z.object({ rule: z.literal('account-owner'), staff: StaffRef }).meta({
      description: 'The customer’s account owner (a staff id read from the customer), or whoever stands in for them.',
    }),
    z
      .object({ rule: z.literal('leader-of'), staff: StaffRef })
      .meta({ description: 'This person’s leader (a customer’s sales manager: the account owner’s leader).' }),
    z
      .object({ rule: z.literal('leader-of-assignee') })
      .meta({ description: 'An escalation: the leader of the person the step was last asked of.' }),
  ])
  .meta({ id: 'ApproverRule' });

/** What the workflow asks a person for (the request-approval task's payload, minus the task token). */
export const ApprovalRequest = z
  .object({
    flow: z.string().min(1).max(60),
    step: z.string().min(1).max(60),
    /** What is asked, in the approver's words: shown as the e-mail's subject and the page's heading. */
    ask: z.string().min(1).max(200),
    subject: z.object({ kind: z.string().min(1), id: z.string().min(1), title: z.string().min(1).max(200) }),
    /** The role the decision belongs to; an escalated step keeps it (its leader decides on the role's behalf). */
    role: z.enum(staffRoles),
    assignee: Email,
    /** Why this person was asked (the directory's rule: on duty, standing in, the requester's leader…). */
    assignedBecause: z.string().max(500).optional(),
    /** Who asked for what is decided (staff e-mail, or a customer's principal): never its decider (segregation). */
    requestedBy: z.string().min(1).max(254).optional(),
    /**
     * Deciding from the link also needs a one-time code mailed to the assignee (a decision above a configured value:
     * docs/decisions/approval-codes.md); the API's decision does not (the sign-in is the identity).
     */
    needsCode: z.boolean().optional(),
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
    /**
     * The workflow execution asking: its reminder or escalation closes only its own earlier requests, never those of
     * another execution at the same step about the same subject (two complaints, or two deliveries, of one order).
     */
    execution: z.string().min(1).max(2048).optional(),
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
export const SignOffRequest = ApprovalRequest.omit({
  role: true,
  assignee: true,
  assignedBecause: true,
  escalatedFrom: true,
  form: true,
  group: true,
  needsCode: true,
})
  .extend({
    execution: z.string().min(1).max(2048),
    signers: z
      .array(
        z.object({
          role: z.enum(staffRoles),
          approver: ApproverRule,
          /** Who was asked, once resolved. */
          assignee: Email.optional(),
          form: z.enum(decisionFormNames).optional(),
        }),
      )
      .min(2)
      .max(10),
  })
  .meta({ id: 'SignOffRequest' });

export type SignOffRequest = z.infer<typeof SignOffRequest>;

/** What a workflow's request-approval task sends: the request with the rule choosing its assignee. */
export const ApprovalTask = ApprovalRequest.omit({
  assignee: true,
  assignedBecause: true,
  escalatedFrom: true,
  group: true,
})
  .extend({ approver: ApproverRule })
  .meta({ id: 'ApprovalTask' });

export type ApproverRule = z.infer<typeof ApproverRule>;
export type ApprovalTask = z.infer<typeof ApprovalTask>;
