import type { ApprovalUndelivered, WorkflowStepFailed } from '../domain/step-failure.ts';
import { composeEmail } from './layout.ts';

const subjectLink = (appUrl: string, subject: { kind: string; id: string }, title: string) => ({
  link: `${appUrl}/${subject.kind}s/${subject.id}`,
  label: title,
});

/** To the merchandiser: a workflow step of their customer's or order's failed; operations decide what next. */
export function workflowStepFailedEmail(event: WorkflowStepFailed, appUrl: string) {
  const { flow, state, error, cause, title, operationsEmail } = event.data;
  return composeEmail(`【流程故障 Workflow step failed】${title}`, [
    `「${title}」的流程 ${flow} 在步骤 ${state} 失败（已自动重试）：${error} ${cause}`,
    `The ${flow} workflow of "${title}" failed at ${state} after its retries: ${error} ${cause}`,
    `运维（${operationsEmail}）已收到通知，将决定重新运行还是放弃；在此之前该流程暂停。 Operations (${operationsEmail}) were asked to run the step again or give the workflow up; until then it waits. The failure is in the history.`,
    subjectLink(appUrl, event.subject, title),
  ]);
}

/** To operations: the mail service refused an approval request; the workflow still waits for that person. */
export function approvalUndeliveredEmail(event: ApprovalUndelivered, appUrl: string) {
  const { ask, title, assignee, reason } = event.data;
  return composeEmail(`【审批邮件未送达 Approval e-mail refused】${ask}: ${title}`, [
    `发给 ${assignee} 的审批请求「${ask}」（${title}）被邮件服务拒绝：${reason}`,
    `The approval request "${ask}" (${title}) to ${assignee} was refused by the mail service: ${reason}`,
    '流程仍在等待该决定：请核对收件地址（提醒会再次发送），或由其通过系统决定。 The workflow still waits for this decision: check the address (the reminder sends again), or have the person decide in the system.',
    subjectLink(appUrl, event.subject, title),
  ]);
}
