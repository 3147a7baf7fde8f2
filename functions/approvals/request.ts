import * as z from 'zod';
import { requestApproval } from '../../shared/application/approvals.ts';
import { nobodyToEscalateTo } from '../../shared/domain/approval.ts';
import { port } from '../../shared/runtime.ts';
import { ApprovalRequest } from '../../shared/schemas/approval.ts';
import { Email } from '../../shared/schemas/common.ts';

const Payload = ApprovalRequest.extend({ taskToken: z.string().min(1), assignee: Email.nullable() });

/**
 * Invoked by a workflow's `.waitForTaskToken` task: stores the approval and e-mails the link. The workflow then
 * waits until the decision (or its TimeoutSeconds, which the ASL turns into a reminder and an escalation). An
 * escalation with nobody to go to ends the task at once, and the workflow lapses the step.
 */
export async function handler(event: unknown) {
  const { taskToken, assignee, ...request } = Payload.parse(event);
  if (assignee === null) {
    await port('workflows').sendTaskFailure(taskToken, nobodyToEscalateTo, `Nobody to escalate ${request.step} to.`);
    return {};
  }
  const approval = await requestApproval({ ...request, assignee }, taskToken);
  return { approvalId: approval.id };
}
