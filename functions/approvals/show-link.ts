import { approvalLinkPath } from '../../shared/application/approvals.ts';
import { closedBecause } from '../../shared/domain/approval.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { closedPage, confirmationPage, decidedPage } from '../../shared/pages/approval.ts';
import { publicApproval } from '../../shared/persistence/approvals.ts';
import { port } from '../../shared/runtime.ts';
import { approvalOfLink } from './link.ts';
import { showApprovalLink } from './routes.ts';

/** A GET never decides: mail scanners open links within seconds of delivery. */
export const handler = httpHandler(showApprovalLink, async ({ params }) => {
  const approval = publicApproval(await approvalOfLink(params.link));
  if (approval.status === 'decided') return { status: 200, body: decidedPage(approval) };
  const now = port('clock').now();
  if (closedBecause(approval, now)) return closedPage(approval, now);
  return { status: 200, body: confirmationPage(approval, approvalLinkPath(params.link)) };
});
