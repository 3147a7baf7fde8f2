import { describe, expect, it } from 'vitest';
import { ageing, dueOn } from '../../shared/domain/ageing.ts';
import { ledgerEntry } from '../fixtures.ts';

const monthly = { type: 'monthly' as const, creditLimit: 200000 };
const deposit = { type: 'deposit' as const, depositPercent: 30 };
const entry = ledgerEntry;
const none = { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 };

describe('when a delivery note falls due (R40, by the customer’s terms)', () => {
  it('a monthly customer pays the month by the end of the month after; others at once', () => {
    expect(dueOn('2026-10-05', monthly)).toBe('2026-11-30');
    expect(dueOn('2026-12-31', monthly)).toBe('2027-01-31');
    expect(dueOn('2027-01-15', monthly)).toBe('2027-02-28');
    expect(dueOn('2026-10-05', deposit)).toBe('2026-10-05');
  });
});

describe('the receivable by age (R40)', () => {
  it('settles the oldest notes first and counts what is open by the days it is overdue', () => {
    const entries = [
      entry('delivery-note', 'DN2026080001', 1000, '2026-08-10'), // due 09-30: 61 days late on 11-30
      entry('delivery-note', 'DN2026090001', 2000, '2026-09-10'), // due 10-31: 30 days late
      entry('delivery-note', 'DN2026110001', 500, '2026-11-02'), // due 12-31: not yet
      entry('payment', 'pay_1', -1200, '2026-10-20'),
    ];
    expect(ageing(entries, { terms: monthly, currency: 'CNY', today: '2026-11-30' })).toEqual({
      ...none,
      current: 500,
      days1to30: 1800,
    });
    expect(ageing(entries.slice(0, 3), { terms: monthly, currency: 'CNY', today: '2026-11-30' })).toEqual({
      ...none,
      current: 500,
      days1to30: 2000,
      days61to90: 1000,
    });
  });

  it('leaves a void note out, and a void return note’s credit with it; a return note credits like money', () => {
    const entries = [
      entry('delivery-note', 'DN1', 300, '2026-01-05'),
      entry('delivery-note-void', 'DN1', -300, '2026-01-06'),
      entry('delivery-note', 'DN2', 800.5, '2026-01-07'),
      entry('return-note', 'RN1', -100, '2026-02-01'),
      entry('return-note-void', 'RN1', 100, '2026-02-02'),
      entry('return-note', 'RN2', -0.5, '2026-02-03'),
    ];
    expect(ageing(entries, { terms: deposit, currency: 'CNY', today: '2026-06-01' })).toEqual({ ...none, over90: 800 });
  });

  it('owes nothing when it paid ahead', () => {
    const entries = [entry('payment', 'pay_1', -500, '2026-11-01'), entry('delivery-note', 'DN1', 200, '2026-11-03')];
    expect(ageing(entries, { terms: monthly, currency: 'CNY', today: '2027-06-01' })).toEqual(none);
  });
});
