import { domainEvent } from '../domain/events.ts';
import { resolvedOrThrow } from '../domain/staff-directory.ts';
import type { ApprovalBounced, MailComplaint } from '../domain/step-failure.ts';
import { logger } from '../http/handler.ts';
import { approvalIdFor, approvalRepository, publicApproval } from '../persistence/approvals.ts';
import { eventHistoryWrite } from '../persistence/history.ts';
import { AlreadyDone, claimOnceWrite } from '../persistence/once.ts';
import { type Write, writeAtomically } from '../persistence/write.ts';
import { port } from '../runtime.ts';
import type { ApprovalRequest } from '../schemas/approval.ts';
import type { DomainEvent } from '../schemas/events.ts';
import { requestApproval } from './approvals.ts';
import { concerned, isWorkflowSubject } from './concerned.ts';
import { currentDirectory } from './people.ts';

/**
 * What SES reports back about the e-mails sent (shared/schemas/ses-event.ts), handled at least once: each bounce or
 * complaint is recorded once (a claim on its message id), and what it sets going is safe to repeat.
 */

/** Records the event and its history entry once; false when a redelivery finds it recorded already. */
async function recordOnce(claim: string, event: DomainEvent, history: { action: string; note: string } | undefined) {
  const table = port('table');
  const writes: Write[] = [claimOnceWrite(claim, 'ONCE', new Date(event.occurredAt))];
  if (history && isWorkflowSubject(event.subject)) {
    writes.push(eventHistoryWrite(table.name, event, history.action, history.note));
  }
  try {
    await writeAtomically(table, { now: new Date(event.occurredAt), events: [event], writes });
    return true;
  } catch (error) {
    if (error instanceof AlreadyDone) return false;
    throw error;
  }
}

/**
 * An e-mail bounced. If it asked for an approval that is still pending, the request is sent again to the assignee's
 * deputy or, failing that, their leader (the staff directory as it is now), the bounced request closed, the reason
 * in the subject's history, and the merchandiser told (ApprovalBounced → notify). Other e-mails' bounces are only
 * logged: SES suppresses the address, and the reputation alarm watches the rate.
 */
export async function approvalBounced(messageId: string, recipients: string[], reason: string, template?: string) {
  const approvals = approvalRepository(port('table'));
  const found = await approvals.findByMail(messageId);
  if (!found) {
    logger.info('a bounce of an e-mail that asked no approval', { messageId, recipients, template });
    return { outcome: 'not-an-approval' as const };
  }
  const { approval } = found;
  const { directory, now } = await currentDirectory();
  if (approval.status !== 'pending' || now.getTime() >= Date.parse(approval.expiresAt)) {
    return { outcome: 'no-longer-pending' as const };
  }
  const bounced = found.recipient;
  // One signature of a sign-off group belongs to the person named: nobody signs in their stead.
  const instead = approval.group
    ? { ok: false as const, problem: `${bounced} is a named signer: nobody signs in their stead.` }
    : directory.insteadOfUnreachable(bounced, approval.role, now);
  const segregation =
    instead.ok && approval.requestedBy && directory.notTheRequester(approval.requestedBy, instead.person.email);
  const resolution =
    segregation && !segregation.allowed ? { ok: false as const, problem: segregation.reason } : instead;
  const who = isWorkflowSubject(approval.subject) ? await concerned(approval.subject) : undefined;
  const event: ApprovalBounced = domainEvent(
    'ApprovalBounced',
    { kind: approval.subject.kind, id: approval.subject.id },
    {
      approvalId: approval.id,
      ask: approval.ask,
      title: approval.subject.title,
      bounced,
      reason,
      ...(resolution.ok ? { resentTo: resolution.person.email, resentBecause: resolution.reason } : {}),
      ...(who ? { merchandiserEmail: who.merchandiserEmail } : {}),
      operationsEmail: resolvedOrThrow(directory.onDuty('admin', now)).email,
    },
    { now: now.toISOString(), actor: 'mail:ses', newId: port('ids').next },
  );
  const note = resolution.ok
    ? `${approval.ask} → ${bounced}: ${reason}; sent again to ${resolution.person.email} (${resolution.reason})`
    : `${approval.ask} → ${bounced}: ${reason}; ${resolution.problem}`;
  await recordOnce(`MAIL_BOUNCED#${messageId}`, event, { action: 'approval-bounced', note });
  if (!resolution.ok) return { outcome: 'nobody-instead' as const };
  const { id, status, createdAt, expiresAt, decision, closedReason, ...asked } = publicApproval(approval);
  const request: ApprovalRequest = {
    ...asked,
    assignee: resolution.person.email,
    assignedBecause: resolution.reason.slice(0, 500),
    expiresInSeconds: Math.max(60, Math.floor((Date.parse(expiresAt) - now.getTime()) / 1000)),
  };
  // The same waiting step (task token) asked of someone else: a new approval, its id derived from the bounced one's,
  // so that a redelivery finds it and only sends its link again.
  const resent = await requestApproval(request, approval.taskToken, approvalIdFor(`${approval.taskToken}#${id}`));
  await approvals.close(approval, `its e-mail bounced; sent again to ${resolution.person.email}`, now);
  return { outcome: 'resent' as const, approval: resent };
}

/** Someone marked an e-mail as spam: recorded (in the subject's history, when it asked an approval), operations told. */
export async function mailComplained(
  messageId: string,
  recipients: string[],
  feedbackType: string | undefined,
  template: string | undefined,
) {
  const found = await approvalRepository(port('table')).findByMail(messageId);
  const { directory, now } = await currentDirectory();
  const approval = found?.approval;
  const event: MailComplaint = domainEvent(
    'MailComplaint',
    approval ? { kind: approval.subject.kind, id: approval.subject.id } : { kind: 'mail', id: messageId },
    {
      messageId,
      recipients: recipients.slice(0, 50),
      ...(feedbackType ? { feedbackType } : {}),
      ...(template ? { template } : {}),
      ...(approval ? { approvalId: approval.id, title: approval.subject.title } : {}),
      operationsEmail: resolvedOrThrow(directory.onDuty('admin', now)).email,
    },
    { now: now.toISOString(), actor: 'mail:ses', newId: port('ids').next },
  );
  const note = `${recipients.join(', ')} marked ${template ?? 'an e-mail'} as spam${feedbackType ? ` (${feedbackType})` : ''}`;
  await recordOnce(`MAIL_COMPLAINT#${messageId}`, event, approval && { action: 'mail-complaint', note });
}
