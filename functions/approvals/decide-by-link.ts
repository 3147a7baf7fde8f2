import { confirmByCode } from '../../shared/application/approval-codes.ts';
import { approvalLinkPath, decideApproval } from '../../shared/application/approvals.ts';
import { currentDirectory } from '../../shared/application/people.ts';
import { sent } from '../../shared/application/reads.ts';
import { AlreadyDecided, ApprovalGone } from '../../shared/domain/approval.ts';
import { ValidationFailed } from '../../shared/domain/errors.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { closedPage, codeStatus, confirmationPage, decidedPage } from '../../shared/pages/approval.ts';
import { publicApproval } from '../../shared/persistence/approvals.ts';
import { port } from '../../shared/runtime.ts';
import { formValues } from '../../shared/schemas/decision-form.ts';
import { approvalOfLink } from './link.ts';
import { decideByLink } from './routes.ts';

/**
 * The link is bound to its assignee: the decision is recorded in their name (design: "Approval links"); one that
 * needs a code decides only with the code e-mailed to them (docs/decisions/approval-codes.md). A value the step's
 * form refuses brings the form back, filled in as sent, with the problem beside the field. A link that can no longer
 * decide answers with who decided it and when, or why it closed (read again: it may have just changed).
 */
export const handler = httpHandler(decideByLink, async ({ params, body }) => {
  // One round of reads before the write: the link with its approval, and the staff directory (who asked for what is
  // decided may not decide it), the link's answer awaited first.
  const directoryRead = sent(currentDirectory());
  const stored = await approvalOfLink(params.link);
  const { outcome, comment, code, resend, ...fields } = body;
  const decision = {
    outcome,
    comment: comment?.trim() || undefined,
    values: stored.form ? formValues(stored.form, fields) : undefined,
  };
  const posted = { ...fields, ...(comment ? { comment } : {}) };
  const action = approvalLinkPath(params.link);
  try {
    if (stored.needsCode) {
      const asked = await confirmByCode(stored, decision, { code, resend: resend !== undefined });
      if (asked) {
        return {
          status: codeStatus(asked),
          body: confirmationPage(publicApproval(stored), action, { values: posted, code: asked }),
        };
      }
    }
    const { approval, countedEarlier } = await decideApproval(
      stored,
      decision,
      { by: stored.assignee, channel: 'link' },
      directoryRead,
    );
    return { status: 200, body: decidedPage(approval, { countedEarlier }) };
  } catch (error) {
    if (error instanceof AlreadyDecided || error instanceof ApprovalGone) {
      return closedPage(publicApproval(await approvalOfLink(params.link)), port('clock').now());
    }
    if (!(error instanceof ValidationFailed)) throw error;
    const page = confirmationPage(publicApproval(stored), action, { values: posted, errors: error.errors });
    return { status: 400, body: page };
  }
});
