import { decideApproval } from '../../shared/application/approvals.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { decidedPage } from '../../shared/pages/approval.ts';
import { approvalOfLink } from './link.ts';
import { decideByLink } from './routes.ts';

/** The link is bound to its assignee: the decision is recorded in their name (design: "Approval links"). */
export const handler = httpHandler(decideByLink, async ({ params, body }) => {
  const stored = await approvalOfLink(params.link);
  const decided = await decideApproval(
    stored,
    { outcome: body.outcome, comment: body.comment?.trim() || undefined, value: body.value || undefined },
    { by: stored.assignee, channel: 'link' },
  );
  return { status: 200, body: decidedPage(decided) };
});
