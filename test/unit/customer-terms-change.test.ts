import { describe, expect, it } from 'vitest';
import {
  applyTermsChange,
  describeTermsChange,
  lapseTermsChange,
  refuseTermsChange,
  requestTermsChange,
  termsChangeIssues,
  termsChangeSubject,
  toldOfOutcome,
  whyNotApplicable,
} from '../../shared/domain/customer-terms-change.ts';
import { Conflict, ValidationFailed } from '../../shared/domain/errors.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { CustomerChanges, CustomerSummary } from '../../shared/schemas/customer.ts';

/** No I/O: a customer as stored, staff ids as the directory would resolve them, a fixed clock and ids. */
const owner = 'stf_01J00000000000000000000OWN';
const otherOwner = 'stf_01J00000000000000000000NEW';
const names: Record<string, string> = { [owner]: '王芳 Wang Fang', [otherOwner]: '李娜 Li Na' };
const nameOf = (id: string) => names[id] ?? id;
let ids = 0;
const newId = () => `01J${String(++ids).padStart(23, '0')}`;
const at = (minute: number) => `2026-12-01T08:${String(minute).padStart(2, '0')}:00.000Z`;
const context = (minute: number, actor = 'wang.fang@factory.example') => ({ now: at(minute), actor, newId });

const customer = (overrides: Partial<Customer> = {}): Customer => ({
  id: 'cus_01J0000000000000000000CUS1',
  code: '104',
  name: 'Guangzhou Door Systems',
  contacts: [{ name: 'Chen Hong', email: 'chen.hong@gz-doors.example', language: 'zh-CN' }],
  addresses: [],
  region: 'CN',
  currency: 'CNY',
  settlement: { type: 'deposit', depositPercent: 30 },
  accountOwner: owner,
  status: 'active',
  version: 3,
  createdAt: at(0),
  createdBy: 'wang.fang@factory.example',
  updatedAt: at(0),
  updatedBy: 'wang.fang@factory.example',
  ...overrides,
});

const monthly = { type: 'monthly' as const, creditLimit: 80000 };
const team = { merchandiserEmail: 'wang.fang@factory.example', salesManagerEmail: 'xu.ming@factory.example' };
const newTeam = { merchandiserEmail: 'li.na@factory.example', salesManagerEmail: 'xu.ming@factory.example' };

const asked = (
  terms: { settlement?: Customer['settlement']; accountOwner?: string },
  reason = 'Three years of prompt payment',
) => requestTermsChange(customer(), { ...terms, reason }, context(1));

describe('PATCH /customers/{id} body (CustomerChanges)', () => {
  it('refuses the terms, naming each field and where to ask instead', () => {
    const result = CustomerChanges.safeParse({
      name: 'Guangzhou Door Systems Ltd.',
      settlement: monthly,
      accountOwner: otherOwner,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['settlement', expect.stringContaining('POST /customers/{id}/terms-changes')],
      ['accountOwner', expect.stringContaining('POST /customers/{id}/terms-changes')],
    ]);
  });

  it('still takes the other fields', () => {
    expect(CustomerChanges.parse({ name: 'Guangzhou Door Systems Ltd.' })).toEqual({
      name: 'Guangzhou Door Systems Ltd.',
    });
  });
});

describe('requestTermsChange', () => {
  it('records what is asked and the values before; the customer is not touched', () => {
    const current = customer();
    const { termsChange, event, history } = requestTermsChange(
      current,
      { settlement: monthly, reason: 'Three years of prompt payment' },
      context(1),
    );
    expect(termsChange).toMatchObject({
      id: expect.stringMatching(/^tch_[0-9A-Z]{26}$/),
      customerId: current.id,
      customerCode: '104',
      status: 'pending',
      requested: { settlement: monthly },
      before: { settlement: { type: 'deposit', depositPercent: 30 } },
      reason: 'Three years of prompt payment',
      requestedBy: 'wang.fang@factory.example',
      requestedAt: at(1),
      version: 1,
    });
    expect(termsChange.requested).not.toHaveProperty('accountOwner');
    expect(termsChange.before).not.toHaveProperty('accountOwner');
    expect(event).toMatchObject({ type: 'TermsChangeRequested', subject: { kind: 'customer', id: current.id } });
    expect(history).toMatchObject({ action: 'terms change requested', note: expect.stringContaining(termsChange.id) });
    expect(current).toEqual(customer());
  });

  it('takes a change of account owner, and of both at once', () => {
    expect(asked({ accountOwner: otherOwner }).termsChange).toMatchObject({
      requested: { accountOwner: otherOwner },
      before: { accountOwner: owner },
    });
    expect(asked({ settlement: monthly, accountOwner: otherOwner }).termsChange).toMatchObject({
      requested: { settlement: monthly, accountOwner: otherOwner },
      before: { settlement: { type: 'deposit', depositPercent: 30 }, accountOwner: owner },
    });
  });

  it('needs something to change (400 on settlement, naming accountOwner too)', () => {
    expect(termsChangeIssues(customer(), {})).toEqual([
      { field: 'settlement', message: expect.stringContaining('accountOwner') },
    ]);
    expect(() => asked({})).toThrow(ValidationFailed);
  });

  it('refuses a value that is the current one, naming the field (a credit limit is part of the terms)', () => {
    expect(termsChangeIssues(customer(), { settlement: { type: 'deposit', depositPercent: 30 } })).toEqual([
      { field: 'settlement', message: expect.stringContaining('already') },
    ]);
    expect(termsChangeIssues(customer(), { accountOwner: owner, settlement: monthly })).toEqual([
      { field: 'accountOwner', message: expect.stringContaining('already') },
    ]);
    const onMonthly = customer({ settlement: monthly });
    expect(termsChangeIssues(onMonthly, { settlement: { type: 'monthly', creditLimit: 80000 } })).toHaveLength(1);
    expect(termsChangeIssues(onMonthly, { settlement: { type: 'monthly', creditLimit: 120000 } })).toEqual([]);
  });

  it('is not asked for a customer its review rejected (R10): 409', () => {
    expect(() =>
      requestTermsChange(customer({ status: 'rejected' }), { settlement: monthly, reason: 'x' }, context(1)),
    ).toThrow(Conflict);
  });
});

describe('what the sales manager is shown and whom the workflow asks', () => {
  it('names the current account owner (whose leader decides) and the requester, and the terms before → after', () => {
    const { termsChange } = asked({ settlement: monthly, accountOwner: otherOwner });
    const terms = describeTermsChange(termsChange, 'CNY', nameOf);
    expect(terms).toEqual([
      {
        label: expect.stringContaining('Settlement'),
        before: '订金 deposit 30%',
        after: expect.stringContaining('80000 CNY'),
      },
      { label: expect.stringContaining('Account owner'), before: '王芳 Wang Fang', after: '李娜 Li Na' },
    ]);
    const subject = termsChangeSubject(customer(), termsChange, terms);
    expect(subject).toMatchObject({
      customerId: customer().id,
      termsChangeId: termsChange.id,
      accountOwner: owner,
      requestedBy: 'wang.fang@factory.example',
    });
    expect(subject.title).toContain(termsChange.id);
    expect(subject.facts.map((fact) => fact.value)).toContain('王芳 Wang Fang → 李娜 Li Na');
  });

  it('keeps the approval title within 200 characters for the longest customer name', () => {
    const { termsChange } = asked({ settlement: monthly });
    const long = customer({ name: '名'.repeat(200) });
    expect(termsChangeSubject(long, termsChange, []).title.length).toBeLessThanOrEqual(200);
  });
});

describe('the outcome', () => {
  const decision = { by: 'xu.ming@factory.example', at: at(5) };

  it('applies exactly the requested values on approval: version, history before/after, request approved', () => {
    const { termsChange } = asked({ settlement: monthly, accountOwner: otherOwner });
    const terms = describeTermsChange(termsChange, 'CNY', nameOf);
    const applied = applyTermsChange(
      customer(),
      termsChange,
      decision,
      { terms, team, newTeam },
      context(5, 'workflow'),
    );
    expect(applied.customer).toMatchObject({
      settlement: monthly,
      accountOwner: otherOwner,
      name: 'Guangzhou Door Systems',
      version: 4,
      updatedBy: decision.by,
    });
    expect(applied.termsChange).toMatchObject({
      status: 'approved',
      decidedBy: decision.by,
      decidedAt: at(5),
      version: 2,
    });
    expect(applied.history.changes).toEqual([
      { field: 'settlement', before: { type: 'deposit', depositPercent: 30 }, after: monthly },
      { field: 'accountOwner', before: owner, after: otherOwner },
    ]);
    expect(applied.event).toMatchObject({ type: 'CustomerTermsChanged', actor: decision.by });
    expect(toldOfOutcome(applied.event.data)).toEqual([
      'wang.fang@factory.example',
      'xu.ming@factory.example',
      'li.na@factory.example',
    ]);
  });

  it('refuses in writing and lapses without touching the customer; a request ends once', () => {
    const { termsChange } = asked({ settlement: monthly });
    const told = { terms: [], team };
    const refused = refuseTermsChange(
      customer(),
      termsChange,
      { ...decision, reason: 'Two late payments this year' },
      told,
      context(5),
    );
    expect(refused.termsChange).toMatchObject({ status: 'refused', decisionReason: 'Two late payments this year' });
    expect(refused.event).toMatchObject({
      type: 'TermsChangeRefused',
      data: { customer: CustomerSummary.parse(customer()) },
    });
    expect(refused).not.toHaveProperty('customer');
    const lapsed = lapseTermsChange(customer(), termsChange, told, context(9, 'workflow:customer-terms-change'));
    expect(lapsed.termsChange).toMatchObject({ status: 'lapsed', decisionReason: expect.stringContaining('nobody') });

    expect(() => applyTermsChange(customer(), refused.termsChange, decision, told, context(6))).toThrow(Conflict);
    expect(() => lapseTermsChange(customer(), refused.termsChange, told, context(6))).toThrow(Conflict);
  });

  it('tells the requester once, whatever the case of the address', () => {
    const { termsChange } = requestTermsChange(
      customer(),
      { settlement: monthly, reason: 'x' },
      context(1, 'Xu.Ming@factory.example'),
    );
    expect(toldOfOutcome({ termsChange, team })).toEqual(['xu.ming@factory.example', 'wang.fang@factory.example']);
  });

  it('does not apply over terms that moved since the request, nor to a customer rejected meanwhile', () => {
    const { termsChange } = asked({ settlement: monthly });
    expect(whyNotApplicable(customer(), termsChange)).toBeUndefined();
    expect(whyNotApplicable(customer({ settlement: { type: 'prepaid' } }), termsChange)).toMatch(/settlement changed/);
    expect(whyNotApplicable(customer({ status: 'rejected' }), termsChange)).toMatch(/rejected/);
    expect(() =>
      applyTermsChange(
        customer({ settlement: { type: 'prepaid' } }),
        termsChange,
        decision,
        { terms: [], team },
        context(5),
      ),
    ).toThrow(Conflict);
  });
});
