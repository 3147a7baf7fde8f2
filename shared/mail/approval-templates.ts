import { codeRules } from '../domain/approval-code.ts';
import { companyTime } from '../domain/company.ts';
import { forPeople } from '../pages/approval.ts';
import type { Approval } from '../schemas/approval.ts';
import { composeEmail } from './layout.ts';

/** The facts as the page shows them: labels without the rule numbers the workflows cite (values are data, kept whole). */
const factLines = (approval: Approval) =>
  approval.facts.map((fact) => `${forPeople(fact.label)}: ${fact.value}`).join('\n');

const prefix = (approval: Approval) => {
  if (approval.escalatedFrom) return '【升级 Escalated】';
  if (approval.reminder > 0) return '【提醒 Reminder】';
  return '【待审批 Approval needed】';
};

/** To the assignee: what is asked, the facts, and the one link that opens the confirmation page. */
export function approvalEmail(approval: Approval, link: string) {
  const deadline = companyTime(approval.expiresAt);
  return composeEmail(`${prefix(approval)} ${forPeople(approval.ask)}: ${approval.subject.title}`, [
    approval.escalatedFrom
      ? `${approval.escalatedFrom} 未在期限内处理，现转交您决定。 ${approval.escalatedFrom} did not answer in time; the decision now rests with you.`
      : `请审批 Please decide: ${forPeople(approval.ask)}.`,
    ...(approval.group
      ? [
          `会签：共 ${approval.group.size} 人须各自签署，任何一人拒绝即终止。 Sign-off: ${approval.group.size} people must each sign; one refusal ends it.`,
        ]
      : []),
    factLines(approval),
    `打开链接后确认（链接本身不会作出任何决定），有效期至 ${deadline}。 The link opens a confirmation page (opening it decides nothing); it is valid until ${deadline}. The decision is recorded in the name of ${approval.assignee}.`,
    ...(approval.assignedBecause ? [`为何是您 Why you: ${approval.assignedBecause}.`] : []),
    { link, label: `审批 Decide: ${approval.subject.title}` },
  ]);
}

/** To the person first asked: nobody answered in time, so their leader now decides; their link no longer works. */
export function approvalEscalatedEmail(earlier: Approval, escalated: Approval) {
  return composeEmail(`【已升级 Escalated】${forPeople(earlier.ask)}: ${earlier.subject.title}`, [
    `您未在期限内处理，此事已转交 ${escalated.assignee} 决定；您的链接已失效。 You did not answer in time, so ${escalated.assignee} now decides; your link no longer works.`,
    factLines(earlier),
    `决定仍属于 ${earlier.role} 的职责。 The decision still belongs to the ${earlier.role} role; please give ${escalated.assignee} what they need.`,
  ]);
}

/**
 * To the assignee, when someone holding their link asks to decide: the code (not in the subject line, which phones
 * show on a locked screen), until when it works, and what to do if it was not them.
 */
export function approvalCodeEmail(approval: Approval, code: string, validUntil: string) {
  const until = companyTime(validUntil);
  const minutes = codeRules.validSeconds / 60;
  return composeEmail(`【验证码 Confirmation code】${forPeople(approval.ask)}: ${approval.subject.title}`, [
    `您的验证码 Your code: ${code}`,
    `用于确认：${forPeople(approval.ask)}（${approval.subject.title}）。${minutes} 分钟内有效，至 ${until}；最多可试 ${codeRules.tries} 次。 It confirms your decision on: ${forPeople(approval.ask)} (${approval.subject.title}). It is valid for ${minutes} minutes, until ${until}, for at most ${codeRules.tries} tries.`,
    '请勿将验证码告诉任何人，包括同事。 Do not give this code to anyone, colleagues included.',
    `如果这不是您本人的操作：有人打开了发给您的审批链接（邮件可能被转发），但没有验证码就无法作出决定。请不要输入或转发此验证码，并告知运营部门。 If you did not ask for this: someone opened the approval link sent to you (the e-mail may have been forwarded), and without this code they cannot decide. Do not enter or forward the code, and tell operations.`,
  ]);
}
