import { describe, expect, it } from 'vitest';
import { overdueOf } from '../../shared/domain/ageing.ts';
import { ageingReport, ageingReportRow } from '../../shared/domain/ageing-report.ts';
import { ValidationFailed } from '../../shared/domain/errors.ts';
import { bookAdjustment, requestAdjustment } from '../../shared/domain/ledger-adjustment.ts';
import { type ReminderState, reminderDue, reminderOf } from '../../shared/domain/overdue-reminders.ts';
import { type PlacedOrder, reconcile } from '../../shared/domain/reconciliation.ts';
import type { Invoice } from '../../shared/schemas/invoice.ts';
import type { LedgerEntry } from '../../shared/schemas/ledger.ts';
import type { Payment } from '../../shared/schemas/payment.ts';
import { atMinute, nextTestId } from '../fixtures.ts';

const monthly = { type: 'monthly' as const, creditLimit: 200000 };
const deposit = { type: 'deposit' as const, depositPercent: 30 };
/** An entry booked at 10:00 in Shanghai on `day`. */
const entry = (
  kind: LedgerEntry['kind'],
  reference: string,
  amount: number,
  day: string,
  orderNumber?: string,
): LedgerEntry => ({
  customerId: 'cus_1',
  kind,
  reference,
  amount,
  currency: 'CNY',
  ...(orderNumber ? { orderNumber } : {}),
  at: `${day}T02:00:00.000Z`,
});
const customer = { id: 'cus_1', code: '003', name: 'Jinan Aluminium', currency: 'CNY' as const };
const context = (minute: number, actor = 'zhou.min@factory.example') => ({
  now: atMinute(minute),
  actor,
  newId: nextTestId,
});

describe('ledger adjustments by finance (R40)', () => {
  it('are asked in the minor unit of the customer’s currency, and booked with their reason and approver', () => {
    const asked = requestAdjustment(
      customer,
      { amount: -12.5, reason: 'Rounding', reference: 'DN2026110003' },
      context(1),
    );
    expect(asked.adjustment).toMatchObject({ amount: -12.5, currency: 'CNY', status: 'pending', version: 1 });
    expect(() => requestAdjustment(customer, { amount: 0.005, reason: 'Too fine' }, context(2))).toThrow(
      ValidationFailed,
    );
    const yen = { ...customer, currency: 'JPY' as const };
    expect(() => requestAdjustment(yen, { amount: 10.5, reason: 'Half a yen' }, context(3))).toThrow(
      expect.objectContaining({
        errors: [{ field: 'amount', message: 'must be a whole number of the JPY minor unit (whole yen)' }],
      }),
    );
    const decision = { by: 'qian.hua@factory.example', at: atMinute(4) };
    const booked = bookAdjustment(customer, asked.adjustment, decision, context(4, 'workflow:ledger-adjustment'));
    expect(booked.entry).toEqual({
      customerId: 'cus_1',
      kind: 'adjustment',
      reference: asked.adjustment.id,
      amount: -12.5,
      currency: 'CNY',
      reason: 'Rounding (DN2026110003)',
      approvedBy: 'qian.hua@factory.example',
      at: atMinute(4),
    });
    expect(booked.adjustment).toMatchObject({ status: 'approved', decidedBy: decision.by, version: 2 });
    expect(() => bookAdjustment(customer, booked.adjustment, decision, context(5))).toThrow(/approved already/);
  });

  it('age like the rest of the ledger: a debit falls due by the terms, a credit settles the oldest debits first', () => {
    const entries = [
      entry('delivery-note', 'DN2026080001', 1000, '2026-08-10', 'O1'), // due 09-30: 61 days late on 11-30
      entry('adjustment', 'adj_1', 300, '2026-09-10'), // due 10-31: 30 days late
      entry('adjustment', 'adj_2', -400, '2026-10-20'),
    ];
    const overdue = overdueOf(entries, { terms: monthly, currency: 'CNY', today: '2026-11-30' });
    expect(overdue).toMatchObject({
      ageing: { current: 0, days1to30: 300, days31to60: 0, days61to90: 600, over90: 0 },
      overdue: 900,
      oldestOverdueDays: 61,
      oldestDueOn: '2026-09-30',
    });
    expect(overdue.overdueDebits.map((d) => [d.reference, d.open, d.daysOverdue])).toEqual([
      ['DN2026080001', 600, 61],
      ['adj_1', 300, 30],
    ]);
  });
});

describe('overdue reminders (R40): the 1st, 7th, 15th and 30th day overdue, then every 30 days', () => {
  it('names the reminder day a number of days overdue has reached', () => {
    expect([0, 1, 6, 7, 14, 15, 29, 30, 59, 60, 89, 90, 125].map(reminderOf)).toEqual([
      0, 1, 1, 7, 7, 15, 15, 30, 30, 60, 60, 90, 120,
    ]);
  });

  const overdueOn = (today: string, entries = [entry('delivery-note', 'DN2026100001', 500, '2026-10-10')]) =>
    overdueOf(entries, { terms: deposit, currency: 'CNY', today });
  const state = (remindedOn: string, reminder: number, oldestDueOn = '2026-10-10'): ReminderState => ({
    customerId: 'cus_1',
    remindedOn,
    oldestDueOn,
    reminder,
  });

  it('reminds once per reminder day, at most once a day, and catches up a day the check missed', () => {
    expect(reminderDue(overdueOn('2026-10-10'), undefined, '2026-10-10')).toBeUndefined(); // due today: not late
    expect(reminderDue(overdueOn('2026-10-11'), undefined, '2026-10-11')).toBe(1);
    expect(reminderDue(overdueOn('2026-10-11'), state('2026-10-11', 1), '2026-10-11')).toBeUndefined();
    expect(reminderDue(overdueOn('2026-10-12'), state('2026-10-11', 1), '2026-10-12')).toBeUndefined();
    expect(reminderDue(overdueOn('2026-10-17'), state('2026-10-11', 1), '2026-10-17')).toBe(7);
    // The check did not run on day 7: day 8 sends it.
    expect(reminderDue(overdueOn('2026-10-18'), state('2026-10-11', 1), '2026-10-18')).toBe(7);
    expect(reminderDue(overdueOn('2026-12-09'), state('2026-11-09', 30), '2026-12-09')).toBe(60);
  });

  it('starts again when the oldest debit was paid and a newer one is now the oldest overdue', () => {
    const newer = [entry('delivery-note', 'DN2026110001', 500, '2026-11-01')];
    expect(reminderDue(overdueOn('2026-11-02', newer), state('2026-10-25', 15), '2026-11-02')).toBe(1);
  });
});

describe('the ageing report (R40)', () => {
  const row = (code: string, currency: 'CNY' | 'USD', days: number, overdue: number, balance: number) =>
    ageingReportRow(
      { id: `cus_${code}`, code, name: code, currency, settlement: deposit, accountOwner: 'stf_1' },
      balance,
      {
        ageing: { current: balance - overdue, days1to30: overdue, days31to60: 0, days61to90: 0, over90: 0 },
        overdue,
        oldestOverdueDays: days,
        ...(days ? { oldestDueOn: '2026-11-01' } : {}),
        overdueDebits: [],
      },
    );

  it('puts the most overdue first and totals each currency apart', () => {
    const report = ageingReport(
      [row('001', 'CNY', 0, 0, 100), row('002', 'USD', 12, 50, 50), row('003', 'CNY', 12, 80.1, 100.2)],
      '2026-11-13',
    );
    expect(report.customers.map((r) => r.code)).toEqual(['003', '002', '001']);
    expect(report.totals).toEqual([
      {
        currency: 'CNY',
        customers: 2,
        balance: 200.2,
        overdue: 80.1,
        ageing: { current: 120.1, days1to30: 80.1, days31to60: 0, days61to90: 0, over90: 0 },
      },
      {
        currency: 'USD',
        customers: 1,
        balance: 50,
        overdue: 50,
        ageing: { current: 0, days1to30: 50, days31to60: 0, days61to90: 0, over90: 0 },
      },
    ]);
  });
});

describe('the reconciliation of a period (R40, doc 001)', () => {
  const order = (number: string, amount: number, status: PlacedOrder['status'] = 'partly_shipped'): PlacedOrder => ({
    id: `ord_${number}`,
    number,
    poNumber: `PO-${number}`,
    status,
    totals: { amount },
    createdAt: '2026-11-02T02:00:00.000Z',
  });
  const invoice = (number: string, amount: number): Invoice => ({
    id: `inv_${number}`,
    customerId: 'cus_1',
    number,
    issuedOn: '2026-11-20',
    amount,
    taxAmount: 0,
    currency: 'CNY',
    recordedBy: 'zhou.min@factory.example',
    recordedAt: atMinute(1),
  });
  const payment = (id: string, amount: number): Payment => ({
    id,
    customerId: 'cus_1',
    kind: 'other',
    amount,
    currency: 'CNY',
    method: 'bank-transfer',
    reference: `REF-${id}`,
    receivedOn: '2026-11-15',
    recordedBy: 'zhou.min@factory.example',
    recordedAt: atMinute(1),
  });

  it('lists each kind of difference with its amounts', () => {
    const result = reconcile({
      customerId: 'cus_1',
      currency: 'CNY',
      from: '2026-11-01',
      to: '2026-11-30',
      orders: [order('O1', 1000), order('O2', 300, 'delivered'), order('O3', 900, 'cancelled')],
      ledger: [
        entry('delivery-note', 'DN1', 600, '2026-11-05', 'O1'),
        entry('delivery-note', 'DN2', 350, '2026-11-06', 'O2'),
        entry('delivery-note', 'DN3', 200, '2026-11-07', 'O1'),
        entry('delivery-note-void', 'DN3', -200, '2026-11-08', 'O1'),
        entry('delivery-note', 'DN0', 999, '2026-10-28', 'O0'), // booked before the period
      ],
      invoices: [invoice('FP-1', 500)],
      payments: [payment('pay_1', 700), payment('pay_2', 100)],
    });
    expect(result.totals).toEqual({
      ordered: 1300,
      delivered: 950,
      returned: 0,
      adjusted: 0,
      invoiced: 500,
      paid: 800,
    });
    expect(result.orders.map((o) => [o.number, o.delivered, o.returned])).toEqual([
      ['O1', 600, 0],
      ['O2', 350, 0],
    ]);
    expect(result.deliveryNotes.map((n) => [n.number, n.voidedOn ?? null])).toEqual([
      ['DN1', null],
      ['DN2', null],
      ['DN3', '2026-11-08'],
    ]);
    expect(result.differences).toEqual([
      {
        kind: 'delivered-less-than-ordered',
        orderNumber: 'O1',
        status: 'partly_shipped',
        ordered: 1000,
        delivered: 600,
        difference: 400,
      },
      { kind: 'delivered-more-than-ordered', orderNumber: 'O2', delivered: 350, ordered: 300, difference: 50 },
      { kind: 'delivered-paid-not-invoiced', delivered: 950, paid: 800, invoiced: 500, difference: 300 },
      { kind: 'payments-not-invoiced', paid: 800, invoiced: 500, difference: 300 },
      { kind: 'delivery-note-void', deliveryNote: 'DN3', orderNumber: 'O1', amount: 200, voidedOn: '2026-11-08' },
    ]);
  });

  it('lists the return notes credited and the adjustments booked in the period, a voided note among the differences (R36, R40)', () => {
    const result = reconcile({
      customerId: 'cus_1',
      currency: 'CNY',
      from: '2026-11-01',
      to: '2026-11-30',
      orders: [order('O1', 1000, 'delivered')],
      ledger: [
        entry('delivery-note', 'DN1', 1000, '2026-11-05', 'O1'),
        entry('return-note', 'RN1', -120.5, '2026-11-12', 'O1'),
        entry('return-note', 'RN2', -80, '2026-11-13', 'O1'),
        entry('return-note-void', 'RN2', 80, '2026-11-14', 'O1'),
        entry('return-note', 'RN0', -40, '2026-10-30', 'O1'), // credited before the period
        entry('adjustment', 'adj_1', -15, '2026-11-20'),
        entry('adjustment', 'adj_2', 5.25, '2026-11-21'),
      ],
      invoices: [],
      payments: [],
    });
    expect(result.orders.map((o) => [o.number, o.delivered, o.returned])).toEqual([['O1', 1000, 160.5]]);
    expect(result.returnNotes).toEqual([
      { number: 'RN1', orderNumber: 'O1', bookedOn: '2026-11-12', amount: 120.5 },
      { number: 'RN2', orderNumber: 'O1', bookedOn: '2026-11-13', amount: 80, voidedOn: '2026-11-14' },
    ]);
    expect(result.adjustments).toEqual([
      { reference: 'adj_1', bookedOn: '2026-11-20', amount: -15 },
      { reference: 'adj_2', bookedOn: '2026-11-21', amount: 5.25 },
    ]);
    expect(result.totals).toMatchObject({ delivered: 1000, returned: 120.5, adjusted: -9.75 });
    expect(result.differences).toContainEqual({
      kind: 'return-note-void',
      returnNote: 'RN2',
      orderNumber: 'O1',
      amount: 80,
      voidedOn: '2026-11-14',
    });
  });

  it('finds more invoiced than delivered', () => {
    const result = reconcile({
      customerId: 'cus_1',
      currency: 'CNY',
      from: '2026-11-01',
      to: '2026-11-30',
      orders: [],
      ledger: [],
      invoices: [invoice('FP-2', 120)],
      payments: [payment('pay_3', 120)],
    });
    expect(result.differences).toEqual([
      { kind: 'invoiced-more-than-delivered', invoiced: 120, delivered: 0, difference: 120 },
    ]);
  });
});
