import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import type { OfflineStack } from '../../scripts/offline/stack.ts';
import { port } from '../../shared/runtime.ts';

/** The newest e-mail of a template to one address, with its approval link. */
export function latestMail(stack: OfflineStack, template: string, to: string) {
  const mail = stack.mailbox.list().find((m) => m.template === template && m.to.includes(to));
  if (!mail) throw new Error(`no ${template} e-mail to ${to}`);
  const link = mail.links.find((l) => l.includes('/approval-links/'));
  return { ...mail, link: link ?? '', path: link ? new URL(link).pathname : '' };
}

/** Posts the confirmation page's form, as a browser would. */
export async function postDecision(url: string, fields: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, html: await response.text() };
}

/** The code in the newest one-time-code e-mail to `to` (docs/decisions/approval-codes.md). */
export function latestCode(stack: OfflineStack, to: string) {
  const code = latestMail(stack, 'approval-code', to).text.match(/Your code: (\d{6})/)?.[1];
  if (!code) throw new Error(`no code in the newest approval-code e-mail to ${to}`);
  return code;
}

/**
 * Decides an approval that needs a one-time code, as its assignee would: the first POST sends the code to `assignee`
 * (202, nothing decided), the second, with the code from that e-mail, decides.
 */
export async function postDecisionWithCode(
  stack: OfflineStack,
  link: string,
  assignee: string,
  fields: Record<string, string>,
) {
  const asked = await postDecision(link, fields);
  expect(asked.status).toBe(202);
  return await postDecision(link, { ...fields, code: latestCode(stack, assignee) });
}

/** Every task token the approvals hold (test-only scan of the test's own table). */
export async function storedTaskTokens(tableName: string) {
  const { Items = [] } = await port('table').client.send(
    new ScanCommand({
      TableName: tableName,
      FilterExpression: 'entity = :e',
      ExpressionAttributeValues: { ':e': 'approval' },
    }),
  );
  return Items.map((item) => item.taskToken as string);
}

/** No task token may appear in an e-mail (text, HTML, MIME), a link, or a captured log line. */
export function expectNoTokenLeak(tokens: string[], texts: string[]) {
  expect(tokens.length).toBeGreaterThan(0);
  for (const token of tokens) {
    for (const text of texts) expect(text.includes(token)).toBe(false);
  }
}

/**
 * R10: passes a customer's onboarding review the way its approvers would, from the links in their e-mails (a customer
 * of the demo merchandiser's, whose leader is the sales manager).
 */
export async function passOnboarding(stack: OfflineStack, customer: { code: string }) {
  await stack.settle();
  for (const approver of [demoPeople.merchandiser, demoPeople.salesManager]) {
    const mail = stack.mailbox
      .list()
      .find(
        (m) =>
          m.template === 'approval-request' && m.to.includes(approver) && m.subject.includes(`: ${customer.code} `),
      );
    const link = mail?.links.find((l) => l.includes('/approval-links/'));
    if (!link) throw new Error(`no onboarding request of customer ${customer.code} to ${approver}`);
    expect((await postDecision(link, { outcome: 'approve' })).status).toBe(200);
    await stack.settle();
  }
}

/** The newest approval request to `to` whose subject names `subject` (an order number), with its link. */
export function requestMail(stack: OfflineStack, to: string, subject: string) {
  const mail = stack.mailbox
    .list()
    .find((m) => m.template === 'approval-request' && m.to.includes(to) && m.subject.includes(subject));
  const link = mail?.links.find((l) => l.includes('/approval-links/'));
  if (!mail || !link) throw new Error(`no approval request about ${subject} to ${to}`);
  return { ...mail, link };
}

/** Decides the newest request to `to` whose subject names `subject` (an order number), from its e-mailed link. */
export async function decideFromMail(
  stack: OfflineStack,
  to: string,
  subject: string,
  fields: Record<string, string>,
  { settleAfter = true } = {},
) {
  await stack.settle();
  const mail = requestMail(stack, to, subject);
  const decided = await postDecision(mail.link, fields);
  expect(decided.status).toBe(200);
  if (settleAfter) await stack.settle();
  return mail;
}

/** Whom the directory asks in intake, for a customer of the demo merchandiser's (scripts/offline/demo-data.ts). */
export const intakeApprovers = {
  merchandiser: demoPeople.merchandiser,
  planning: demoPeople.plannerOnDuty,
  pmc: demoPeople.pmcOnDuty,
  finance: demoPeople.financeOnDuty,
};

/**
 * F1: takes a placed order through intake from the approvers' e-mails: accepted, approved by planning, promised
 * by PMC. A deposit customer's order then waits for its deposit (R9: a payment recorded through POST /payments).
 */
export async function takeThroughIntake(
  stack: OfflineStack,
  orderNumber: string,
  { promisedDate }: { promisedDate: string },
) {
  await decideFromMail(stack, intakeApprovers.merchandiser, orderNumber, { outcome: 'approve' });
  await decideFromMail(stack, intakeApprovers.planning, orderNumber, { outcome: 'approve' });
  await decideFromMail(stack, intakeApprovers.pmc, orderNumber, { outcome: 'approve', promisedDate });
}

/** The approval requests e-mailed to `to` about `about` (an order number, a request id), newest first. */
export function approvalRequests(stack: OfflineStack, to: string, about: string) {
  return stack.mailbox
    .list()
    .filter((m) => m.template === 'approval-request' && m.to.includes(to) && m.subject.includes(about));
}

/**
 * Waits for something the workflows do on their own timers: up to 30 s by the clock (not a count of polls), as the
 * whole suite on a busy 2-core machine can take several times what one file takes alone; nothing here is timed.
 */
export async function waitFor(probe: () => boolean, explain?: () => unknown) {
  const deadline = Date.now() + 30_000;
  while (!probe() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  expect(probe(), explain && JSON.stringify(explain(), null, 1)).toBe(true);
}

/** A workflow's executions as they stand, for a waitFor that failed to say where they are. */
export function executionsOf(stack: OfflineStack, stateMachine: string) {
  return stack.workflows
    .executions()
    .filter((e) => e.stateMachine === stateMachine)
    .map((e) => stack.workflows.execution(e.executionArn));
}
