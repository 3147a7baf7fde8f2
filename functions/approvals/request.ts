import * as z from 'zod';
import { requestApproval } from '../../shared/application/approvals.ts';
import { requestSignOff } from '../../shared/application/sign-offs.ts';
import { nobodyToEscalateTo } from '../../shared/domain/approval.ts';
import { port } from '../../shared/runtime.ts';
import { ApprovalRequest, SignOffRequest } from '../../shared/schemas/approval.ts';
import { Email } from '../../shared/schemas/common.ts';

const Payload = z.union([
  SignOffRequest.extend({ taskToken: z.string().min(1) }),
  ApprovalRequest.extend({ taskToken: z.string().min(1), assignee: Email.nullable() }),
]);

/**
 * Invoked by a workflow's `.waitForTaskToken` task: stores the approval (or, for a sign-off group, one per signer)
 * and e-mails the links. The workflow then waits until the decision (or its TimeoutSeconds, which the ASL turns
 * into a reminder and an escalation). An escalation with nobody to go to ends the task at once, and the workflow
 * lapses the step.
 */
export async function handler(event: unknown) {
  const payload = Payload.parse(event);
  if ('signers' in payload) {
    const { taskToken, ...request } = payload;
    const group = await requestSignOff(request, taskToken);
    return { signOffId: group.id };
  }
  const { taskToken, assignee, ...request } = payload;
  if (assignee === null) {
    await port('workflows').sendTaskFailure(taskToken, nobodyToEscalateTo, `Nobody to escalate ${request.step} to.`);
    return {};
  }
  const approval = await requestApproval({ ...request, assignee }, taskToken);
  return { approvalId: approval.id };
}
