import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler as mailFeedback } from '../../functions/approvals/mail-feedback.ts';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { bouncingDomain } from '../../shared/adapters/local/mailbox.ts';
import { approvalRepository } from '../../shared/persistence/approvals.ts';
import { port } from '../../shared/runtime.ts';
import { sesBounceEvent } from '../../shared/schemas/ses-event.ts';
import { newCustomer } from '../fixtures.ts';
import { latestMail, postDecision } from './approvals.ts';
import { testStack } from './stack.ts';

/**
 * An approval request that bounces (the local mailbox bounces every address at bounce.example, reporting it as SES
 * does, on the bus) is sent again to the assignee's deputy — or their leader — and the merchandiser is told.
 */
describe('a bounced approval request', async () => {
  const stack = await testStack();
  const admin = { role: 'admin' as const, email: demoPeople.operations };
  const merchandiser = { role: 'merchandiser' as const, email: demoPeople.merchandiser };

  const person = async (email: string) =>
    (await stack.call('GET', `/staff?email=${email}`, { as: admin })).body.items[0] as { id: string; version: number };
  const change = async (email: string, body: Record<string, unknown>) => {
    const { id, version } = await person(email);
    const patched = await stack.call('PATCH', `/staff/${id}`, { as: admin, body: { ...body, version } });
    expect(patched.status).toBe(200);
  };
  /** Waits for the bounce (reported a moment after sending) and all it sets going. */
  const until = async (what: () => boolean) => {
    for (let i = 0; i < 50 && !what(); i++) {
      await new Promise((r) => setTimeout(r, 100));
      await stack.settle();
    }
    expect(what()).toBe(true);
  };
  const mailed = (template: string, to: string, text: string) =>
    stack.mailbox.list().some((m) => m.template === template && m.to.includes(to) && m.subject.includes(text));
  /** A new customer whose merchandiser passed her review: the sales manager is asked next (R10). */
  const reviewedByMerchandiser = async (code: string) => {
    const name = `Bounce ${code} Ltd.`;
    const created = await stack.call('POST', '/customers', { as: merchandiser, body: newCustomer({ code, name }) });
    expect(created.status).toBe(201);
    await stack.settle();
    const { link } = latestMail(stack, 'approval-request', demoPeople.merchandiser);
    expect((await postDecision(link, { outcome: 'approve' })).status).toBe(200);
    await stack.settle();
    return { id: created.body.id as string, code };
  };

  it("goes to the assignee's deputy, the merchandiser is told, and the deputy's decision counts", async () => {
    const bouncing = `xu.ming@${bouncingDomain}`;
    await change(demoPeople.salesManager, { email: bouncing });
    // 徐明's deputy, Thomas Becker, is back.
    await change('thomas.becker@factory.example', { away: null });
    const customer = await reviewedByMerchandiser('801');
    expect(mailed('approval-request', bouncing, customer.code)).toBe(true);

    await until(() => mailed('approval-request', 'thomas.becker@factory.example', customer.code));
    await until(() => mailed('approval-bounced', demoPeople.merchandiser, customer.code));
    const told = latestMail(stack, 'approval-bounced', demoPeople.merchandiser);
    expect(told.text).toContain(bouncing);
    expect(told.text).toContain('thomas.becker@factory.example');

    const approvals = await approvalRepository(port('table')).forSubject('customer', customer.id);
    const bounced = approvals.find((a) => a.assignee === bouncing);
    const resent = approvals.find((a) => a.assignee === 'thomas.becker@factory.example');
    expect(bounced).toMatchObject({ status: 'closed' });
    expect(bounced?.closedReason).toContain('bounced');
    expect(resent).toMatchObject({ status: 'pending' });
    expect(resent?.assignedBecause).toContain('deputy');

    // The same bounce again (EventBridge delivers at least once): nothing more happens.
    const { Items = [] } = await port('table').client.send(
      new ScanCommand({
        TableName: stack.tableName,
        FilterExpression: 'entity = :e AND recipient = :r',
        ExpressionAttributeValues: { ':e': 'approval-mail', ':r': bouncing },
      }),
    );
    expect(Items).toHaveLength(1);
    const before = stack.mailbox.list().length;
    const again = sesBounceEvent({
      id: 'redelivered',
      messageId: Items[0]?.approvalId ? String(Items[0].pk).replace('APPROVAL_MAIL#', '') : '',
      recipients: [bouncing],
      time: new Date().toISOString(),
    });
    expect(await mailFeedback(again)).toMatchObject({ outcome: 'no-longer-pending' });
    await stack.settle();
    expect(stack.mailbox.list().length).toBe(before);

    const { link } = latestMail(stack, 'approval-request', 'thomas.becker@factory.example');
    expect((await postDecision(link, { outcome: 'approve' })).status).toBe(200);
    await stack.settle();
    const read = await stack.call('GET', `/customers/${customer.id}`, { as: merchandiser });
    expect(read.body.status).toBe('active');
  });

  it('goes to the leader when the deputy cannot stand in', async () => {
    // Thomas Becker is away again: 徐明's leader, the general manager, is asked.
    await change('thomas.becker@factory.example', {
      away: {
        from: new Date(Date.now() - 3_600_000).toISOString(),
        to: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    const customer = await reviewedByMerchandiser('802');
    await until(() => mailed('approval-request', demoPeople.generalManager, customer.code));
    await until(() => mailed('approval-bounced', demoPeople.merchandiser, customer.code));
    const approvals = await approvalRepository(port('table')).forSubject('customer', customer.id);
    expect(approvals.find((a) => a.assignee === demoPeople.generalManager)?.assignedBecause).toContain('bounced');
  });
});
