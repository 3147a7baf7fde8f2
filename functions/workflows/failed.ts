import * as z from 'zod';
import { requestApproval } from '../../shared/application/approvals.ts';
import { resolveApprover } from '../../shared/application/approvers.ts';
import { concerned } from '../../shared/application/concerned.ts';
import { summarisedFacts } from '../../shared/domain/approval-summary.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { failureMessage, type WorkflowStepFailed } from '../../shared/domain/step-failure.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { approvalIdFor } from '../../shared/persistence/approvals.ts';
import { eventHistoryWrite } from '../../shared/persistence/history.ts';
import { AlreadyDone, claimOnceWrite } from '../../shared/persistence/once.ts';
import { writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';

const Payload = z.object({
  taskToken: z.string().min(1),
  flow: z.string(),
  state: z.string(),
  subject: z.object({ kind: z.enum(['order', 'customer']), id: z.string() }),
  execution: z.string(),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }),
  expiresInSeconds: z.int().min(60),
});

/**
 * A workflow step failed after its retries (state-machines/kit: every task's catch). The failure goes into the
 * subject's history once, the merchandiser is told (WorkflowStepFailed → notify), and operations decide from the
 * e-mailed link whether to run the step again (approve) or give the workflow up (reject).
 */
async function stepFailed(event: unknown) {
  const { taskToken, flow, state, subject, execution, error, expiresInSeconds } = Payload.parse(event);
  const table = port('table');
  const now = port('clock').now();
  const step = `${state}-failed`.slice(0, 60);
  const operations = await resolveApprover({ flow, step, subject, role: 'admin', approver: { rule: 'on-duty' } });
  const operationsEmail = operations.assignee.email;
  const { title, merchandiserEmail } = await concerned(subject);
  const { error: name, cause } = failureMessage(error);
  const failed: WorkflowStepFailed = domainEvent(
    'WorkflowStepFailed',
    subject,
    { flow, state, error: name, cause, title, merchandiserEmail, operationsEmail },
    { now: now.toISOString(), actor: `workflow:${flow}`, newId: port('ids').next },
  );
  try {
    await writeAtomically(table, {
      now,
      events: [failed],
      writes: [
        claimOnceWrite(`STEP_FAILED#${approvalIdFor(taskToken)}`, 'ONCE', now),
        eventHistoryWrite(table.name, failed, 'workflow-step-failed', `${state}: ${name} ${cause}`),
      ],
    });
  } catch (caught) {
    if (!(caught instanceof AlreadyDone)) throw caught;
  }
  await requestApproval(
    {
      flow,
      step,
      ask: '流程步骤失败：是否重新运行？ A workflow step failed: run it again?',
      subject: { ...subject, title },
      role: 'admin',
      assignee: operationsEmail,
      assignedBecause: operations.assignedBecause,
      language: 'zh-CN',
      facts: summarisedFacts({
        head: [
          { label: '流程 Workflow', value: flow },
          { label: '步骤 Step', value: state },
          { label: '错误 Error', value: name },
          { label: '原因 Cause', value: cause || '—' },
          { label: '执行 Execution', value: execution },
          { label: '批准 = 重新运行 Approve = run again', value: '拒绝 = 放弃流程 Reject = give the workflow up' },
        ],
      }),
      reminder: 0,
      expiresInSeconds,
    },
    taskToken,
  );
  return {};
}

export const handler = observed(stepFailed, correlationIdIn);
