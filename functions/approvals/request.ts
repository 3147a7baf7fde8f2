import * as z from 'zod';
import { requestApproval } from '../../shared/application/approvals.ts';
import { NobodyToEscalateTo, resolveApprover } from '../../shared/application/approvers.ts';
import { requestSignOff } from '../../shared/application/sign-offs.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { port } from '../../shared/runtime.ts';
import { ApprovalTask, SignOffRequest } from '../../shared/schemas/approval.ts';

const Payload = z.union([
  SignOffRequest.extend({ taskToken: z.string().min(1) }),
  ApprovalTask.extend({ taskToken: z.string().min(1) }),
]);

/**
 * Invoked by a workflow's `.waitForTaskToken` task: resolves whom to ask from the step's rule over the staff
 * directory, stores the approval (or, for a sign-off group, one per signer) and e-mails the links. The workflow then
 * waits until the decision (or its TimeoutSeconds, which the ASL turns into a reminder and an escalation). An
 * escalation with nobody to go to ends the task at once, and the workflow lapses the step.
 */
export const handler = observed(request, correlationIdIn);

async function request(event: unknown) {
  const payload = Payload.parse(event);
  if ('signers' in payload) {
    const { taskToken, ...request } = payload;
    const group = await requestSignOff(request, taskToken);
    return { signOffId: group.id };
  }
  const { taskToken, approver, ...request } = payload;
  let resolved: Awaited<ReturnType<typeof resolveApprover>>;
  try {
    resolved = await resolveApprover({ ...request, approver });
  } catch (error) {
    if (!(error instanceof NobodyToEscalateTo)) throw error;
    await port('workflows').sendTaskFailure(taskToken, error.name, error.message);
    return {};
  }
  const { assignee, ...why } = resolved;
  const approval = await requestApproval({ ...request, ...why, assignee: assignee.email }, taskToken);
  return { approvalId: approval.id };
}
