import { createHash, randomBytes } from 'node:crypto';
import type { Approval, ApprovalRequest, Decision } from '../schemas/approval.ts';
import { Conflict, DomainError, ValidationFailed } from './errors.ts';
import type { DomainEvent } from './events.ts';

/**
 * The one approval mechanism (design: "Approval links"). Every decision a person makes in a workflow is an
 * approval: asked of one assignee for one step, decided once, through a link or the API.
 */
export type ApprovalDecided = DomainEvent<'ApprovalDecided', { approval: Approval }>;

export class ApprovalGone extends DomainError {
  constructor(message = 'This approval link has expired.') {
    super(410, message);
  }
}

export class AlreadyDecided extends Conflict {}

/** The task error of an escalation with nobody above the assignee: the workflow lapses the step instead. */
export const nobodyToEscalateTo = 'NobodyToEscalateTo';

/** The secret in an e-mailed link: 256 random bits. Only its hash is stored. */
export function newLinkSecret() {
  return randomBytes(32).toString('base64url');
}

export function linkHash(secret: string) {
  return createHash('sha256').update(secret).digest('base64url');
}

export const linkSecretPattern = /^[A-Za-z0-9_-]{43}$/;

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

/** Checks a decision against what was asked; returns the decided approval. R13: a refusal is given in writing. */
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
  if (decision.outcome === 'approve' && approval.value && !decision.value) {
    throw new ValidationFailed([{ field: 'value', message: `is required: ${approval.value.label}` }]);
  }
  return { ...approval, status: 'decided', decision: { ...decision, by, at: now.toISOString(), channel } };
}

/** What the workflow's waiting task receives: the decision, never the link or the token. */
export function taskOutput(approval: Approval) {
  const { decision } = approval;
  return {
    approvalId: approval.id,
    outcome: decision?.outcome,
    comment: decision?.comment ?? '',
    value: decision?.value ?? null,
    decidedBy: decision?.by,
    decidedAt: decision?.at,
  };
}
