import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bindPorts } from '../../shared/runtime.ts';
import { newCustomer } from '../fixtures.ts';
import { expectNoTokenLeak, latestMail, postDecision, storedTaskTokens } from './approvals.ts';
import { testStack } from './stack.ts';

const merchandiser = { role: 'merchandiser' as const, email: 'wang.fang@factory.example' };
const salesManager = 'xu.ming@factory.example';
const generalManager = 'he.jun@factory.example';

describe('customer onboarding review by e-mail link (R10)', async () => {
  const logs: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logs.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
  const stack = await testStack({ log: (line) => logs.push(line) });
  const { call } = stack;
  const open = async (code: string) => {
    const created = await call('POST', '/customers', { as: merchandiser, body: newCustomer({ code }) });
    expect(created.status).toBe(201);
    await stack.settle();
    return created.body.id as string;
  };
  const customer = async (id: string) => (await call('GET', `/customers/${id}`, { as: merchandiser })).body;

  it('goes from request to an active customer, each approver acting from the link in their e-mail', async () => {
    const id = await open('401');
    const review = latestMail(stack, 'approval-request', merchandiser.email);
    expect(review.subject).toContain('401');
    expect(review.link.startsWith(`${stack.url}/approval-links/`)).toBe(true);

    const page = await fetch(review.link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(merchandiser.email);
    expect(html).toContain('<form method="post"');
    await fetch(review.link);
    await stack.settle();
    expect((await customer(id)).status).toBe('pending_review');
    const approvals = await call('GET', `/approvals?subject=customer:${id}`, { as: merchandiser });
    expect(approvals.body.items.map((a: { status: string }) => a.status)).toEqual(['pending']);

    expect((await postDecision(review.link, { outcome: 'approve', comment: 'Checklist complete' })).status).toBe(200);
    await stack.settle();
    const approval = latestMail(stack, 'approval-request', salesManager);
    expect(approval.subject).toContain('401');
    expect((await postDecision(approval.link, { outcome: 'approve' })).status).toBe(200);
    await stack.settle();

    expect(await customer(id)).toMatchObject({
      status: 'active',
      review: { outcome: 'active', decidedBy: salesManager },
    });
    const outcome = latestMail(stack, 'customer-reviewed', merchandiser.email);
    expect(outcome.to).toEqual([merchandiser.email, salesManager]);
    expect(outcome.subject).toContain('Customer approved');
    const history = await call('GET', `/approvals?subject=customer:${id}`, { as: merchandiser });
    expect(history.body.items.map((a: any) => [a.step, a.status, a.decision.by, a.decision.channel])).toEqual([
      ['merchandiser-review', 'decided', merchandiser.email, 'link'],
      ['sales-manager-approval', 'decided', salesManager, 'link'],
    ]);

    const executions = await call('GET', '/_local/executions');
    const execution = executions.body.find((e: { name: string }) => e.name === `customer-onboarding-${id}`);
    expect(execution).toMatchObject({ stateMachine: 'customer-onboarding', status: 'SUCCEEDED', currentStates: [] });

    const again = await postDecision(review.link, { outcome: 'reject', comment: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(again.html).toContain('Already decided');
    expect((await fetch(review.link)).status).toBe(200);
  });

  it('ends a rejection with the customer rejected and the written reason e-mailed', async () => {
    const id = await open('402');
    const review = latestMail(stack, 'approval-request', merchandiser.email);
    const noReason = await postDecision(review.link, { outcome: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('comment');
    expect(
      (await postDecision(review.link, { outcome: 'reject', comment: 'No business licence on file' })).status,
    ).toBe(200);
    await stack.settle();
    expect(await customer(id)).toMatchObject({
      status: 'rejected',
      review: { outcome: 'rejected', reason: 'No business licence on file', decidedBy: merchandiser.email },
    });
    const outcome = latestMail(stack, 'customer-reviewed', salesManager);
    expect(outcome.subject).toContain('402');
    expect(outcome.text).toContain('No business licence on file');
  });

  it('answers an unknown or altered link with 404, and an expired one with 410', async () => {
    await open('403');
    const review = latestMail(stack, 'approval-request', merchandiser.email);
    const secret = review.path.split('/').at(-1) ?? '';
    const altered = `${secret.slice(0, -2)}${secret.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await fetch(`${stack.url}/approval-links/${altered}`)).status).toBe(404);
    expect((await fetch(`${stack.url}/approval-links/nonsense`)).status).toBe(404);
    expect((await postDecision(`${stack.url}/approval-links/${altered}`, { outcome: 'approve' })).status).toBe(404);
    // A link names its approval beside the secret: under another approval's id the secret leads nowhere; a link of the
    // secret alone (e-mailed before links named their approval) still leads to it.
    const [approvalId, alone] = secret.split('.');
    expect(approvalId).toMatch(/^apr_/);
    expect((await fetch(`${stack.url}/approval-links/apr_${'A'.repeat(32)}.${alone}`)).status).toBe(404);
    expect((await fetch(`${stack.url}/approval-links/${alone}`)).status).toBe(200);

    bindPorts({ clock: { now: () => new Date(Date.now() + 3 * 86400_000) } });
    try {
      expect((await fetch(review.link)).status).toBe(410);
      expect((await postDecision(review.link, { outcome: 'approve' })).status).toBe(410);
    } finally {
      bindPorts({ clock: { now: () => new Date() } });
    }
  });

  it('records exactly one of two concurrent decisions', async () => {
    const id = await open('404');
    const review = latestMail(stack, 'approval-request', merchandiser.email);
    const results = await Promise.all([
      postDecision(review.link, { outcome: 'approve' }),
      postDecision(review.link, { outcome: 'reject', comment: 'no' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    await stack.settle();
    const decided = (await call('GET', `/approvals?subject=customer:${id}`, { as: merchandiser })).body.items[0];
    const winner = results.find((r) => r.status === 200);
    expect(winner?.html).toContain(decided.decision.outcome === 'approve' ? 'Approved' : 'Rejected');
  });

  it('never asks requesters to approve their own request, and refuses their decision (segregation of duties)', async () => {
    // 徐明, the sales manager, opens a customer for 王芳's account: its approval would be his own request.
    const asSalesManager = { role: 'leader' as const, email: salesManager };
    const created = await call('POST', '/customers', { as: asSalesManager, body: newCustomer({ code: '407' }) });
    expect(created.status).toBe(201);
    await stack.settle();
    const review = latestMail(stack, 'approval-request', merchandiser.email);
    expect((await postDecision(review.link, { outcome: 'approve' })).status).toBe(200);
    await stack.settle();
    // So the sales manager's step goes to his own leader, the general manager, saying why.
    const approvals = await call('GET', `/approvals?subject=customer:${created.body.id}`, { as: merchandiser });
    const step = approvals.body.items.find((a: { step: string }) => a.step === 'sales-manager-approval');
    expect(step).toMatchObject({
      status: 'pending',
      role: 'leader',
      assignee: generalManager,
      requestedBy: salesManager,
      assignedBecause: expect.stringContaining('asked for this and may not decide it too'),
    });
    expect(stack.mailbox.list().some((m) => m.to.includes(salesManager) && m.subject.includes(': 407 '))).toBe(false);
    const own = await call('POST', `/approvals/${step.id}/decision`, {
      as: asSalesManager,
      body: { outcome: 'approve' },
    });
    expect(own.status).toBe(403);
    expect(own.body.detail).toBe('徐明 Xu Ming asked for this and may not decide it too.');
    const asked = latestMail(stack, 'approval-request', generalManager);
    expect(asked.subject).toContain('407');
    expect((await postDecision(asked.link, { outcome: 'approve' })).status).toBe(200);
    await stack.settle();
    expect(await customer(created.body.id)).toMatchObject({ status: 'active', review: { decidedBy: generalManager } });
  });

  it('lets the person asked decide through the API; not another role, nor another holder of the role', async () => {
    const id = await open('405');
    const [pending] = (await call('GET', `/approvals?subject=customer:${id}`, { as: merchandiser })).body.items;
    const path = `/approvals/${pending.id}/decision`;
    expect((await call('POST', path, { as: { role: 'planner' }, body: { outcome: 'approve' } })).status).toBe(403);
    // 李娜 is a merchandiser too, but the review was asked of 王芳, who is not away: only she decides.
    const notAsked = await call('POST', path, {
      as: { role: 'merchandiser', email: 'li.na@factory.example' },
      body: { outcome: 'approve', comment: 'ok' },
    });
    expect(notAsked.status).toBe(403);
    expect(notAsked.body.detail).toContain('was asked and is available: only they decide');
    const decided = await call('POST', path, { as: merchandiser, body: { outcome: 'approve', comment: 'ok' } });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({ by: merchandiser.email, channel: 'api', outcome: 'approve' });

    expect(JSON.stringify(decided.body)).not.toContain('taskToken');
    await stack.settle();
    expect(latestMail(stack, 'approval-request', salesManager).subject).toContain('405');
    // While 王芳 is away, her deputy 李娜 stands in for her and may decide her next review.
    const next = await open('406');
    const [asked] = (await call('GET', `/approvals?subject=customer:${next}`, { as: merchandiser })).body.items;
    const admin = { role: 'admin' as const, email: 'feng.tao@factory.example' };
    const [wangFang] = (await call('GET', `/staff?email=${merchandiser.email}`, { as: admin })).body.items;
    const away = {
      from: new Date(Date.now() - 3_600_000).toISOString(),
      to: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const patched = await call('PATCH', `/staff/${wangFang.id}`, {
      as: admin,
      body: { away, version: wangFang.version },
    });
    expect(patched.status).toBe(200);
    const byDeputy = await call('POST', `/approvals/${asked.id}/decision`, {
      as: { role: 'merchandiser', email: 'li.na@factory.example' },
      body: { outcome: 'approve', comment: 'checked for 王芳' },
    });
    expect(byDeputy.status).toBe(200);
    expect(byDeputy.body.decision).toMatchObject({ by: 'li.na@factory.example', channel: 'api' });
  });

  it('never puts a task token in an e-mail, a link or a log line', async () => {
    const tokens = await storedTaskTokens(stack.tableName);
    const mails = stack.mailbox.list();
    expectNoTokenLeak(tokens, [
      ...mails.flatMap((m) => [m.text, m.html, readFileSync(m.file, 'utf8'), ...m.links]),
      ...logs,
    ]);
  });
});
