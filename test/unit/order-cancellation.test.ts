import { describe, expect, it } from 'vitest';
import { demoSettings } from '../../scripts/offline/demo-data.ts';
import { Conflict } from '../../shared/domain/errors.ts';
import {
  cancellationAuthority,
  cancelOrder,
  lapseCancellation,
  parseCancellationLimits,
  refuseCancellation,
  requestCancellation,
  whyNotCancellable,
} from '../../shared/domain/order-cancellation.ts';
import type { CancellationRequest } from '../../shared/schemas/cancellation.ts';
import { type Order, OrderSummary } from '../../shared/schemas/order.ts';
import { atMinute, nextTestId, placedOrder, testParties } from '../fixtures.ts';

const at = atMinute;
const context = (minute: number, actor = 'li.wei@huaxin.example') => ({ now: at(minute), actor, newId: nextTestId });
const parties = testParties;

/** 200 rods at 18.50 CNY: 3,700.00 CNY, deposit (30 %) 1,110.00. */
const order = (overrides: Partial<Order> = {}) =>
  placedOrder([{ productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200 }], overrides);

const priced = (amount: number | undefined, currency: Order['currency'] = 'CNY') => ({
  totals: amount === undefined ? {} : { amount },
  currency,
});

describe('parseCancellationLimits (R16)', () => {
  it('reads one limit per currency', () => {
    expect(parseCancellationLimits('CNY=50000;USD=7000;EUR=6500')).toEqual({ CNY: 50000, USD: 7000, EUR: 6500 });
    expect(parseCancellationLimits(' CNY = 50000.5 ; USD=7000; ')).toEqual({ CNY: 50000.5, USD: 7000 });
  });

  it('reads the demo deployment’s setting', () => {
    expect(parseCancellationLimits(demoSettings.CANCELLATION_LIMITS)).toEqual({ CNY: 50000, USD: 7000, EUR: 6500 });
  });

  it.each([
    ['CNY=50000;USD', /entry 2 "USD" must read CURRENCY=amount/],
    ['CNY=abc', /entry 1 "CNY=abc" must read CURRENCY=amount/],
    ['CNY=-5', /entry 1 "CNY=-5" must read CURRENCY=amount/],
    ['XYZ=100', /entry 1 "XYZ=100"/],
    ['CNY=100;CNY=200', /entry 2 "CNY=200" sets CNY twice/],
    ['CNY=1.00001', /entry 1 "CNY=1.00001"/],
    ['', /names no currency/],
    [';;', /names no currency/],
  ])('refuses %j with a clear error naming the bad entry', (text, message) => {
    expect(() => parseCancellationLimits(text, 'CANCELLATION_LIMITS')).toThrow(message);
    expect(() => parseCancellationLimits(text, 'CANCELLATION_LIMITS')).toThrow(/\(CANCELLATION_LIMITS\) are not valid/);
  });
});

describe('cancellationAuthority (R16: by amount)', () => {
  const limits = { CNY: 50000, USD: 7000 };

  it('gives an order below the limit to the sales manager', () => {
    expect(cancellationAuthority(priced(49999.99), limits)).toEqual({ role: 'leader', limit: 50000 });
  });

  it('gives an order of exactly the limit to the sales manager (up to and including)', () => {
    expect(cancellationAuthority(priced(50000), limits).role).toBe('leader');
    expect(cancellationAuthority(priced(7000, 'USD'), limits).role).toBe('leader');
  });

  it('gives an order above the limit to the general manager', () => {
    expect(cancellationAuthority(priced(50000.01), limits)).toEqual({ role: 'gm', limit: 50000 });
  });

  it('gives an order in a currency without a limit to the general manager', () => {
    expect(cancellationAuthority(priced(1, 'EUR'), limits)).toEqual({ role: 'gm' });
  });

  it('gives an order without a total (an unpriced line) to the general manager', () => {
    expect(cancellationAuthority(priced(undefined), limits).role).toBe('gm');
  });
});

describe('requestCancellation (R16)', () => {
  it('records the request with its reason; the order itself is unchanged', () => {
    const { cancellation, event, history } = requestCancellation(order(), { reason: 'project stopped' }, context(2));
    expect(cancellation).toMatchObject({
      orderNumber: expect.any(String),
      status: 'waiting',
      reason: 'project stopped',
      amount: 3700,
      currency: 'CNY',
      requestedBy: 'li.wei@huaxin.example',
      version: 1,
    });
    expect(cancellation.id).toMatch(/^can_/);
    expect(event).toMatchObject({ type: 'CancellationRequested', subject: { kind: 'order' } });
    expect(history).toMatchObject({ action: 'cancellation requested', note: `${cancellation.id}: project stopped` });
  });

  it.each(['rejected', 'cancelled', 'merged'] as const)('refuses an order that is %s (409)', (status) => {
    expect(() => requestCancellation(order({ status }), { reason: 'x' }, context(2))).toThrow(Conflict);
  });

  it('takes orders in every status before they end, since no status means shipped yet (F3 adds them)', () => {
    for (const status of ['in_review', 'planning', 'awaiting_promise', 'awaiting_deposit', 'acknowledged'] as const) {
      expect(whyNotCancellable(order({ status }))).toBeUndefined();
    }
  });
});

describe('cancelOrder (R16)', () => {
  const waiting = (o: Order): CancellationRequest =>
    requestCancellation(o, { reason: 'project stopped' }, context(2)).cancellation;
  const approve = { by: 'sales.manager@example.com', at: at(5) };

  it('cancels the order, recording before and after in its history (R15), with no credit when no deposit came', () => {
    const current = order();
    const result = cancelOrder(current, waiting(current), approve, parties, context(6, 'workflow'));
    expect(result.order).toMatchObject({
      status: 'cancelled',
      version: current.version + 1,
      updatedBy: 'sales.manager@example.com',
      cancellation: {
        reason: 'project stopped',
        requestedBy: 'li.wei@huaxin.example',
        requestedAt: at(2),
        approvedBy: 'sales.manager@example.com',
        approvedAt: at(5),
      },
    });
    expect(result.order.cancellation?.creditOwed).toBeUndefined();
    expect(result.credit).toBeUndefined();
    expect(result.history).toMatchObject({ actor: 'sales.manager@example.com', action: 'cancelled' });
    expect(result.history.changes).toEqual([
      { field: 'status', before: 'in_production', after: 'cancelled' },
      { field: 'cancellation', before: undefined, after: result.order.cancellation },
    ]);
    expect(result.cancellation).toMatchObject({
      status: 'approved',
      decidedBy: approve.by,
      decidedAt: at(5),
      version: 2,
    });
    expect(result.event).toMatchObject({
      type: 'OrderCancelled',
      actor: approve.by,
      data: { order: OrderSummary.parse(result.order) },
    });
  });

  it('owes the customer what it actually paid against the order as a credit, not the deposit that was due', () => {
    const current = order({ depositReceivedOn: '2026-11-20', received: { deposit: 1000, balance: 110 } });
    expect(current.totals.depositDue).toBe(1110);
    const result = cancelOrder(current, waiting(current), approve, parties, context(6));
    expect(result.credit).toEqual({
      customerId: current.customerId,
      orderId: current.id,
      orderNumber: current.number,
      amount: 1110,
      currency: 'CNY',
      reason: expect.stringContaining('R16'),
      at: at(6),
    });
    expect(result.order.cancellation?.creditOwed).toBe(1110);
    expect(result.cancellation.creditOwed).toBe(1110);
    expect(result.event.data.credit).toEqual(result.credit);
  });

  it('owes nothing for a deposit that was due but never received', () => {
    const current = order({ status: 'awaiting_deposit' });
    expect(cancelOrder(current, waiting(current), approve, parties, context(6)).credit).toBeUndefined();
  });

  it('owes back a part of the deposit paid before the order was cancelled (R9: the amount received)', () => {
    const current = order({ status: 'awaiting_deposit', received: { deposit: 400.5, balance: 0 } });
    expect(cancelOrder(current, waiting(current), approve, parties, context(6)).credit?.amount).toBe(400.5);
  });

  it('does not cancel twice: a request already decided, or an order already ended, is refused', () => {
    const current = order();
    const first = cancelOrder(current, waiting(current), approve, parties, context(6));
    expect(() => cancelOrder(first.order, first.cancellation, approve, parties, context(7))).toThrow(Conflict);
    expect(() => cancelOrder(first.order, waiting(current), approve, parties, context(7))).toThrow(Conflict);
  });
});

describe('refusal and lapse (R16)', () => {
  it('refuses with the decider’s written reason, the order unchanged', () => {
    const current = order();
    const request = requestCancellation(current, { reason: 'x' }, context(2)).cancellation;
    const decision = { by: 'gm@example.com', at: at(5), reason: 'materials already cut' };
    const { cancellation, event, history } = refuseCancellation(current, request, decision, parties, context(6));
    expect(cancellation).toMatchObject({
      status: 'refused',
      decidedBy: 'gm@example.com',
      decisionReason: 'materials already cut',
    });
    expect(event).toMatchObject({ type: 'CancellationRefused', data: { order: OrderSummary.parse(current) } });
    expect(history).toMatchObject({ action: 'cancellation refused', actor: 'gm@example.com' });
    expect(history.changes).toBeUndefined();
  });

  it('lapses a request nobody decided', () => {
    const current = order();
    const request = requestCancellation(current, { reason: 'x' }, context(2)).cancellation;
    const { cancellation, event } = lapseCancellation(current, request, parties, context(9, 'workflow'));
    expect(cancellation.status).toBe('lapsed');
    expect(event.type).toBe('CancellationLapsed');
    expect(() => lapseCancellation(current, cancellation, parties, context(10))).toThrow(Conflict);
  });
});
