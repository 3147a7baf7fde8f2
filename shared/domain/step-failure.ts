import type { EventOf } from './events.ts';

/** A workflow step failed after its retries; operations are asked whether to run it again (state-machines/kit). */
export type WorkflowStepFailed = EventOf<'WorkflowStepFailed'>;

/** An approval's e-mail was refused by the mail service: the request stands, but nobody was told. */
export type ApprovalUndelivered = EventOf<'ApprovalUndelivered'>;

/** An approval's e-mail bounced: sent again to the assignee's deputy or leader, and the merchandiser told. */
export type ApprovalBounced = EventOf<'ApprovalBounced'>;

/** A recipient complained of one of our e-mails (marked it as spam): operations told. */
export type MailComplaint = EventOf<'MailComplaint'>;

const causeLimit = 600;

/** A Lambda error's cause is its runtime error document; people need its message, not the stack trace. */
export function failureMessage(error: { Error?: string; Cause?: string }) {
  const name = error.Error ?? 'States.TaskFailed';
  let cause = error.Cause ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') cause = parsed.errorMessage;
  } catch {}
  return { error: name, cause: cause.length > causeLimit ? `${cause.slice(0, causeLimit)}…` : cause };
}
