import { readFileSync } from 'node:fs';
import { GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { demoCustomers, demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { approvalKeys } from '../../shared/persistence/approvals.ts';
import { port } from '../../shared/runtime.ts';
import { doc000KitComponents } from '../fixtures.ts';
import { latestCode, passOnboarding, postDecision, requestMail } from './approvals.ts';
import { testStack } from './stack.ts';
import { auditTimeToLive } from './ttl-audit.ts';

/**
 * Decisions that matter ask, from the link, for a one-time code e-mailed to the person asked
 * (docs/decisions/approval-codes.md): a forwarded e-mail alone decides nothing. R16: a cancellation above the sales
 * manager's limit is the general manager's, and needs the code; one within it does not.
 */
const gm = demoPeople.generalManager;
const kitLine = (sets: number) => ({
  productCode: 'CZM04-SET',
  description: '执手套装（套装包装）',
  quantity: sets,
  components: doc000KitComponents.map((c) => ({ ...c, quantity: c.productCode === 'M5X75' ? 2 * sets : sets })),
});

describe('one-time codes for decisions above a configured value (R16)', async () => {
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
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const customer = {
    role: 'customer' as const,
    email: 'li.wei@huaxin.example',
    customerId: customerIds['001'] as string,
  };
  const asMerchandiser = { role: 'merchandiser' as const, email: demoPeople.merchandiser };
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);
  const codes: string[] = [];

  let po = 0;
  /** An order of `sets` handle sets at ¥85 (600 sets: ¥51,000, above the ¥50,000 limit), asked to be cancelled. */
  const cancellation = async (sets: number) => {
    const placed = await call('POST', '/orders', {
      as: customer,
      body: { poNumber: `HX-OTP-${++po}`, channel: 'platform', requestedDate: '2027-02-01', lines: [kitLine(sets)] },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    const order = placed.body as { id: string; number: string };
    expect(
      (await call('POST', `/orders/${order.id}/cancellation`, { as: customer, body: { reason: '项目取消' } })).status,
    ).toBe(202);
    await stack.settle();
    return order;
  };
  const read = async (orderId: string) => (await call('GET', `/orders/${orderId}`, { as: asMerchandiser })).body;
  const approvalOf = async (orderId: string) => {
    const { body } = await call('GET', `/approvals?subject=order:${orderId}`, { as: asMerchandiser });
    return body.items.find((a: { step: string }) => a.step === 'cancellation-approval');
  };
  const codeMails = () => stack.mailbox.list().filter((m) => m.template === 'approval-code');
  const askCode = async (link: string, fields: Record<string, string> = { outcome: 'approve' }) => {
    const asked = await postDecision(link, fields);
    if (asked.status === 202 && asked.html.includes('A code was sent')) codes.push(latestCode(stack, gm));
    return asked;
  };
  /** Another six digits than `code`. */
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('asks for the code e-mailed to the general manager, counts wrong codes down, and decides with the right one', async () => {
    const order = await cancellation(600);
    const { link } = requestMail(stack, gm, order.number);
    expect(await approvalOf(order.id)).toMatchObject({ needsCode: true, assignee: gm, status: 'pending' });
    expect((await fetch(link)).status).toBe(200);
    expect(codeMails()).toHaveLength(0); // opening the link sends nothing

    const comment = '客户确认取消 The customer confirmed in writing';
    const asked = await askCode(link, { outcome: 'approve', comment });
    expect(asked.status).toBe(202);
    // To the assignee's address, whoever holds the link; the page shows it only in part, and keeps what was typed.
    expect(codeMails().at(0)?.to).toEqual([gm]);
    expect(codeMails().at(0)?.subject).toContain(order.number);
    expect(asked.html).toContain('h***@factory.example');
    expect(asked.html).toContain(`${comment}</textarea>`);
    expect(asked.html).toContain('<input type="hidden" name="outcome" value="approve">');
    expect((await approvalOf(order.id)).status).toBe('pending');
    const code = latestCode(stack, gm);

    const wrongOnce = await postDecision(link, { outcome: 'approve', comment, code: wrong(code) });
    expect(wrongOnce.status).toBe(400);
    expect(wrongOnce.html).toContain('4 tries left');
    expect((await postDecision(link, { outcome: 'approve', comment, code: wrong(code) })).html).toContain(
      '3 tries left',
    );
    expect((await postDecision(link, { outcome: 'approve', comment, code: '12ab' })).html).toContain(
      'The code is 6 digits',
    );
    expect((await read(order.id)).status).not.toBe('cancelled');

    const decided = await postDecision(link, { outcome: 'approve', comment, code });
    expect(decided.status).toBe(200);
    await stack.settle();
    // The workflow went on: the order is cancelled in the general manager's name.
    expect(await read(order.id)).toMatchObject({ status: 'cancelled', cancellation: { approvedBy: gm } });
    expect(await approvalOf(order.id)).toMatchObject({
      status: 'decided',
      decision: { by: gm, channel: 'link', comment },
    });
    expect(codeMails()).toHaveLength(1);
  });

  it('asks no code for a cancellation within the sales manager’s limit', async () => {
    const order = await cancellation(50);
    const { link } = requestMail(stack, demoPeople.salesManager, order.number);
    expect((await approvalOf(order.id)).needsCode).toBe(false);
    const sent = codeMails().length;
    expect((await postDecision(link, { outcome: 'approve' })).status).toBe(200);
    await stack.settle();
    expect((await read(order.id)).status).toBe('cancelled');
    expect(codeMails()).toHaveLength(sent);
  });

  it('refuses an expired code, sends a new one at most once a minute, and decides with the new one', async () => {
    const order = await cancellation(601);
    const { link } = requestMail(stack, gm, order.number);
    const refusal = { outcome: 'reject', comment: '合同不允许 The contract does not allow it' };
    expect((await askCode(link, refusal)).status).toBe(202);
    const first = latestCode(stack, gm);
    // A second POST without a code while the first still works sends nothing new.
    const again = await postDecision(link, refusal);
    expect(again.status).toBe(202);
    expect(again.html).toContain('Enter the code sent to h***@factory.example');
    const tooSoon = await postDecision(link, { ...refusal, resend: '1' });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.html).toContain('ask for a new one after');

    // Eleven minutes on (the test moves the stored code's clock back rather than wait).
    const { id } = await approvalOf(order.id);
    const past = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await port('table').client.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: approvalKeys.code(id),
        UpdateExpression: 'SET validUntil = :until, sentAt = :sent',
        ExpressionAttributeValues: { ':until': past(1), ':sent': past(11) },
      }),
    );
    const expired = await postDecision(link, { ...refusal, code: first });
    expect(expired.status).toBe(400);
    expect(expired.html).toContain('This code no longer works');
    expect((await read(order.id)).status).not.toBe('cancelled');

    const resent = await askCode(link, { ...refusal, resend: '1' });
    expect(resent.status).toBe(202);
    const second = latestCode(stack, gm);
    expect((await postDecision(link, { ...refusal, code: second })).status).toBe(200);
    await stack.settle();
    const { body } = await call('GET', `/orders/${order.id}/cancellation`, { as: asMerchandiser });
    expect(body).toMatchObject({ status: 'refused', decidedBy: gm });
  });

  it('lets no one holding a forwarded link decide without the code: five wrong guesses void it, the right one then too', async () => {
    const order = await cancellation(602);
    const { link } = requestMail(stack, gm, order.number);
    // The colleague the e-mail was forwarded to presses "approve": the code goes to the general manager, not to them.
    expect((await askCode(link)).status).toBe(202);
    const code = latestCode(stack, gm);
    expect(codeMails().every((m) => m.to.length === 1 && m.to[0] === gm)).toBe(true);
    const guesses = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7].map((n) =>
        postDecision(link, { outcome: 'approve', code: wrong(String(Number(code) + n)) }),
      ),
    );
    // Parallel guesses get no more than the code's five tries.
    expect(guesses.every((g) => g.status === 400)).toBe(true);
    expect(guesses.filter((g) => g.html.includes('This code no longer works')).length).toBeGreaterThanOrEqual(3);
    const spent = await postDecision(link, { outcome: 'approve', code });
    expect(spent.status).toBe(400);
    expect(spent.html).toContain('This code no longer works');
    expect(await approvalOf(order.id)).toMatchObject({ status: 'pending' });
    expect((await read(order.id)).status).not.toBe('cancelled');
  });

  it('needs no code for a decision through the API: the sign-in is the identity', async () => {
    const order = await cancellation(603);
    const approval = await approvalOf(order.id);
    expect(approval.needsCode).toBe(true);
    const sent = codeMails().length;
    const decided = await call('POST', `/approvals/${approval.id}/decision`, {
      as: { role: 'gm', email: gm },
      body: { outcome: 'approve', comment: 'signed in' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({ by: gm, channel: 'api' });
    await stack.settle();
    expect((await read(order.id)).status).toBe('cancelled');
    expect(codeMails()).toHaveLength(sent);
  });

  it('keeps codes out of logs, events, approvals and history; only their salted hash is stored, with a TTL', async () => {
    expect(codes.length).toBeGreaterThanOrEqual(3);
    const { Items = [] } = await port('table').client.send(new ScanCommand({ TableName: stack.tableName }));
    const stored = Items.filter((item) => item.entity !== 'approval-code').map((item) => JSON.stringify(item));
    const codeItems = Items.filter((item) => item.entity === 'approval-code');
    expect(codeItems.length).toBeGreaterThanOrEqual(3);
    const pages = stack.mailbox
      .list()
      .filter((m) => m.template !== 'approval-code')
      .flatMap((m) => [m.text, m.html, readFileSync(m.file, 'utf8')]);
    for (const code of codes) {
      // A six-digit code may occur by chance inside an id or a time: look for it standing alone.
      const alone = new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`);
      for (const text of [...stored, ...logs, ...pages, ...codeItems.map((i) => JSON.stringify(i))]) {
        expect(alone.test(text)).toBe(false);
      }
    }
    const { Item } = await port('table').client.send(
      new GetCommand({ TableName: stack.tableName, Key: codeItems[0] ? { pk: codeItems[0].pk, sk: 'CODE' } : {} }),
    );
    expect(Item).toMatchObject({ triesLeft: expect.any(Number), hash: expect.any(String), salt: expect.any(String) });
    await auditTimeToLive(stack.tableName);
  });
});
