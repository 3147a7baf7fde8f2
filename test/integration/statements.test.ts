import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { monthBounds, statementId } from '../../shared/domain/statement.ts';
import { booked, ledgerKeys } from '../../shared/persistence/ledger.ts';
import { writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { LedgerEntry } from '../../shared/schemas/ledger.ts';
import { decideFromMail, postDecision, waitFor } from './approvals.ts';
import { testStack } from './stack.ts';
import { auditTimeToLive } from './ttl-audit.ts';

const finance = { role: 'finance' as const, email: demoPeople.financeOnDuty };
const financeLeader = 'qian.hua@factory.example';
const merchandiser = { role: 'merchandiser' as const, email: demoPeople.merchandiser };
const jinanMail = 'finance@jinan-alu.example';
const pacificMail = 'accounts@pacific-glazing.example';

const monthAfter = (m: string) => {
  const [year, number] = m.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 1)).toISOString().slice(0, 7);
};

/** The month the tests book in (now), and a nominal time in the month after it, when the run states it. */
const now = new Date();
const month = calendarDateIn(now, companyTimeZone).slice(0, 7);
const runAt = new Date(new Date(monthBounds(month).ends).getTime() + 2 * 3_600_000).toISOString();

describe('month-end statements (R38): once per customer and month, signed back, disputed and corrected', async () => {
  const stack = await testStack();
  const { call } = stack;
  const table = port('table');
  const { customerIds } = await loadDemoData({ table, clock: port('clock'), ids: port('ids') });
  const jinan = customerIds['003'] as string;
  const pacific = customerIds['004'] as string;
  const asJinan = { role: 'customer' as const, email: jinanMail, customerId: jinan };
  const asPacific = { role: 'customer' as const, email: pacificMail, customerId: pacific };
  const jinanStatement = statementId(month, '003');
  const pacificStatement = statementId(month, '004');

  /** An entry booked as the documents book theirs (the delivery note of a shipment, a payment, a return's credit). */
  const book = (entry: Omit<LedgerEntry, 'at'> & { at?: string }) =>
    writeAtomically(table, {
      now: new Date(),
      events: [],
      writes: booked(table.name, { at: new Date().toISOString(), ...entry }),
    });
  const runSchedule = async (name: string, at: string) => {
    const run = await fetch(`${stack.url}/_local/schedules/${name}?at=${encodeURIComponent(at)}`, { method: 'POST' });
    expect(run.ok).toBe(true);
    await stack.settle();
  };
  const mails = (template: string, to?: string) =>
    stack.mailbox.list().filter((m) => m.template === template && (!to || m.to.includes(to)));
  const daysOn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const statementOf = async (id: string) => (await call('GET', `/statements/${id}`, { as: finance })).body;

  it('states each monthly customer once, whatever fails for another, and tells finance', async () => {
    await book({
      customerId: jinan,
      kind: 'delivery-note',
      reference: 'DN-T-0001',
      amount: 12500,
      currency: 'CNY',
      orderNumber: 'CN0032612O1',
    });
    await book({ customerId: jinan, kind: 'payment', reference: 'pay-T-1', amount: -5000, currency: 'CNY' });
    await book({ customerId: pacific, kind: 'delivery-note', reference: 'DN-T-0002', amount: 980.4, currency: 'USD' });
    // A record the statement cannot take (booked in a currency the customer does not use): Pacific fails, alone.
    const stray = {
      customerId: pacific,
      kind: 'payment' as const,
      reference: 'pay-T-EUR',
      amount: -10,
      currency: 'EUR' as const,
      at: new Date().toISOString(),
    };
    await table.client.send(
      new PutCommand({ TableName: table.name, Item: { ...ledgerKeys.entry(stray), entity: 'ledger-entry', ...stray } }),
    );

    await runSchedule('month-end', runAt);
    expect(await statementOf(jinanStatement)).toMatchObject({
      status: 'sent',
      opening: 0,
      debits: 12500,
      credits: 5000,
      closing: 7500,
      revision: 1,
      lines: [
        { reference: 'DN-T-0001', balance: 12500 },
        { reference: 'pay-T-1', balance: 7500 },
      ],
    });
    expect((await call('GET', `/statements/${pacificStatement}`, { as: finance })).status).toBe(404);
    const [sent] = mails('statement', jinanMail);
    expect(sent?.subject).toContain(jinanStatement);
    expect(sent?.attachments?.[0]).toMatchObject({ contentType: 'application/pdf' });
    expect(sent?.links.some((l) => l.includes('/statement-links/'))).toBe(true);
    const [summary] = mails('statements-summary', demoPeople.financeOnDuty);
    expect(summary?.text).toContain('Pacific Glazing');
    expect(summary?.text).toContain('EUR');

    // Put right, the same month runs again: Pacific is stated now, Jinan not again, nobody mailed twice.
    await table.client.send(new DeleteCommand({ TableName: table.name, Key: ledgerKeys.entry(stray) }));
    await runSchedule('month-end', runAt);
    await runSchedule('month-end', new Date(new Date(runAt).getTime() + 86_400_000).toISOString());
    expect(await statementOf(pacificStatement)).toMatchObject({
      status: 'sent',
      closing: 980.4,
      currency: 'USD',
      language: 'en',
    });
    expect(mails('statement', jinanMail)).toHaveLength(1);
    expect(mails('statement', pacificMail)).toHaveLength(1);
    expect(mails('statement', pacificMail)[0]?.subject).toMatch(/^Statement ST\d{6}-004 for /);
    expect(mails('statements-summary')).toHaveLength(2);
    const register = (await call('GET', `/statements?status=sent`, { as: merchandiser })).body;
    expect(register.items.map((s: { id: string }) => s.id).sort()).toEqual([jinanStatement, pacificStatement]);
    expect((await call('GET', '/statements', { as: asJinan })).body.items.map((s: { id: string }) => s.id)).toEqual([
      jinanStatement,
    ]);
    expect((await call('GET', `/statements/${pacificStatement}`, { as: asJinan })).status).toBe(404);
  });

  it('reminds the customer after a week and asks the merchandiser to chase after two, once each', async () => {
    await runSchedule('statement-follow-up', daysOn(6));
    expect(mails('statement-reminder')).toEqual([]);
    await runSchedule('statement-follow-up', daysOn(8));
    await runSchedule('statement-follow-up', daysOn(8));
    expect(mails('statement-reminder', jinanMail)).toHaveLength(1);
    expect(mails('statement-reminder', pacificMail)[0]?.subject).toMatch(/^Reminder: please confirm statement/);
    await runSchedule('statement-follow-up', daysOn(15));
    await runSchedule('statement-follow-up', daysOn(16));
    expect(mails('statement-chase', demoPeople.merchandiser)).toHaveLength(2);
    expect(mails('statements-summary')).toHaveLength(3);
    expect(await statementOf(jinanStatement)).toMatchObject({
      remindedOn: expect.any(String),
      chasedOn: expect.any(String),
    });
  });

  it('files a confirmation from the e-mailed link with who, when and which link; the workflow ends', async () => {
    const link = mails('statement-reminder', jinanMail)[0]?.links.find((l) =>
      l.includes('/statement-links/'),
    ) as string;
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('DN-T-0001');
    // The link names its statement beside the secret: under another statement's number the secret leads nowhere; a
    // link of the secret alone (e-mailed before links named their statement) still leads to it.
    const base = link.slice(0, link.lastIndexOf('/') + 1);
    const [named, secret] = link.slice(base.length).split('.');
    expect(named).toBe(jinanStatement);
    expect((await fetch(`${base}${pacificStatement}.${secret}`)).status).toBe(404);
    expect((await fetch(`${base}${named}.${'A'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${base}${secret}`)).status).toBe(200);
    const missing = await postDecision(link, { outcome: 'confirmed', signedBy: '' });
    expect(missing.status).toBe(400);
    const confirmed = await postDecision(link, { outcome: 'confirmed', signedBy: '王静 Wang Jing' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('已确认');
    await stack.settle();
    const filed = await statementOf(jinanStatement);
    expect(filed).toMatchObject({
      status: 'confirmed',
      signatures: [
        { outcome: 'confirmed', signedBy: '王静 Wang Jing', via: 'link', revision: 1, link: expect.any(String) },
      ],
    });
    expect(stack.workflows.executions().find((e) => e.name === `statement-${jinanStatement}`)?.status).toBe(
      'SUCCEEDED',
    );
    const again = await postDecision(link, { outcome: 'disputed', signedBy: 'x', comment: 'y' });
    expect(again.html).toContain('此对账单已确认');
  });

  it('takes a dispute to finance, a correction to the finance leader, and issues revision 2 to sign again', async () => {
    const unknown = await call('POST', `/statements/${pacificStatement}/sign-back`, {
      as: asPacific,
      headers: { 'idempotency-key': 'dispute-0' },
      body: { outcome: 'disputed', signedBy: 'Sam Nguyen', entries: ['DN-X'], comment: 'What is DN-X?' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('entries.0');
    // The statement is read with the request's earlier attempt: none is a 404.
    const nowhere = await call('POST', '/statements/ST209901-000/sign-back', {
      as: asPacific,
      headers: { 'idempotency-key': 'dispute-nowhere' },
      body: { outcome: 'confirmed', signedBy: 'Sam Nguyen' },
    });
    expect(nowhere.status).toBe(404);
    const disputed = await call('POST', `/statements/${pacificStatement}/sign-back`, {
      as: asPacific,
      headers: { 'idempotency-key': 'dispute-1' },
      body: { outcome: 'disputed', signedBy: 'Sam Nguyen', entries: ['DN-T-0002'], comment: 'Two boxes were short' },
    });
    expect(disputed.status).toBe(200);
    expect(disputed.body).not.toHaveProperty('accountOwner');
    await stack.settle();
    expect(mails('statement-disputed', demoPeople.merchandiser)).toHaveLength(1);
    await decideFromMail(stack, demoPeople.financeOnDuty, pacificStatement, {
      outcome: 'approve',
      direction: 'credit',
      amount: '40.2',
      reason: 'Two boxes short on DN-T-0002',
    });
    await decideFromMail(stack, financeLeader, pacificStatement, { outcome: 'approve' });
    await waitFor(() => mails('statement', pacificMail).length === 2);
    const corrected = await statementOf(pacificStatement);
    expect(corrected).toMatchObject({
      status: 'sent',
      revision: 2,
      closing: 980.4,
      due: 940.2,
      corrections: [{ amount: -40.2, by: demoPeople.financeOnDuty, approvedBy: financeLeader }],
    });
    expect(mails('statement', pacificMail)[0]?.subject).toContain('revision 2');
    expect(mails('statement', pacificMail)[0]?.attachments?.[0]?.filename).toContain('-R2');
    const ledger = (await call('GET', `/customers/${pacific}/ledger`, { as: finance })).body;
    expect(ledger.balance).toBe(940.2);
    expect(ledger.entries.find((e: LedgerEntry) => e.kind === 'adjustment')).toMatchObject({
      amount: -40.2,
      approvedBy: financeLeader,
    });

    const confirmed = await call('POST', `/statements/${pacificStatement}/sign-back`, {
      as: asPacific,
      headers: { 'idempotency-key': 'confirm-2' },
      body: { outcome: 'confirmed', signedBy: 'Sam Nguyen' },
    });
    expect(confirmed.status).toBe(200);
    await stack.settle();
    expect(
      (await statementOf(pacificStatement)).signatures.map((s: { revision: number; outcome: string }) => [
        s.revision,
        s.outcome,
      ]),
    ).toEqual([
      [1, 'disputed'],
      [2, 'confirmed'],
    ]);
    const pdf = await call('GET', `/statements/${pacificStatement}`, {
      as: asPacific,
      headers: { accept: 'application/pdf' },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('keeps the ledger whole under concurrent payments and credits: the balance is the sum of its entries', async () => {
    const pay = (i: number) =>
      call('POST', '/payments', {
        as: finance,
        headers: { 'idempotency-key': `conc-pay-${i}` },
        body: {
          customerId: jinan,
          kind: 'other',
          amount: 100 + i,
          currency: 'CNY',
          method: 'bank-transfer',
          reference: `CONC-${i}`,
          receivedOn: calendarDateIn(new Date(), companyTimeZone),
        },
      });
    const credit = (i: number) =>
      book({ customerId: jinan, kind: 'return-note', reference: `RN-CONC-${i}`, amount: -(10 + i), currency: 'CNY' });
    const results = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => pay(i)),
      ...Array.from({ length: 8 }, (_, i) => credit(i)),
    ]);
    expect(results.slice(0, 8).map((r) => (r as { status: number }).status)).toEqual(Array(8).fill(201));
    const ledger = (await call('GET', `/customers/${jinan}/ledger?limit=500`, { as: finance })).body;
    const sum = ledger.entries.reduce((total: number, e: LedgerEntry) => Math.round((total + e.amount) * 100) / 100, 0);
    expect(ledger.balance).toBe(sum);
    expect(ledger.balance).toBe(7500 - (8 * 100 + 28) - (8 * 10 + 28));
  });

  it("carries each closing to the next month's statement, with what was booked after the cut; a query finance answers stands", async () => {
    const next = monthAfter(month);
    const nextRunAt = new Date(new Date(monthBounds(next).ends).getTime() + 2 * 3_600_000).toISOString();
    // Two runs at once (a retry overlapping the first): one writes each statement, the other finds it written.
    await Promise.all([runSchedule('month-end', nextRunAt), runSchedule('month-end', nextRunAt)]);
    expect(mails('statement').filter((m) => m.subject.includes(statementId(next, '003')))).toHaveLength(1);
    expect(mails('statement').filter((m) => m.subject.includes(statementId(next, '004')))).toHaveLength(1);
    for (const [customer, code, opening] of [
      [jinan, '003', 7500],
      [pacific, '004', 980.4],
    ] as const) {
      const stated = await statementOf(statementId(next, code));
      const ledger = (await call('GET', `/customers/${customer}/ledger`, { as: finance })).body;
      expect(stated.opening).toBe(opening);
      expect(stated.closing).toBe(ledger.balance);
    }
    const nextJinan = statementId(next, '003');
    const { lines } = await statementOf(nextJinan);
    expect(lines).toHaveLength(16);
    const queried = await call('POST', `/statements/${nextJinan}/sign-back`, {
      as: asJinan,
      headers: { 'idempotency-key': 'dispute-next' },
      body: {
        outcome: 'disputed',
        signedBy: '王静',
        entries: [lines.find((l: LedgerEntry) => l.kind === 'payment').reference],
        comment: '这笔款不是我们付的？',
      },
    });
    expect(queried.status).toBe(200);
    await decideFromMail(stack, demoPeople.financeOnDuty, nextJinan, {
      outcome: 'reject',
      comment:
        '该笔款项由贵司招商银行账户汇入，回单已随邮件发送 The payment came from your account; the slip is attached',
    });
    const [explained] = mails('statement-explained', jinanMail);
    expect(explained?.text).toContain('招商银行');
    const link = explained?.links.find((l) => l.includes('/statement-links/')) as string;
    expect((await postDecision(link, { outcome: 'confirmed', signedBy: '王静' })).status).toBe(200);
    await stack.settle();
    expect(await statementOf(nextJinan)).toMatchObject({
      status: 'confirmed',
      revision: 1,
      explanation: expect.any(String),
    });
    expect(await auditTimeToLive(stack.tableName)).toBeGreaterThan(10);
  });
});
