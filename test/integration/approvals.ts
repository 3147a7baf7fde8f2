import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
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

/** R10: passes a customer's onboarding review the way its approvers would, from the links in their e-mails. */
export async function passOnboarding(
  stack: OfflineStack,
  customer: { code: string; merchandiserEmail: string; salesManagerEmail: string },
) {
  await stack.settle();
  for (const approver of [customer.merchandiserEmail, customer.salesManagerEmail]) {
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
