import * as z from 'zod';
import { requestApproval } from '../../shared/application/approvals.ts';
import { ApprovalRequest } from '../../shared/schemas/approval.ts';

const Payload = ApprovalRequest.extend({ taskToken: z.string().min(1) });

/**
 * Invoked by a workflow's `.waitForTaskToken` task: stores the approval and e-mails the link. The workflow then
 * waits until the decision (or its TimeoutSeconds, which the ASL turns into a reminder and an escalation).
 */
export async function handler(event: unknown) {
  const { taskToken, ...request } = Payload.parse(event);
  const approval = await requestApproval(request, taskToken);
  return { approvalId: approval.id };
}
