import { createHash, randomBytes } from 'node:crypto';
import type { Approval, ApprovalRequest, Decision, DecisionValues } from '../schemas/approval.ts';
import { type DecisionFormName, decisionForms, formFields } from '../schemas/decision-form.ts';
import { companyTimeZone } from './company.ts';
import { Conflict, DomainError, ValidationFailed } from './errors.ts';
import type { EventOf } from './events.ts';
import { calendarDateIn } from './lead-time.ts';
import { idName, namedLink, namedLinkParts } from './named-links.ts';

/**
 * The one approval mechanism (design: "Approval links"). Every decision a person makes in a workflow is an
 * approval: asked of one assignee for one step, decided once, through a link or the API.
 */
export type ApprovalDecided = EventOf<'ApprovalDecided'>;

export class ApprovalGone extends DomainError {
  constructor(message = 'This approval link has expired.') {
    super(410, message);
  }
}

export class AlreadyDecided extends Conflict {}

/**
 * The decision could not be handed to the waiting workflow step (Step Functions unreachable, throttled, too slow to
 * answer): it was undone, so nothing counts yet, and the approver is asked to try again.
 */
export class WorkflowNotReached extends DomainError {
  constructor() {
    super(
      503,
      '您的决定未能转交流程，因此尚未记录，请稍后再试。Your decision could not be passed on to the workflow, so it has not been recorded: please try again in a moment.',
    );
  }
}

/** The task error of an escalation with nobody above the assignee: the workflow lapses the step instead. */
export const nobodyToEscalateTo = 'NobodyToEscalateTo';

/** The secret in an e-mailed link: 256 random bits. Only its hash is stored. */
export function newLinkSecret() {
  return randomBytes(32).toString('base64url');
}

export function linkHash(secret: string) {
  return createHash('sha256').update(secret).digest('base64url');
}

/** An approval's e-mailed link (A12): its id beside the secret. */
export const approvalLink = (id: string, secret: string) => namedLink([id], secret);

/** The parts of an approval's link, or undefined when it is none. */
export function approvalLinkParts(link: string): { approvalId?: string; secret: string } | undefined {
  const parts = namedLinkParts(link, [idName('apr')]);
  return parts?.names ? { approvalId: parts.names[0], secret: parts.secret } : parts;
}

export function openApproval(request: ApprovalRequest, { id, now }: { id: string; now: Date }): Approval {
  const { expiresInSeconds, ...asked } = request;
  return {
    ...asked,
    id,
    status: 'pending',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + expiresInSeconds * 1000).toISOString(),
  };
}

/** Why an approval can no longer be decided, or undefined when it can. */
export function closedBecause(approval: Approval, now: Date): DomainError | undefined {
  if (approval.status === 'decided') {
    return new AlreadyDecided(`This was already decided (${approval.decision?.outcome}) by ${approval.decision?.by}.`);
  }
  if (approval.status === 'closed') return new ApprovalGone(`This request is closed: ${approval.closedReason}.`);
  if (now.getTime() >= Date.parse(approval.expiresAt)) return new ApprovalGone();
  return undefined;
}

/**
 * Checks a decision against what was asked; returns the decided approval. R13: a refusal is given in writing. An
 * approval with a form needs its values, checked by the form (each problem named `values.<field>`); a refusal
 * needs none and keeps none.
 */
export function decide(
  approval: Approval,
  decision: Decision,
  { by, now, channel }: { by: string; now: Date; channel: 'link' | 'api' },
): Approval {
  const closed = closedBecause(approval, now);
  if (closed) throw closed;
  if (decision.outcome === 'reject' && !decision.comment) {
    throw new ValidationFailed([{ field: 'comment', message: 'is required to reject: give the reason in writing' }]);
  }
  const { values: _, ...rest } = decision;
  const values =
    decision.outcome === 'approve' && approval.form
      ? formValuesOf(approval.form, approval.lines ?? [], decision.values ?? {}, now)
      : undefined;
  return {
    ...approval,
    status: 'decided',
    decision: { ...rest, ...(values ? { values } : {}), by, at: now.toISOString(), channel },
  };
}

function formValuesOf(
  form: DecisionFormName,
  lines: NonNullable<Approval['lines']>,
  values: Record<string, unknown>,
  now: Date,
) {
  const parsed = decisionForms[form].safeParse(values);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        field: ['values', ...issue.path].join('.'),
        message:
          issue.code === 'invalid_type' && valueAt(values, issue.path) === undefined ? 'is required' : issue.message,
      }));
  for (const { key } of formFields(form).filter((f) => f.input === 'line-quantities')) {
    problems.push(...lineProblems(key, values[key], lines));
  }
  if (parsed.success) problems.push(...dateProblems(form, parsed.data, now));
  if (problems.length) throw new ValidationFailed(problems);
  return parsed.data as DecisionValues;
}

/**
 * Dates that make no sense are refused, naming the field: a promised date before the company's today (R5: PMC
 * promises a day to come), a deposit received after it (R9: finance records what has arrived).
 */
function dateProblems(form: DecisionFormName, values: Record<string, unknown>, now: Date) {
  const today = calendarDateIn(now, companyTimeZone);
  return formFields(form).flatMap(({ key, dates }) => {
    const value = values[key];
    if (typeof value !== 'string' || !dates) return [];
    if (dates === 'today-or-later' && value < today) {
      return [{ field: `values.${key}`, message: `is before today (${today}): it must be today or a later day` }];
    }
    if (dates === 'today-or-earlier' && value > today) {
      return [{ field: `values.${key}`, message: `is after today (${today}): it cannot be a day still to come` }];
    }
    return [];
  });
}

const valueAt = (value: unknown, path: PropertyKey[]) =>
  path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key], value);

/** R19: a quantity for each line the request named, once each, no more than the line's quantity. */
function lineProblems(key: string, given: unknown, lines: NonNullable<Approval['lines']>) {
  if (!Array.isArray(given)) return [];
  const entries = given.filter(
    (e): e is { line: number; quantity: number } => Number.isInteger(e?.line) && typeof e?.quantity === 'number',
  );
  const problems = entries.flatMap(({ line, quantity }, i) => {
    const asked = lines.find((l) => l.line === line);
    if (!asked)
      return [{ field: `values.${key}.${i}.line`, message: `line ${line} is not one of this request's lines` }];
    if (quantity > asked.quantity) {
      return [{ field: `values.${key}.${i}.quantity`, message: `is more than line ${line}'s ${asked.quantity}` }];
    }
    return entries.findIndex((e) => e.line === line) < i
      ? [{ field: `values.${key}.${i}.line`, message: `line ${line} is given twice` }]
      : [];
  });
  const missing = lines.filter((l) => !entries.some((e) => e.line === l.line)).map((l) => l.line);
  if (missing.length) problems.push({ field: `values.${key}`, message: `needs line ${missing.join(', ')}` });
  return problems;
}

/** What the workflow's waiting task receives: the decision, never the link or the token. */
export function taskOutput(approval: Approval) {
  const { decision } = approval;
  return {
    approvalId: approval.id,
    outcome: decision?.outcome,
    comment: decision?.comment ?? '',
    values: decision?.values ?? {},
    decidedBy: decision?.by,
    decidedAt: decision?.at,
  };
}

/** Requests asked before approvals named their execution are taken as the same one, as they were then. */
export const sameExecution = (
  earlier: Pick<ApprovalRequest, 'execution'>,
  request: Pick<ApprovalRequest, 'execution'>,
) => earlier.execution === undefined || request.execution === undefined || earlier.execution === request.execution;
