import {
  AlreadyDecided,
  type ApprovalDecided,
  ApprovalGone,
  approvalLink,
  decide,
  linkHash,
  newLinkSecret,
  openApproval,
  sameExecution,
  taskOutput,
  WorkflowNotReached,
} from '../domain/approval.ts';
import { Forbidden, isTransient } from '../domain/errors.ts';
import { domainEvent } from '../domain/events.ts';
import { sign, signOffOutput, unsigned } from '../domain/sign-off.ts';
import type { ApprovalUndelivered } from '../domain/step-failure.ts';
import { logger } from '../http/handler.ts';
import { approvalEmail, approvalEscalatedEmail } from '../mail/approval-templates.ts';
import { approvalIdFor, approvalRepository, publicApproval } from '../persistence/approvals.ts';
import { eventHistoryWrite } from '../persistence/history.ts';
import { signOffRepository } from '../persistence/sign-offs.ts';
import { writeAtomically } from '../persistence/write.ts';
import { type MailMessage, taskGoneErrors } from '../ports/index.ts';
import { port } from '../runtime.ts';
import type { Approval, ApprovalRequest, Decision } from '../schemas/approval.ts';
import { currentDirectory, operationsEmail } from './people.ts';

export const approvalLinkPath = (link: string) => `/approval-links/${link}`;
const approvalLinkUrl = (link: string) => `${process.env.APP_URL ?? ''}${approvalLinkPath(link)}`;

type Stored = Awaited<ReturnType<ReturnType<typeof approvalRepository>['get']>>;

/**
 * A workflow step asks a person: earlier pending requests of the same step of the same execution are closed (the
 * reminder or the escalation supersedes them), the approval is stored with the hash of a new link secret, and the
 * assignee gets the link by e-mail. Only the e-mail ever holds the secret.
 */
export async function requestApproval(request: ApprovalRequest, taskToken: string, id = approvalIdFor(taskToken)) {
  const now = port('clock').now();
  const approvals = approvalRepository(port('table'));
  const superseded = (await approvals.forSubject(request.subject.kind, request.subject.id)).filter(
    (earlier) =>
      earlier.flow === request.flow &&
      earlier.step === request.step &&
      earlier.status === 'pending' &&
      earlier.taskToken !== taskToken &&
      sameExecution(earlier, request),
  );
  const secret = newLinkSecret();
  const approval = await approvals.open(openApproval(request, { id, now }), taskToken, linkHash(secret), now);
  const link = approvalLinkUrl(approvalLink(approval.id, secret));
  const messageId = await mailOrRecord(approval, now, {
    to: [approval.assignee],
    template: 'approval-request',
    ...approvalEmail(approval, link),
  });
  // A bounce or complaint names the message: it leads back to this request (shared/application/mail-feedback.ts).
  if (messageId) await approvals.recordMail(approval, messageId, approval.assignee);
  for (const earlier of superseded) {
    if (request.escalatedFrom) {
      await mailOrRecord(approval, now, {
        to: [earlier.assignee],
        template: 'approval-escalated',
        ...approvalEscalatedEmail(publicApproval(earlier), approval),
      });
    }
    await approvals.close(earlier, request.escalatedFrom ? 'escalated' : 'superseded by a reminder', now);
  }
  return approval;
}

/**
 * A fresh link to a pending approval, for a message other than its request (R7: the daily follow-up): the table keeps
 * only the hashes of links, so what was e-mailed before cannot be sent again. The request's own link stays valid.
 */
export async function anotherApprovalLink(approval: Pick<Approval, 'id' | 'expiresAt'>) {
  const secret = newLinkSecret();
  await approvalRepository(port('table')).addLink(approval, linkHash(secret));
  return approvalLinkUrl(approvalLink(approval.id, secret));
}

/** Sends, or — when the mail service refuses the message for good — records it as undelivered (see below). */
async function mailOrRecord(approval: Approval, now: Date, message: MailMessage) {
  try {
    return (await port('mail').send(message)).messageId;
  } catch (error) {
    if (isTransient(error)) throw error;
    await recordUndelivered(approval, (error as Error).message, now);
    return undefined;
  }
}

/**
 * The mail service refused the request (a bad address, a rejected message): the workflow keeps waiting — the
 * reminder sends again, the API can still decide — and operations are told, with the subject's history.
 */
async function recordUndelivered(approval: Approval, reason: string, now: Date) {
  const table = port('table');
  const event: ApprovalUndelivered = domainEvent(
    'ApprovalUndelivered',
    { kind: approval.subject.kind, id: approval.subject.id },
    {
      approvalId: approval.id,
      ask: approval.ask,
      title: approval.subject.title,
      assignee: approval.assignee,
      reason,
      operationsEmail: await operationsEmail(),
    },
    { now: now.toISOString(), actor: `workflow:${approval.flow}`, newId: port('ids').next },
  );
  const note = `${approval.ask} → ${approval.assignee}: ${reason}`;
  await writeAtomically(table, {
    now,
    events: [event],
    writes: [eventHistoryWrite(table.name, event, 'approval-undelivered', note)],
  });
}

/**
 * Records a decision and only then hands it to the waiting workflow step. If the step is gone (timed out,
 * or already completed) the approval is closed and the caller told so; if the workflow could not be reached
 * the decision is undone, so that it can be made again (503, "try again"). An attempt that got no answer may still
 * have reached the step: when the retry then finds the step gone, the earlier answer counted (`countedEarlier`).
 * `directoryRead`: the staff directory (who asked may not decide) sent with the caller's reads, else read when needed.
 */
export async function decideApproval(
  stored: Stored,
  decision: Decision,
  { by, channel }: { by: string; channel: 'link' | 'api' },
  directoryRead?: ReturnType<typeof currentDirectory>,
): Promise<{ approval: Approval; countedEarlier?: true }> {
  const now = port('clock').now();
  const approvals = approvalRepository(port('table'));
  if (stored.requestedBy) {
    const { directory } = await (directoryRead ?? currentDirectory());
    const segregation = directory.notTheRequester(stored.requestedBy, by);
    if (!segregation.allowed) throw new Forbidden(segregation.reason);
  }
  const decided = { ...stored, ...decide(publicApproval(stored), decision, { by, now, channel }) };
  const event: ApprovalDecided = domainEvent(
    'ApprovalDecided',
    { kind: stored.subject.kind, id: stored.subject.id },
    { approval: publicApproval(decided) },
    { now: now.toISOString(), actor: by, newId: port('ids').next },
  );
  if (stored.group) return { approval: await signInGroup(stored.group.id, decided, event, now) };
  await approvals.recordDecision(decided, event, now, () => new AlreadyDecided('This was decided a moment ago.'));
  try {
    await port('workflows').sendTaskSuccess(stored.taskToken, taskOutput(decided));
  } catch (error) {
    if (taskGoneErrors.has((error as Error).name)) {
      // An earlier attempt got no answer, yet the step it answered is gone now, while nothing (a reminder, a stop)
      // closed this request: that earlier answer reached the workflow. It is what counted, and the page says so.
      if (stored.unconfirmed) {
        const counted = { ...decided, decision: stored.unconfirmed, unconfirmed: undefined };
        await approvals.confirmDecision(counted, now);
        return { approval: publicApproval(counted), countedEarlier: true };
      }
      await approvals.close(decided, 'its workflow step had already ended', now);
      throw new ApprovalGone('This was already decided or has expired.');
    }
    logger.error('could not hand the decision to the workflow: undone', { error: error as Error, approval: stored.id });
    await approvals.undoDecision(decided, now);
    throw new WorkflowNotReached();
  }
  return { approval: publicApproval(decided) };
}

class GroupMoved extends Error {}

/**
 * One signature of a sign-off group: recorded with the group and a history entry in one transaction (a group
 * signed by someone else meanwhile is read again). The signature that ends the group — the last approval, or any
 * refusal — answers the waiting step; a refusal closes the others' requests. If the step is gone, the reminder or
 * escalation now waiting finds the group ended and answers itself; if the workflow could not be reached, the
 * signature is undone so that it can be given again.
 */
async function signInGroup(groupId: string, decided: Stored, event: ApprovalDecided, now: Date) {
  const table = port('table');
  const approvals = approvalRepository(table);
  const groups = signOffRepository(table);
  const { decision } = decided;
  let read: Awaited<ReturnType<typeof groups.find>>;
  let group: NonNullable<typeof read>;
  for (let attempt = 1; ; attempt++) {
    read = await groups.find(groupId);
    if (read?.status !== 'open') throw new ApprovalGone('This sign-off has already ended.');
    group = { ...sign(read, publicApproval(decided)), taskToken: read.taskToken };
    const signed = group.signers.filter((s) => s.signature?.outcome === 'approve').length;
    const action = decision?.outcome === 'approve' ? 'signed' : 'refused-to-sign';
    const note = `${decided.ask} (${signed}/${group.signers.length})${decision?.comment ? `: ${decision.comment}` : ''}`;
    try {
      await approvals.recordDecision(decided, event, now, () => new AlreadyDecided('This was decided a moment ago.'), [
        { ...groups.write(group, read.version), onConditionFailed: () => new GroupMoved() },
        eventHistoryWrite(table.name, event, action, note),
      ]);
      break;
    } catch (error) {
      if (!(error instanceof GroupMoved) || attempt >= 5) throw error;
    }
  }
  if (group.status === 'open') return publicApproval(decided);
  if (group.status === 'refused') {
    for (const other of unsigned(group)) {
      const pending = other.approvalId && (await approvals.find(other.approvalId));
      if (pending && pending.status === 'pending') await approvals.close(pending, 'another signer refused', now);
    }
  }
  try {
    await port('workflows').sendTaskSuccess(group.taskToken, signOffOutput(group));
  } catch (error) {
    if (taskGoneErrors.has((error as Error).name)) return publicApproval(decided);
    logger.error('could not hand the sign-off to the workflow: undone', { error: error as Error, group: groupId });
    await approvals.undoDecision(decided, now, [groups.write(read, group.version)]);
    throw new WorkflowNotReached();
  }
  return publicApproval(decided);
}

/**
 * A workflow gave up waiting (a lapse) or was stopped: its open requests are closed, so that their links say so.
 * `which` picks the flows whose requests close (a subject may have several workflows running); all by default.
 */
export async function closePendingApprovals(
  subject: { kind: string; id: string },
  reason: string,
  which: (flow: string) => boolean = () => true,
) {
  const approvals = approvalRepository(port('table'));
  const now = port('clock').now();
  for (const approval of await approvals.forSubject(subject.kind, subject.id)) {
    if (approval.status === 'pending' && which(approval.flow)) await approvals.close(approval, reason, now);
  }
}
