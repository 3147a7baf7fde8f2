import { describe, expect, it } from 'vitest';
import { changeCustomer, openCustomer } from '../../shared/domain/customer.ts';
import { CustomerSummary, NewCustomer } from '../../shared/schemas/customer.ts';
import { newCustomer, ownedCustomer, testTeam } from '../fixtures.ts';

let counter = 0;
const context = { now: '2026-11-02T08:00:00.000Z', actor: 'wang.fang@factory.example', newId: () => `ID${++counter}` };

describe('opening a customer', () => {
  it('starts in review (R10) at version 1 with its creation event', () => {
    const { customer, event } = openCustomer(ownedCustomer(), testTeam, context);
    expect(customer).toMatchObject({
      status: 'pending_review',
      version: 1,
      createdBy: context.actor,
      updatedAt: context.now,
    });
    expect(customer.id).toMatch(/^cus_ID\d+$/);
    expect(event).toMatchObject({
      type: 'CustomerCreated',
      subject: { kind: 'customer', id: customer.id },
      data: { customer: CustomerSummary.parse(customer), team: testTeam },
    });
  });
});

describe('changing a customer', () => {
  const { customer } = openCustomer(ownedCustomer(), testTeam, context);
  const later = { ...context, now: '2026-11-03T08:00:00.000Z', actor: 'xu.ming@factory.example' };

  it('records each changed field with before and after (R15) and moves the version on', () => {
    const { customer: next, event } = changeCustomer(customer, { name: 'New name', region: 'CN' }, later);
    expect(next).toMatchObject({ name: 'New name', version: 2, updatedAt: later.now, updatedBy: later.actor });
    expect(event?.data.changes).toEqual([{ field: 'name', before: customer.name, after: 'New name' }]);
  });

  it('writes nothing when nothing really changes', () => {
    const { customer: next, event } = changeCustomer(
      customer,
      { region: customer.region, contacts: customer.contacts },
      later,
    );
    expect(event).toBeUndefined();
    expect(next).toBe(customer);
  });
});

describe('the new-customer schema', () => {
  const problems = (input: unknown) =>
    NewCustomer.safeParse(input).error?.issues.map((issue) => issue.path.join('.')) ?? [];

  it('accepts a complete customer and defaults the addresses', () => {
    const { addresses, ...rest } = newCustomer();
    expect(NewCustomer.parse(rest).addresses).toEqual([]);
  });

  it.each([
    ['000', 'code'],
    ['1234', 'code'],
    ['12a', 'code'],
  ])('refuses code %s (R3: three digits from 001)', (code, field) => {
    expect(problems(newCustomer({ code }))).toEqual([field]);
  });

  it('checks settlement terms by type (R9)', () => {
    expect(problems(newCustomer({ settlement: { type: 'deposit', depositPercent: 100 } }))).toEqual([
      'settlement.depositPercent',
    ]);
    expect(problems({ ...newCustomer(), settlement: { type: 'monthly' } })).toEqual(['settlement.creditLimit']);
    expect(problems({ ...newCustomer(), settlement: { type: 'barter' } })).toEqual(['settlement.type']);
  });

  it('needs at least one contact with an e-mail and a known language', () => {
    expect(problems(newCustomer({ contacts: [] }))).toEqual(['contacts']);
    expect(problems({ ...newCustomer(), contacts: [{ name: 'A', email: 'a@', language: 'fr' }] }).sort()).toEqual([
      'contacts.0.email',
      'contacts.0.language',
    ]);
  });
});
