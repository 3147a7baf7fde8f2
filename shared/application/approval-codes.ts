import { closedBecause, decide } from '../domain/approval.ts';
import {
  type CodeAsked,
  codeMatches,
  codePattern,
  codeState,
  issueCode,
  maskedEmail,
  type StoredCode,
} from '../domain/approval-code.ts';
import { logger } from '../http/handler.ts';
import { approvalCodeEmail } from '../mail/approval-templates.ts';
import { approvalRepository, publicApproval } from '../persistence/approvals.ts';
import { port } from '../runtime.ts';
import type { Approval, Decision } from '../schemas/approval.ts';

type Stored = Awaited<ReturnType<ReturnType<typeof approvalRepository>['get']>>;

/**
 * The one-time code step of a decision from a link (docs/decisions/approval-codes.md). Answers nothing when the
 * right code was given — the caller then decides as usual — or what to tell the person: a code was sent to the
 * assignee (never to whoever holds the link), the code was wrong (tries left), void, or may not be sent again yet.
 * The decision is checked first, so that a code is sent only for one that can be made. The code is never logged,
 * nor put in the approval, its history or its events.
 */
export async function confirmByCode(
  stored: Stored,
  decision: Decision,
  { code, resend }: { code?: string; resend: boolean },
): Promise<CodeAsked | undefined> {
  const now = port('clock').now();
  const approval = publicApproval(stored);
  const closed = closedBecause(approval, now);
  if (closed) throw closed;
  decide(approval, decision, { by: stored.assignee, now, channel: 'link' });
  const asked = { sentTo: maskedEmail(stored.assignee), outcome: decision.outcome };
  const approvals = approvalRepository(port('table'));
  const entered = code?.trim();
  if (resend || !entered) {
    const previous = await approvals.findCode(stored.id);
    if (!resend && previous && codeState(previous, now) === 'usable') return { ...asked, state: 'enter' };
    return { ...asked, ...(await sendCode(approval, previous, now)) };
  }
  if (!codePattern.test(entered)) return { ...asked, state: 'format' };
  const spent = await approvals.spendTry(stored.id, now);
  if (!spent) return { ...asked, state: 'void' };
  if (codeMatches(entered, spent)) return undefined;
  return spent.triesLeft > 0 ? { ...asked, state: 'wrong', triesLeft: spent.triesLeft } : { ...asked, state: 'void' };
}

async function sendCode(approval: Approval, previous: StoredCode | undefined, now: Date) {
  const issued = issueCode(previous, now);
  if ('refused' in issued) {
    return issued.refused === 'too-soon'
      ? { state: 'too-soon' as const, nextAt: issued.nextAt }
      : { state: 'too-many' as const };
  }
  // A concurrent request sent one a moment ago: that code is the one to enter.
  if (!(await approvalRepository(port('table')).saveCode(approval, issued.stored, previous))) {
    return { state: 'enter' as const };
  }
  await port('mail').send({
    to: [approval.assignee],
    template: 'approval-code',
    ...approvalCodeEmail(approval, issued.code, issued.stored.validUntil),
  });
  logger.info('approval code sent', { approval: approval.id, sent: issued.stored.sent });
  return { state: 'sent' as const, validUntil: issued.stored.validUntil };
}
