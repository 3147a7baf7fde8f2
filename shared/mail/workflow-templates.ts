import type {
  ApprovalBounced,
  ApprovalUndelivered,
  MailComplaint,
  WorkflowStepFailed,
} from '../domain/step-failure.ts';
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

/** To the merchandiser: an approval request bounced, and whom it was sent to instead (or that nobody could be). */
export function approvalBouncedEmail(event: ApprovalBounced, appUrl: string) {
  const { ask, title, bounced, reason, resentTo, resentBecause, operationsEmail } = event.data;
  const outcome = resentTo
    ? [`已改发给 ${resentTo}（${resentBecause ?? ''}）。`, `It was sent again to ${resentTo} (${resentBecause ?? ''}).`]
    : [
        `找不到可代为决定的人；运维（${operationsEmail}）已收到通知。`,
        `Nobody could be found to decide instead; operations (${operationsEmail}) were told.`,
      ];
  return composeEmail(`【审批邮件被退回 Approval e-mail bounced】${ask}: ${title}`, [
    `发给 ${bounced} 的审批请求「${ask}」（${title}）被退回：${reason}`,
    `The approval request "${ask}" (${title}) to ${bounced} bounced: ${reason}`,
    ...outcome,
    '请核对员工目录中的邮箱地址。 Please check the address in the staff directory.',
    subjectLink(appUrl, event.subject, title),
  ]);
}

/** To operations: a recipient marked one of our e-mails as spam. */
export function mailComplaintEmail(event: MailComplaint) {
  const { messageId, recipients, feedbackType, template, title } = event.data;
  const what = [template, title].filter(Boolean).join(': ') || messageId;
  return composeEmail(`【邮件投诉 E-mail complaint】${what}`, [
    `${recipients.join(', ')} 将我们的邮件（${what}）标记为垃圾邮件${feedbackType ? `（${feedbackType}）` : ''}。`,
    `${recipients.join(', ')} marked our e-mail (${what}) as spam${feedbackType ? ` (${feedbackType})` : ''}. SES suppresses the address from now on; check that they should receive it.`,
    `Message id: ${messageId}`,
  ]);
}
