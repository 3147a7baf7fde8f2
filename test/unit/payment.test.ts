import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../../shared/domain/errors.ts';
import { depositReached, orderPaid, paidInFull, recordPayment, referenceKey } from '../../shared/domain/payment.ts';
import type { Order } from '../../shared/schemas/order.ts';
import type { NewPayment } from '../../shared/schemas/payment.ts';
import { activeCustomer, atMinute, nextTestId, placedOrder } from '../fixtures.ts';

const finance = 'zhou.min@factory.example';
const context = (minute: number) => ({ now: atMinute(minute), actor: finance, newId: nextTestId });
const today = '2026-11-25';

/** 100 handles at ¥32.00: ¥3,200.00, of which 30 % (¥960.00) is the deposit (R9). */
const awaitingDeposit = (overrides: Partial<Order> = {}) =>
  placedOrder([{ productCode: 'CZM04', description: '双面执手（左）', quantity: 100 }], {
    status: 'awaiting_deposit',
    ...overrides,
  });

const payment = (order: Order, overrides: Partial<NewPayment> = {}): NewPayment => ({
  customerId: activeCustomer.id,
  orderId: order.id,
  kind: 'deposit',
  amount: 1000,
  currency: 'CNY',
  method: 'bank-transfer',
  reference: 'ICBC-20261125-0001',
  receivedOn: '2026-11-24',
  ...overrides,
});

const record = (order: Order | undefined, input: NewPayment, minute = 10) =>
  recordPayment(input, { customer: activeCustomer, order, today }, context(minute));

/** The field issues a payment is refused with (400), or [] when it is recorded. */
function issues(order: Order | undefined, input: NewPayment) {
  try {
    record(order, input);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationFailed)) throw error;
    return error.errors;
  }
}

describe('the ledger of an order (R9)', () => {
  it('knows the deposit due, the total and what the order has been paid', () => {
    const order = awaitingDeposit();
    expect(order.totals).toEqual({ amount: 3200, depositDue: 960 });
    expect(orderPaid(order)).toEqual({ depositReceived: 0, paidTotal: 0, balanceDue: 3200 });
    expect(depositReached(order)).toBe(false);
    expect(paidInFull(order)).toBe(false);
  });

  it('reaches the deposit only when the payments add up to it, dated by the payment that completed it (R8)', () => {
    const first = record(awaitingDeposit(), payment(awaitingDeposit(), { amount: 500.1, receivedOn: '2026-11-20' }));
    expect(first.order).toMatchObject({ received: { deposit: 500.1, balance: 0 } });
    expect(first.order?.depositReceivedOn).toBeUndefined();
    expect(first.event.data.depositCompleted).toBe(false);
    expect(first.history?.action).toBe('payment recorded');

    const partly = first.order as Order;
    const second = record(partly, payment(partly, { amount: 459.9, reference: 'ICBC-2', receivedOn: '2026-11-23' }));
    const reached = second.order as Order;
    expect(reached).toMatchObject({ received: { deposit: 960, balance: 0 }, depositReceivedOn: '2026-11-23' });
    expect(reached.version).toBe(partly.version + 1);
    expect(depositReached(reached)).toBe(true);
    expect(second.event.data).toMatchObject({
      depositCompleted: true,
      paid: { depositReceived: 960, paidTotal: 960, balanceDue: 2240 },
      order: { id: reached.id, depositReceivedOn: '2026-11-23' },
    });
    expect(second.history).toMatchObject({
      action: 'deposit received',
      actor: finance,
      changes: [
        { field: 'received', before: { deposit: 500.1, balance: 0 }, after: { deposit: 960, balance: 0 } },
        { field: 'depositReceivedOn', after: '2026-11-23' },
      ],
    });

    // The balance later on neither completes the deposit again nor moves its day.
    const balance = record(reached, payment(reached, { kind: 'balance', amount: 2240, reference: 'ICBC-3' }));
    expect(balance.event.data.depositCompleted).toBe(false);
    expect(balance.order).toMatchObject({ depositReceivedOn: '2026-11-23', received: { deposit: 960, balance: 2240 } });
    expect(paidInFull(balance.order as Order)).toBe(true);
    expect(orderPaid(balance.order as Order)).toEqual({ depositReceived: 960, paidTotal: 3200, balanceDue: 0 });
  });

  it('counts a balance paid first towards the deposit: money received is money received', () => {
    const order = awaitingDeposit();
    const paid = record(order, payment(order, { kind: 'balance', amount: 1000 }));
    expect(paid.order).toMatchObject({ received: { deposit: 0, balance: 1000 }, depositReceivedOn: '2026-11-24' });
    expect(paid.event.data.depositCompleted).toBe(true);
  });

  it('refuses an over-payment, saying how much is still due', () => {
    const order = awaitingDeposit({ received: { deposit: 960, balance: 2000 } });
    expect(issues(order, payment(order, { kind: 'balance', amount: 240.01 }))).toEqual([
      { field: 'amount', message: expect.stringContaining('more than the CN¥240.00 still due') },
    ]);
    expect(issues(order, payment(order, { kind: 'balance', amount: 240 }))).toEqual([]);
  });

  it("refuses another currency than the customer's, a day still to come and more decimals than the currency has", () => {
    const order = awaitingDeposit();
    expect(issues(order, payment(order, { currency: 'USD' }))).toEqual([
      { field: 'currency', message: "must be the customer's currency, CNY" },
    ]);
    expect(issues(order, payment(order, { receivedOn: '2026-11-26' }))).toEqual([
      { field: 'receivedOn', message: `is after today (${today})` },
    ]);
    expect(issues(order, payment(order, { receivedOn: today }))).toEqual([]);
    expect(issues(order, payment(order, { amount: 10.005 }))).toEqual([
      { field: 'amount', message: 'has more decimals than CNY has' },
    ]);
  });

  it("takes deposits and balances against one of the customer's orders, other receipts against the customer alone", () => {
    const order = awaitingDeposit();
    expect(issues(undefined, { ...payment(order), orderId: undefined })).toEqual([
      { field: 'orderId', message: 'is required for a deposit (it is paid against an order)' },
    ]);
    expect(issues(order, payment(order, { kind: 'other' }))).toEqual([
      { field: 'orderId', message: "must be left out: other receipts are the customer's, not an order's" },
    ]);
    const another = awaitingDeposit({ customerId: 'cus_01J00000000000000000000OTHER' });
    expect(issues(another, payment(another))).toEqual([
      { field: 'orderId', message: "is not one of this customer's orders" },
    ]);
    const other = record(undefined, { ...payment(order, { kind: 'other' }), orderId: undefined });
    expect(other.order).toBeUndefined();
    expect(other.payment).toMatchObject({ kind: 'other', recordedBy: finance, recordedAt: atMinute(10) });
    expect(other.payment.id).toMatch(/^pay_/);
  });

  it('takes no payment against an order that ended, pointing to the order a merged one went into', () => {
    const merged = awaitingDeposit({ status: 'merged', mergedInto: 'ord_01J0000000000000000000SURV' });
    expect(() => record(merged, payment(merged))).toThrow(/record it against ord_01J0000000000000000000SURV/);
  });

  it('identifies a receipt by the customer and its reference, whatever the case and spaces', () => {
    expect(referenceKey('cus_1', ' icbc 2026-0001 ')).toBe(referenceKey('cus_1', 'ICBC2026-0001'));
    expect(referenceKey('cus_1', 'ICBC-1')).not.toBe(referenceKey('cus_2', 'ICBC-1'));
  });
});
