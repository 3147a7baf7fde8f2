import { describe, expect, it } from 'vitest';
import { ageing } from '../../shared/domain/ageing.ts';
import { newLinkSecret } from '../../shared/domain/approval.ts';
import { ValidationFailed } from '../../shared/domain/errors.ts';
import {
  corrected,
  followUpOf,
  monthBounds,
  previousMonth,
  signedBack,
  statementLink,
  statementLinkParts,
  statementOf,
} from '../../shared/domain/statement.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { LedgerClose, Statement } from '../../shared/schemas/statement.ts';
import { ledgerEntry } from '../fixtures.ts';

const customer = {
  id: 'cus_1',
  code: '003',
  name: 'Jinan Aluminium',
  currency: 'CNY',
  settlement: { type: 'monthly', creditLimit: 200000 },
  accountOwner: 'stf_wang',
  contacts: [{ name: 'Li', email: 'finance@jinan-alu.example', language: 'zh-CN' }],
} as unknown as Customer;

const entry = ledgerEntry;
const now = '2026-12-01T02:00:00.000Z';

describe('the months of a statement (R38, company time)', () => {
  it('a run at the start of a month states the month before; a month runs midnight to midnight in Shanghai', () => {
    expect(previousMonth('2026-12-01')).toBe('2026-11');
    expect(previousMonth('2027-01-01')).toBe('2026-12');
    expect(monthBounds('2026-11')).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      begins: '2026-10-31T16:00:00.000Z',
      ends: '2026-11-30T16:00:00.000Z',
    });
  });
});

describe('the statement of a month (R38)', () => {
  const october = [entry('delivery-note', 'DN1', 1000, '2026-10-10'), entry('payment', 'pay_1', -400, '2026-10-20')];
  const november = [
    entry('delivery-note', 'DN2', 2500.5, '2026-11-03'),
    entry('return-note', 'RN1', -300, '2026-11-12'),
    entry('payment', 'pay_2', -600, '2026-11-25'),
  ];

  it('opens with what was owed before, lists each entry with the balance after it, and closes', () => {
    const made = statementOf(customer, '2026-11', { earlier: october, entries: november }, now);
    expect(made?.statement).toMatchObject({
      id: 'ST202611-003',
      from: '2026-11-01',
      to: '2026-11-30',
      opening: 600,
      debits: 2500.5,
      credits: 900,
      closing: 2200.5,
      due: 2200.5,
      revision: 1,
      status: 'issued',
      language: 'zh-CN',
    });
    expect(made?.statement.lines.map((l) => [l.on, l.reference, l.balance])).toEqual([
      ['2026-11-03', 'DN2', 3100.5],
      ['2026-11-12', 'RN1', 2800.5],
      ['2026-11-25', 'pay_2', 2200.5],
    ]);
    // October's note is due by the end of November: on 30 November nothing is overdue yet.
    expect(made?.statement.ageing).toEqual({ current: 2200.5, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 });
    expect(made?.close).toMatchObject({
      month: '2026-11',
      cutAt: '2026-11-30T16:00:00.000Z',
      closing: 2200.5,
      statementId: 'ST202611-003',
    });
    // A run before the month ended cuts it where it stands: what is booked after goes on the next statement.
    const early = statementOf(customer, '2026-11', { earlier: october, entries: november }, '2026-11-28T01:00:00.000Z');
    expect(early?.close.cutAt).toBe('2026-11-28T01:00:00.000Z');
  });

  it('carries each month forward: the next statement reads one month and ages as the whole ledger does', () => {
    const december = [
      entry('delivery-note-void', 'DN2', -2500.5, '2026-12-02'),
      entry('payment', 'pay_3', -50, '2026-12-20'),
    ];
    const novemberClose = statementOf(customer, '2026-11', { earlier: october, entries: november }, now)
      ?.close as LedgerClose;
    const made = statementOf(customer, '2026-12', { previous: novemberClose, earlier: [], entries: december }, now);
    expect(made?.statement.opening).toBe(2200.5);
    expect(made?.statement.closing).toBe(-350);
    const whole = ageing([...october, ...november, ...december], {
      terms: customer.settlement,
      currency: 'CNY',
      today: '2026-12-31',
    });
    expect(made?.statement.ageing).toEqual(whole);
    expect(made?.close.carried).toEqual({ notes: [], credit: 350 });
  });

  it('has nothing to state for a month without entries and nothing owed, but states an open balance', () => {
    expect(statementOf(customer, '2026-11', { earlier: [], entries: [] }, now)).toBeUndefined();
    const settled = statementOf(
      customer,
      '2026-11',
      { earlier: october.concat(entry('payment', 'p', -600, '2026-10-30')), entries: [] },
      now,
    );
    expect(settled).toBeUndefined();
    const owing = statementOf(customer, '2026-11', { earlier: october, entries: [] }, now);
    expect(owing?.statement).toMatchObject({ opening: 600, closing: 600, lines: [] });
  });

  it('refuses a ledger holding another currency than the customer’s', () => {
    const usd = { ...entry('payment', 'pay_usd', -5, '2026-11-02'), currency: 'USD' as const };
    expect(() => statementOf(customer, '2026-11', { earlier: [], entries: [usd] }, now)).toThrow(ValidationFailed);
  });
});

describe('signing a statement back (R38)', () => {
  const statement = {
    ...(statementOf(
      customer,
      '2026-11',
      { earlier: [], entries: [entry('delivery-note', 'DN9', 800, '2026-11-09')] },
      now,
    )?.statement as Statement),
    status: 'sent' as const,
    sentAt: now,
  };

  it('files a confirmation with who, when and how; a second answer is refused', () => {
    const signed = signedBack(
      statement,
      { outcome: 'confirmed', signedBy: 'Li Wei' },
      { via: 'link', link: 'abc' },
      now,
    );
    expect(signed.status).toBe('confirmed');
    expect(signed.signatures).toEqual([
      { outcome: 'confirmed', signedBy: 'Li Wei', at: now, revision: 1, via: 'link', link: 'abc' },
    ]);
    expect(() => signedBack(signed, { outcome: 'confirmed', signedBy: 'Li Wei' }, { via: 'api' }, now)).toThrow(
      /confirmed already/,
    );
  });

  it('disputes only entries of the statement, naming the one that is not', () => {
    const dispute = { outcome: 'disputed' as const, signedBy: 'Li', entries: ['DN9', 'DN0'], comment: 'DN0?' };
    expect(() => signedBack(statement, dispute, { via: 'api' }, now)).toThrow(
      expect.objectContaining({ errors: [{ field: 'entries.1', message: 'DN0 is not an entry of ST202611-003' }] }),
    );
    const disputed = signedBack(statement, { ...dispute, entries: ['DN9'] }, { via: 'api' }, now);
    expect(disputed).toMatchObject({ status: 'disputed', signatures: [{ entries: ['DN9'], comment: 'DN0?' }] });
  });

  it('a correction makes a new revision to send and sign again, with what is due after it', () => {
    const correction = {
      reference: 'ST202611-003-R2',
      amount: -120,
      reason: 'Two boxes short',
      bookedOn: '2026-12-03',
      by: 'zhou.min',
      approvedBy: 'qian.hua',
    };
    const next = corrected({ ...statement, status: 'disputed', remindedOn: '2026-12-08' }, correction);
    expect(next).toMatchObject({ revision: 2, due: 680, closing: 800, status: 'issued', corrections: [correction] });
    expect(next.sentAt).toBeUndefined();
    expect(next.remindedOn).toBeUndefined();
  });

  it('is reminded after a week and chased after two, each once', () => {
    expect(followUpOf(statement, '2026-12-07')).toBeUndefined();
    expect(followUpOf(statement, '2026-12-08')).toBe('remind');
    expect(followUpOf({ ...statement, remindedOn: '2026-12-08' }, '2026-12-10')).toBeUndefined();
    expect(followUpOf({ ...statement, remindedOn: '2026-12-08' }, '2026-12-15')).toBe('chase');
    expect(
      followUpOf({ ...statement, remindedOn: '2026-12-08', chasedOn: '2026-12-15' }, '2026-12-30'),
    ).toBeUndefined();
    expect(followUpOf({ ...statement, status: 'confirmed' }, '2026-12-30')).toBeUndefined();
  });
});

describe('the sign-back link (R38)', () => {
  it('names its statement beside the secret; a link of the secret alone has no statement named', () => {
    const secret = newLinkSecret();
    expect(statementLinkParts(statementLink('ST202611-003', secret))).toEqual({ id: 'ST202611-003', secret });
    expect(statementLinkParts(secret)).toEqual({ secret });
    for (const wrong of [
      'nonsense',
      `ST202611-003.`,
      `ST202611-003.${secret}x`,
      `apr_1.${secret}`,
      `ST2026-1.${secret}`,
    ]) {
      expect(statementLinkParts(wrong)).toBeUndefined();
    }
  });
});
