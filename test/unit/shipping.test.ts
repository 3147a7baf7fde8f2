import { describe, expect, it } from 'vitest';
import { Conflict, ValidationFailed } from '../../shared/domain/errors.ts';
import {
  deliveryExecutionId,
  deliveryLines,
  finishProduction,
  fulfilmentStatus,
  linesValue,
  plannedDeliveries,
  replacementDelivery,
  seemsMonthly,
} from '../../shared/domain/fulfilment.ts';
import {
  countedForOrder,
  deliveryNoteFor,
  expectedArrival,
  formPicked,
  formQuantities,
  noteShipped,
  orderMoved,
  paymentGate,
  pickingRound,
  type StockPrepValues,
  signedFor,
  stockPrepFormFor,
  tracked,
} from '../../shared/domain/shipping.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { OrderDelivery, type ProductionFinishedReport } from '../../shared/schemas/delivery.ts';
import { DeliveryNote, StockPrepForm } from '../../shared/schemas/documents.ts';
import type { Delivery, NewOrderLine, Order } from '../../shared/schemas/order.ts';
import { activeCustomer, atMinute, nextTestId, placedOrder, productsByCode } from '../fixtures.ts';

const production = 'workshop@factory.example';
const warehouse = 'warehouse@factory.example';
const context = (minute: number, actor = production) => ({ now: atMinute(minute), actor, newId: nextTestId });

const handles = (more: Partial<NewOrderLine> = {}): NewOrderLine => ({
  productCode: 'CZM04',
  description: '双面执手（左）',
  quantity: 100,
  ...more,
});
const rods = (more: Partial<NewOrderLine> = {}): NewOrderLine => ({
  productCode: 'CHJ01B-800',
  description: '欧槽铝连杆 800',
  quantity: 200,
  ...more,
});

/** 100 handles at ¥32.00 (¥3,200.00) and 200 rods at ¥18.50 (¥3,700.00): ¥6,900.00, deposit due ¥2,070.00. */
const twoLines = (overrides: Partial<Order> = {}) => placedOrder([handles(), rods()], overrides);

/** R24: the same order split: delivery 1 carries every handle and 50 rods (¥4,125.00), delivery 2 the other 150 rods (¥2,775.00). */
const split: Delivery[] = [
  {
    delivery: 1,
    requestedDate: '2027-02-01',
    lines: [
      { line: 1, quantity: 100 },
      { line: 2, quantity: 50 },
    ],
  },
  { delivery: 2, requestedDate: '2027-03-01', lines: [{ line: 2, quantity: 150 }] },
];
const splitOrder = (overrides: Partial<Order> = {}) => twoLines({ deliveries: split, ...overrides });

/** The order with each line at the given counts (finished, shipped, delivered). */
const withCounts = (
  order: Order,
  counts: Record<number, { finished?: number; shipped?: number; delivered?: number }>,
) => ({
  ...order,
  lines: order.lines.map((line) => ({ ...line, ...counts[line.line] })),
});
const allFinished = (order: Order) =>
  withCounts(order, Object.fromEntries(order.lines.map((l) => [l.line, { finished: l.quantity }])));

const paid = (deposit: number, balance = 0) => ({ received: { deposit, balance } });

const depositCustomer = activeCustomer;
const monthlyCustomer: Customer = { ...activeCustomer, settlement: { type: 'monthly', creditLimit: 10000 } };

/** A delivery's lines as the delivery carries them (product and name beside each quantity). */
const whole = (order: Order) => ({ lines: deliveryLines(order, plannedDeliveries(order)[0] as Delivery) });
const deliveryOne = { lines: deliveryLines(twoLines(), split[0] as Delivery) };
const deliveryTwo = { lines: deliveryLines(twoLines(), split[1] as Delivery) };

/** A delivery of the order as the shipping workflow keeps it, valid by its schema. */
function deliveryRecord(order: Order, overrides: Partial<OrderDelivery> = {}): OrderDelivery {
  const planned = plannedDeliveries(order)[0] as Delivery;
  return OrderDelivery.parse({
    orderId: order.id,
    orderNumber: order.number,
    customerId: order.customerId,
    delivery: planned.delivery,
    status: 'finished',
    lines: planned.lines.map(({ line, quantity }) => {
      const ordered = order.lines.find((l) => l.line === line);
      return { line, productCode: ordered?.productCode ?? '', name: ordered?.productName ?? '', quantity };
    }),
    requestedDate: planned.requestedDate,
    finishedAt: atMinute(10),
    picking: [],
    tracking: [],
    version: 1,
    createdAt: atMinute(10),
    updatedAt: atMinute(10),
    ...overrides,
  });
}

/** What an operation throws (or a failure when it throws nothing). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('nothing thrown');
}
const issuesOf = (run: () => unknown) => {
  const error = thrown(run);
  if (!(error instanceof ValidationFailed)) throw error;
  return error.errors;
};

describe('paymentGate: a customer paying first (R9 balance before goods ship)', () => {
  it('R9: asks for the whole order, less what was paid, before an order in one delivery ships', () => {
    const order = twoLines();
    expect(linesValue(order, whole(order).lines)).toBe(6900);
    expect(paymentGate(order, whole(order), depositCustomer, 0)).toEqual({ gate: 'balance', due: 6900 });
    expect(paymentGate({ ...order, ...paid(2070) }, whole(order), depositCustomer, 0)).toEqual({
      gate: 'balance',
      due: 4830,
    });
    expect(paymentGate({ ...order, ...paid(2070, 4829.99) }, whole(order), depositCustomer, 0)).toEqual({
      gate: 'balance',
      due: 0.01,
    });
  });

  it('R9: lets the goods go once everything is paid', () => {
    const order = twoLines(paid(2070, 4830));
    expect(paymentGate(order, whole(order), depositCustomer, 0)).toEqual({ gate: 'clear' });
  });

  it('R9: never asks more than the order total, even when its lines are worth more', () => {
    const order = twoLines({ totals: { amount: 6000, depositDue: 1800 } });
    expect(paymentGate(order, whole(order), depositCustomer, 0)).toEqual({ gate: 'balance', due: 6000 });
    expect(paymentGate({ ...order, ...paid(1800, 4200) }, whole(order), depositCustomer, 0)).toEqual({
      gate: 'clear',
    });
  });

  it('R9: asks for what the lines are worth while the order total is not known', () => {
    const order = twoLines({ totals: {} });
    expect(paymentGate(order, whole(order), depositCustomer, 0)).toEqual({ gate: 'balance', due: 6900 });
  });

  it('R9, R24: the first delivery of a split order needs paying only up to what it brings', () => {
    const order = splitOrder(paid(2070));
    expect(paymentGate(order, deliveryOne, depositCustomer, 0)).toEqual({ gate: 'balance', due: 2055 });
    // Paid for delivery 1, though not for the order: delivery 1 ships.
    expect(paymentGate(splitOrder(paid(2070, 2055)), deliveryOne, depositCustomer, 0)).toEqual({ gate: 'clear' });
  });

  it('R9, R24: the second delivery is paid up to what shipped before plus what it brings', () => {
    const shippedOne = (more: Partial<Order>) =>
      withCounts(splitOrder(more), { 1: { finished: 100, shipped: 100 }, 2: { finished: 200, shipped: 50 } });
    expect(paymentGate(shippedOne(paid(2070, 2055)), deliveryTwo, depositCustomer, 0)).toEqual({
      gate: 'balance',
      due: 2775,
    });
    // Delivery 1 went out unpaid (say, on the general manager's word): delivery 2 asks for both.
    expect(paymentGate(shippedOne(paid(2070)), deliveryTwo, depositCustomer, 0)).toEqual({
      gate: 'balance',
      due: 4830,
    });
    expect(paymentGate(shippedOne(paid(2070, 4830)), deliveryTwo, depositCustomer, 0)).toEqual({ gate: 'clear' });
  });

  it('R9: what the customer owes on other orders (the receivable) does not change the balance asked', () => {
    const order = twoLines(paid(2070));
    expect(paymentGate(order, whole(order), depositCustomer, 50_000)).toEqual({ gate: 'balance', due: 4830 });
  });
});

describe('paymentGate: a customer on monthly settlement (F7 monthly credit)', () => {
  it('F7: ships on credit, without any payment, while what it owes plus this delivery stays within its limit', () => {
    const order = twoLines();
    expect(paymentGate(order, whole(order), monthlyCustomer, 0)).toEqual({ gate: 'clear' });
    expect(paymentGate(order, whole(order), monthlyCustomer, 3100)).toEqual({ gate: 'clear' });
  });

  it('F7: beyond its limit, waits for the sales manager, saying what it owes, what ships and the limit', () => {
    const order = twoLines();
    expect(paymentGate(order, whole(order), monthlyCustomer, 3100.01)).toEqual({
      gate: 'credit',
      owed: 3100.01,
      value: 6900,
      limit: 10000,
    });
    expect(paymentGate(splitOrder(), deliveryTwo, monthlyCustomer, 7300)).toEqual({
      gate: 'credit',
      owed: 7300,
      value: 2775,
      limit: 10000,
    });
    expect(paymentGate(splitOrder(), deliveryTwo, monthlyCustomer, 7225)).toEqual({ gate: 'clear' });
  });

  it('F7: money paid ahead (a receivable below nothing) counts toward the delivery', () => {
    const order = twoLines();
    expect(paymentGate(order, whole(order), { settlement: { type: 'monthly', creditLimit: 6500 } }, -500)).toEqual({
      gate: 'clear',
    });
    expect(paymentGate(order, whole(order), { settlement: { type: 'monthly', creditLimit: 6500 } }, -399.99)).toEqual({
      gate: 'credit',
      owed: -399.99,
      value: 6900,
      limit: 6500,
    });
    // Paid ahead for all of it, a customer without credit ships; a cent short, it does not.
    const noCredit = { settlement: { type: 'monthly', creditLimit: 0 } } as const;
    expect(paymentGate(order, whole(order), noCredit, -7000)).toEqual({ gate: 'clear' });
    expect(paymentGate(order, whole(order), noCredit, -6900)).toEqual({ gate: 'clear' });
    expect(paymentGate(order, whole(order), noCredit, -6899.99)).toMatchObject({ gate: 'credit', owed: -6899.99 });
  });

  it('F7: counts only the delivery, not what the order has been paid', () => {
    const order = twoLines(paid(2070, 4830));
    expect(paymentGate(order, whole(order), monthlyCustomer, 9000)).toMatchObject({ gate: 'credit', value: 6900 });
  });
});

describe('fulfilmentStatus (R9: money decides only the last steps)', () => {
  it('is in production until every line is finished', () => {
    expect(fulfilmentStatus(twoLines(), { monthly: false })).toBe('in_production');
    expect(
      fulfilmentStatus(withCounts(twoLines(), { 1: { finished: 100 }, 2: { finished: 199 } }), { monthly: true }),
    ).toBe('in_production');
  });

  it('R9, F7: finished, then ready to ship once paid in full or for a monthly customer', () => {
    const done = allFinished(twoLines());
    expect(fulfilmentStatus(done, { monthly: false })).toBe('finished');
    expect(fulfilmentStatus({ ...done, ...paid(2070, 4829.99) }, { monthly: false })).toBe('finished');
    expect(fulfilmentStatus({ ...done, ...paid(2070, 4830) }, { monthly: false })).toBe('ready_to_ship');
    expect(fulfilmentStatus(done, { monthly: true })).toBe('ready_to_ship');
    // Not paid in full while the total is unknown.
    expect(fulfilmentStatus({ ...done, totals: {}, ...paid(2070, 4830) }, { monthly: false })).toBe('finished');
  });

  it('R21, R24: partly shipped, shipped; R23: delivered, closed once paid', () => {
    const order = twoLines();
    const partly = withCounts(order, { 1: { finished: 100, shipped: 100 }, 2: { finished: 200 } });
    expect(fulfilmentStatus(partly, { monthly: false })).toBe('partly_shipped');
    const shipped = withCounts(order, { 1: { finished: 100, shipped: 100 }, 2: { finished: 200, shipped: 200 } });
    expect(fulfilmentStatus(shipped, { monthly: false })).toBe('shipped');
    const delivered = withCounts(order, {
      1: { finished: 100, shipped: 100, delivered: 100 },
      2: { finished: 200, shipped: 200, delivered: 200 },
    });
    expect(fulfilmentStatus(delivered, { monthly: true })).toBe('delivered');
    expect(fulfilmentStatus({ ...delivered, ...paid(2070, 4830) }, { monthly: false })).toBe('closed');
  });
});

describe('plannedDeliveries (R24)', () => {
  it('is the whole order in one delivery unless it was split', () => {
    expect(plannedDeliveries(twoLines())).toEqual([
      {
        delivery: 1,
        requestedDate: '2027-03-01',
        lines: [
          { line: 1, quantity: 100 },
          { line: 2, quantity: 200 },
        ],
      },
    ]);
    expect(plannedDeliveries(splitOrder())).toEqual(split);
  });
});

describe('seemsMonthly (R9, F7)', () => {
  it('takes an order placed with no deposit due as one of a customer settling monthly', () => {
    expect(seemsMonthly({ totals: { amount: 100, depositDue: 0 } })).toBe(true);
    expect(seemsMonthly({ totals: { amount: 100, depositDue: 30 } })).toBe(false);
    expect(seemsMonthly({ totals: {} })).toBe(false);
  });
});

describe('finishProduction (F3, R24)', () => {
  const finish = (
    order: Order,
    report: ProductionFinishedReport,
    finishedBefore: number[] = [],
    monthly = false,
    minute = 20,
  ) => finishProduction(order, report, { finishedBefore, monthly }, context(minute));

  it('finishes every line of an order in one delivery and starts its shipping (DeliveryFinished)', () => {
    const order = twoLines();
    const done = finish(order, { delivery: 1 });
    expect(done).toBeDefined();
    const { order: finished, deliveries, events, history } = done as NonNullable<typeof done>;
    expect(finished.status).toBe('finished');
    expect(finished.version).toBe(order.version + 1);
    expect(finished.updatedBy).toBe(production);
    expect(finished.lines.map((l) => [l.line, l.finished, l.productionStartedAt])).toEqual([
      [1, 100, atMinute(20)],
      [2, 200, atMinute(20)],
    ]);
    expect(deliveries).toHaveLength(1);
    const record = deliveries[0] as OrderDelivery;
    expect(OrderDelivery.parse(record)).toEqual(record);
    expect(record).toEqual({
      orderId: order.id,
      orderNumber: order.number,
      customerId: order.customerId,
      delivery: 1,
      status: 'finished',
      lines: [
        { line: 1, productCode: 'CZM04', name: order.lines[0]?.productName, quantity: 100 },
        { line: 2, productCode: 'CHJ01B-800', name: order.lines[1]?.productName, quantity: 200 },
      ],
      requestedDate: '2027-03-01',
      finishedAt: atMinute(20),
      picking: [],
      tracking: [],
      version: 1,
      createdAt: atMinute(20),
      updatedAt: atMinute(20),
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'DeliveryFinished',
      subject: { kind: 'order', id: order.id },
      actor: production,
      occurredAt: atMinute(20),
      data: { delivery: 1, executionId: deliveryExecutionId(order.id, 1), order: { id: order.id, status: 'finished' } },
    });
    expect(deliveryExecutionId(order.id, 1)).toBe(`${order.id}-1`);
    expect(history).toMatchObject({ at: atMinute(20), actor: production, action: 'production finished' });
    expect(history.note).toBe('line 1: 100, line 2: 200; delivery 1 ready for shipping (F3)');
    expect(history.changes?.map((c) => c.field)).toEqual(['lines', 'status']);
  });

  it('R9, F7: a finished order is ready to ship for a monthly customer, or when paid in full', () => {
    expect(finish(twoLines(), { delivery: 1 }, [], true)?.order.status).toBe('ready_to_ship');
    expect(finish(twoLines(paid(2070, 4830)), { delivery: 1 })?.order.status).toBe('ready_to_ship');
    expect(finish(twoLines(paid(2070)), { delivery: 1 })?.order.status).toBe('finished');
  });

  it('R24: finishing delivery 1 of a split order starts that delivery alone; the order stays in production', () => {
    const order = splitOrder();
    const done = finish(order, { delivery: 1 });
    expect(done?.order.status).toBe('in_production');
    expect(done?.order.lines.map((l) => l.finished)).toEqual([100, 50]);
    expect(done?.deliveries).toHaveLength(1);
    expect(done?.deliveries[0]).toMatchObject({
      delivery: 1,
      requestedDate: '2027-02-01',
      status: 'finished',
      lines: [
        { line: 1, quantity: 100 },
        { line: 2, quantity: 50 },
      ],
    });
    expect(done?.events).toHaveLength(1);
    expect(done?.events[0]?.data).toMatchObject({ delivery: 1, executionId: `${order.id}-1` });
    expect(done?.history.changes?.map((c) => c.field)).toEqual(['lines']);

    // Delivery 2 then finishes the order.
    const rest = finish(done?.order as Order, { delivery: 2 }, [1], false, 30);
    expect(rest?.order.status).toBe('finished');
    expect(rest?.order.lines.map((l) => l.finished)).toEqual([100, 200]);
    expect(rest?.deliveries.map((d) => [d.delivery, d.requestedDate, d.lines])).toEqual([
      [2, '2027-03-01', [{ line: 2, productCode: 'CHJ01B-800', name: order.lines[1]?.productName, quantity: 150 }]],
    ]);
    // A line keeps the moment its production was first reported (R12).
    expect(rest?.order.lines[1]?.productionStartedAt).toBe(atMinute(20));
  });

  it('R24: a later delivery may finish first', () => {
    const done = finish(splitOrder(), { delivery: 2 });
    expect(done?.deliveries.map((d) => d.delivery)).toEqual([2]);
    expect(done?.order.lines.map((l) => l.finished ?? 0)).toEqual([0, 150]);
    expect(done?.order.lines[0]?.productionStartedAt).toBeUndefined();
  });

  it('changes nothing when the same delivery is reported again', () => {
    const done = finish(twoLines(), { delivery: 1 });
    expect(finish(done?.order as Order, { delivery: 1 }, [1])).toBeUndefined();
    expect(finish(splitOrder(), { delivery: 2 }, [2])).toBeUndefined();
  });

  it('refuses a delivery the order does not have', () => {
    expect(issuesOf(() => finish(twoLines(), { delivery: 2 }))).toEqual([
      { field: 'delivery', message: expect.stringContaining('(it has 1)') },
    ]);
    expect(issuesOf(() => finish(splitOrder(), { delivery: 3 }))).toEqual([
      { field: 'delivery', message: expect.stringContaining('(it has 2)') },
    ]);
  });

  it('reports only orders released to production (409)', () => {
    for (const status of ['acknowledged', 'awaiting_deposit', 'shipped', 'delivered', 'cancelled'] as const) {
      const error = thrown(() => finish(twoLines({ status }), { delivery: 1 }));
      expect(error, status).toBeInstanceOf(Conflict);
      expect((error as Conflict).message).toContain(`is ${status}`);
    }
    // A split order partly shipped still has a delivery in production.
    const partly = withCounts(splitOrder({ status: 'partly_shipped' }), {
      1: { finished: 100, shipped: 100 },
      2: { finished: 50, shipped: 50 },
    });
    const rest = finish(partly, { delivery: 2 }, [1]);
    expect(rest?.order.status).toBe('partly_shipped');
    expect(rest?.deliveries.map((d) => d.delivery)).toEqual([2]);
  });

  it('adds up finished quantities reported line by line, starting the delivery once they cover it', () => {
    const order = twoLines();
    const first = finish(order, { lines: [{ line: 1, quantity: 40 }] });
    expect(first?.order.lines.map((l) => l.finished)).toEqual([40, undefined]);
    expect(first?.order.lines[0]?.productionStartedAt).toBe(atMinute(20));
    expect(first?.order.lines[1]?.productionStartedAt).toBeUndefined();
    expect(first?.order.status).toBe('in_production');
    expect(first?.deliveries).toEqual([]);
    expect(first?.events).toEqual([]);
    expect(first?.history.note).toBe('line 1: 40');

    const second = finish(
      first?.order as Order,
      {
        lines: [
          { line: 1, quantity: 60 },
          { line: 2, quantity: 200 },
        ],
      },
      [],
      false,
      30,
    );
    expect(second?.order.lines.map((l) => l.finished)).toEqual([100, 200]);
    expect(second?.order.lines[0]?.productionStartedAt).toBe(atMinute(20));
    expect(second?.order.lines[1]?.productionStartedAt).toBe(atMinute(30));
    expect(second?.order.status).toBe('finished');
    expect(second?.deliveries.map((d) => d.delivery)).toEqual([1]);
    expect(second?.history.note).toBe('line 1: 60, line 2: 200; delivery 1 ready for shipping (F3)');
  });

  it('R24: starts each delivery of a split order as the lines reported cover it, in order', () => {
    const first = finish(splitOrder(), {
      lines: [
        { line: 1, quantity: 100 },
        { line: 2, quantity: 120 },
      ],
    });
    // 120 rods cover delivery 1's 50, not delivery 2's 150 beside them.
    expect(first?.deliveries.map((d) => d.delivery)).toEqual([1]);
    expect(first?.order.status).toBe('in_production');
    const second = finish(first?.order as Order, { lines: [{ line: 2, quantity: 80 }] }, [1]);
    expect(second?.deliveries.map((d) => d.delivery)).toEqual([2]);
    expect(second?.order.status).toBe('finished');
  });

  it('refuses lines not on the order, given twice, or finishing more than was ordered, naming each', () => {
    const order = withCounts(twoLines(), { 1: { finished: 90 } });
    expect(
      issuesOf(() =>
        finish(order, {
          lines: [
            { line: 3, quantity: 1 },
            { line: 1, quantity: 11 },
            { line: 2, quantity: 5 },
            { line: 2, quantity: 5 },
          ],
        }),
      ),
    ).toEqual([
      { field: 'lines.0.line', message: expect.stringContaining('is not a line of order') },
      { field: 'lines.1.quantity', message: expect.stringContaining('more than the 10 of line 1 still to finish') },
      { field: 'lines.3.line', message: 'line 2 is given twice' },
    ]);
    expect(finish(order, { lines: [{ line: 1, quantity: 10 }] })?.order.lines[0]?.finished).toBe(100);
  });
});

describe('orderMoved (R21 shipped, R23 signed for, R24 split deliveries)', () => {
  const move = (order: Order, field: 'shipped' | 'delivered', lines: Delivery['lines'], monthly = false) =>
    orderMoved(order, field, lines, monthly, { now: atMinute(40), actor: warehouse });

  it('R21, R24: shipping a part of a split order makes it partly shipped', () => {
    const order = { ...allFinished(splitOrder()), status: 'ready_to_ship' as const, version: 3 };
    const { order: moved, changes } = move(order, 'shipped', deliveryOne.lines, true);
    expect(moved.status).toBe('partly_shipped');
    expect(moved.lines.map((l) => l.shipped)).toEqual([100, 50]);
    expect(moved.version).toBe(4);
    expect(moved.updatedAt).toBe(atMinute(40));
    expect(moved.updatedBy).toBe(warehouse);
    expect(changes.map((c) => c.field)).toEqual(['lines', 'status']);
    expect(changes[1]).toEqual({ field: 'status', before: 'ready_to_ship', after: 'partly_shipped' });

    const rest = move(moved, 'shipped', deliveryTwo.lines, true);
    expect(rest.order.status).toBe('shipped');
    expect(rest.order.lines.map((l) => l.shipped)).toEqual([100, 200]);
  });

  it('R21: shipping everything makes it shipped', () => {
    const order = { ...allFinished(twoLines(paid(2070, 4830))), status: 'ready_to_ship' as const };
    expect(move(order, 'shipped', whole(order).lines).order.status).toBe('shipped');
  });

  it('R23: everything signed for and paid in full closes the order; unpaid, it is delivered', () => {
    const shipped = (more: Partial<Order>) => ({
      ...withCounts(twoLines(more), { 1: { finished: 100, shipped: 100 }, 2: { finished: 200, shipped: 200 } }),
      status: 'shipped' as const,
    });
    const closed = move(shipped(paid(2070, 4830)), 'delivered', whole(twoLines()).lines);
    expect(closed.order.status).toBe('closed');
    expect(closed.order.lines.map((l) => l.delivered)).toEqual([100, 200]);
    expect(move(shipped(paid(2070)), 'delivered', whole(twoLines()).lines).order.status).toBe('delivered');
    expect(move(shipped({}), 'delivered', whole(twoLines()).lines, true).order.status).toBe('delivered');
  });

  it('R23, R24: one delivery of two signed for leaves the order as shipping left it', () => {
    const order = {
      ...withCounts(splitOrder(paid(2070, 4830)), {
        1: { finished: 100, shipped: 100 },
        2: { finished: 200, shipped: 200 },
      }),
      status: 'shipped' as const,
    };
    const moved = move(order, 'delivered', deliveryOne.lines);
    expect(moved.order.status).toBe('shipped');
    expect(moved.order.lines.map((l) => l.delivered)).toEqual([100, 50]);
    expect(moved.changes.map((c) => c.field)).toEqual(['lines']);
  });
});

describe('stockPrepFormFor (R17 stock-prep form)', () => {
  const signature = { name: '王芳 Wang Fang', signedOn: '2026-11-26' };
  const values = (lines: StockPrepValues['lines'], more: Partial<StockPrepValues> = {}): StockPrepValues => ({
    lines,
    requestedShipDate: '2026-11-28',
    vehiclePlan: '4.2 m truck',
    ...more,
  });
  const prepare = (order: Order, v: StockPrepValues, customer: Customer = activeCustomer, revision = 1) =>
    stockPrepFormFor(order, customer, deliveryRecord(order), productsByCode, v, { revision, signature });

  it('R17: carries the lines entered at their quantities, with the order prices, units and specifications', () => {
    // The customer quoted ¥30.00 for the handles (the list price is ¥32.00): the order's price is the form's.
    const order = placedOrder([handles({ unitPrice: 30 }), rods()]);
    const form = prepare(
      order,
      values([
        { line: 1, quantity: 60 },
        { line: 2, quantity: 7 },
      ]),
    );
    expect(form).toBeDefined();
    expect(StockPrepForm.parse(form)).toEqual(form);
    expect(form).toEqual({
      orderNumber: order.number,
      poNumber: 'PO-1',
      delivery: 1,
      revision: 1,
      preparedOn: '2026-11-26',
      customer: { code: activeCustomer.code, name: activeCustomer.name },
      currency: 'CNY',
      lines: [
        {
          line: 1,
          productCode: 'CZM04',
          name: order.lines[0]?.productName,
          spec: 'left',
          quantity: 60,
          unit: 'pc',
          unitPrice: 30,
          amount: 1800,
        },
        {
          line: 2,
          productCode: 'CHJ01B-800',
          name: order.lines[1]?.productName,
          spec: '800 mm',
          quantity: 7,
          unit: 'pc',
          unitPrice: 18.5,
          amount: 129.5,
        },
      ],
      totals: { quantity: 67, amount: 1929.5 },
      deliveryAddress: activeCustomer.addresses[0],
      deliveryContact: { name: 'Li Wei' },
      requestedShipDate: '2026-11-28',
      vehiclePlan: '4.2 m truck',
      signatures: { merchandiser: signature },
      language: 'zh-CN',
    });
  });

  it('R17: leaves out a line at 0, and prepares nothing when every line is at 0', () => {
    const order = twoLines();
    const form = prepare(
      order,
      values([
        { line: 1, quantity: 0 },
        { line: 2, quantity: 200 },
      ]),
    );
    expect(form?.lines.map((l) => [l.line, l.quantity, l.amount])).toEqual([[2, 200, 3700]]);
    expect(form?.totals).toEqual({ quantity: 200, amount: 3700 });
    expect(
      prepare(
        order,
        values([
          { line: 1, quantity: 0 },
          { line: 2, quantity: 0 },
        ]),
      ),
    ).toBeUndefined();
    expect(prepare(order, values([]))).toBeUndefined();
  });

  it('R17: refuses a line that is not on the order', () => {
    const errors = issuesOf(() =>
      prepare(
        twoLines(),
        values([
          { line: 1, quantity: 100 },
          { line: 3, quantity: 5 },
        ]),
      ),
    );
    expect(errors).toEqual([{ field: 'lines', message: 'line 3 is not on the order' }]);
  });

  it("R17: ships to the order's address and contact, else the customer's first, with the remarks and revision", () => {
    const site = { label: 'Warehouse 2', lines: ['8 Harbour Rd'], city: 'Ningbo', country: 'CN' };
    const contact = { name: 'Zhang San', phone: '+86 138 0000 0000' };
    const order = twoLines({ deliveryAddress: site, deliveryContact: contact });
    const form = prepare(
      order,
      values([{ line: 1, quantity: 100 }], { remarks: 'Call before arrival' }),
      activeCustomer,
      2,
    );
    expect(form).toMatchObject({
      deliveryAddress: site,
      deliveryContact: contact,
      remarks: 'Call before arrival',
      revision: 2,
    });

    const second = { label: 'Second', lines: ['2 Road'], city: 'Foshan', country: 'CN' };
    const withPhone: Customer = {
      ...activeCustomer,
      contacts: [{ name: 'Li Wei', phone: '0757-1234', email: 'li.wei@huaxin.example', language: 'zh-CN' }],
      addresses: [...activeCustomer.addresses, second],
    };
    const fallback = prepare(twoLines(), values([{ line: 1, quantity: 100 }]), withPhone);
    expect(fallback?.deliveryAddress).toEqual(activeCustomer.addresses[0]);
    expect(fallback?.deliveryContact).toEqual({ name: 'Li Wei', phone: '0757-1234' });
    expect(fallback).not.toHaveProperty('remarks');

    const noContact = prepare(twoLines(), values([{ line: 1, quantity: 100 }]), { ...activeCustomer, contacts: [] });
    expect(noContact?.deliveryContact).toEqual({ name: activeCustomer.name });
  });

  it('R17: refuses to prepare a delivery with no address at all (409)', () => {
    const error = thrown(() =>
      prepare(twoLines(), values([{ line: 1, quantity: 100 }]), { ...activeCustomer, addresses: [] }),
    );
    expect(error).toBeInstanceOf(Conflict);
    expect((error as Conflict).message).toMatch(/no delivery address/);
  });

  it('takes the unit as pcs and no specification for a product it does not know', () => {
    const order = twoLines();
    const form = stockPrepFormFor(
      order,
      activeCustomer,
      deliveryRecord(order),
      new Map(),
      values([{ line: 1, quantity: 1 }]),
      { revision: 1, signature },
    );
    expect(form?.lines[0]).toEqual({
      line: 1,
      productCode: 'CZM04',
      name: order.lines[0]?.productName,
      quantity: 1,
      unit: 'pcs',
      unitPrice: 32,
      amount: 32,
    });
  });

  it('ships what the form carries', () => {
    const order = twoLines();
    const form = prepare(
      order,
      values([
        { line: 2, quantity: 150 },
        { line: 1, quantity: 0 },
      ]),
    ) as StockPrepForm;
    expect(formQuantities(form)).toEqual([{ line: 2, quantity: 150 }]);
  });
});

describe('pickingRound and formPicked (R19 picking mismatch)', () => {
  const order = twoLines();
  const merchandiser = { name: '王芳 Wang Fang', signedOn: '2026-11-26' };
  const form = stockPrepFormFor(
    order,
    activeCustomer,
    deliveryRecord(order),
    productsByCode,
    {
      lines: [
        { line: 1, quantity: 100 },
        { line: 2, quantity: 50 },
      ],
      requestedShipDate: '2026-11-28',
      vehiclePlan: 'van',
    },
    { revision: 2, signature: merchandiser },
  ) as StockPrepForm;
  const boxes = [
    { line: 1, quantity: 5 },
    { line: 2, quantity: 2 },
  ];

  it('R19: matches when every line has exactly what the form asks', () => {
    const round = pickingRound(
      form,
      {
        lines: [
          { line: 2, quantity: 50 },
          { line: 1, quantity: 100 },
        ],
        boxes,
      },
      warehouse,
      atMinute(50),
    );
    expect(round).toEqual({
      revision: 2,
      lines: [
        { line: 1, asked: 100, onHand: 100, boxes: 5 },
        { line: 2, asked: 50, onHand: 50, boxes: 2 },
      ],
      matched: true,
      by: warehouse,
      at: atMinute(50),
    });
  });

  it('R19: a line short, over, or not counted is a mismatch, shown line by line', () => {
    const short = pickingRound(
      form,
      {
        lines: [
          { line: 1, quantity: 100 },
          { line: 2, quantity: 45 },
        ],
        boxes,
      },
      warehouse,
      atMinute(50),
    );
    expect(short.matched).toBe(false);
    expect(short.lines).toEqual([
      { line: 1, asked: 100, onHand: 100, boxes: 5 },
      { line: 2, asked: 50, onHand: 45, boxes: 2 },
    ]);
    const over = pickingRound(
      form,
      {
        lines: [
          { line: 1, quantity: 101 },
          { line: 2, quantity: 50 },
        ],
        boxes,
      },
      warehouse,
      atMinute(50),
    );
    expect(over.matched).toBe(false);
    const missing = pickingRound(form, { lines: [{ line: 1, quantity: 100 }], boxes: [] }, warehouse, atMinute(50));
    expect(missing.matched).toBe(false);
    expect(missing.lines).toEqual([
      { line: 1, asked: 100, onHand: 100, boxes: 0 },
      { line: 2, asked: 50, onHand: 0, boxes: 0 },
    ]);
  });

  it("R19: the picked form carries the warehouse's boxes and signature, beside the merchandiser's", () => {
    const round = pickingRound(
      form,
      {
        lines: [
          { line: 1, quantity: 100 },
          { line: 2, quantity: 50 },
        ],
        boxes,
      },
      warehouse,
      atMinute(50),
    );
    const signature = { name: '仓库 Warehouse', signedOn: '2026-11-27' };
    const picked = formPicked(form, round, signature);
    expect(StockPrepForm.parse(picked)).toEqual(picked);
    expect(picked.lines.map((l) => [l.line, l.quantity, l.boxes])).toEqual([
      [1, 100, 5],
      [2, 50, 2],
    ]);
    expect(picked.totals).toEqual({ quantity: 150, boxes: 7, amount: 4125 });
    expect(picked.signatures).toEqual({ merchandiser, warehouse: signature });
    expect(form.totals).toEqual({ quantity: 150, amount: 4125 });
  });

  it('R20, R21: the delivery note carries the picked lines; shipping adds the shipment and gross weight', () => {
    const round = pickingRound(form, { lines: formQuantities(form), boxes }, warehouse, atMinute(50));
    const picked = formPicked(form, round, { name: '仓库 Warehouse', signedOn: '2026-11-27' });
    const finance = { name: '周敏 Zhou Min', signedOn: '2026-11-27' };
    const note = deliveryNoteFor(order, picked, {
      number: 'DN2026110001',
      issuedOn: '2026-11-27',
      language: 'en',
      finance,
    });
    expect(DeliveryNote.parse(note)).toEqual(note);
    expect(note).toMatchObject({
      orderNumbers: [order.number],
      poNumbers: ['PO-1'],
      delivery: 1,
      totals: { quantity: 150, boxes: 7, amount: 4125 },
      signatures: { finance },
      language: 'en',
    });
    expect(note.totals).not.toHaveProperty('grossWeight');
    const signature = { name: '仓库 Warehouse', signedOn: '2026-11-28' };
    const shipped = noteShipped(note, { carrier: 'Deppon', waybill: 'DP123', grossWeight: 80.5 }, signature);
    expect(shipped.shipment).toEqual({ carrier: 'Deppon', waybill: 'DP123' });
    expect(shipped.totals).toEqual({ quantity: 150, boxes: 7, grossWeight: 80.5, amount: 4125 });
    expect(shipped.signatures).toEqual({ finance, warehouse: signature });
  });
});

describe('tracked and signedFor (R23 tracking and receipt)', () => {
  const order = twoLines();
  const shipped = (overrides: Partial<OrderDelivery> = {}) =>
    deliveryRecord(order, { status: 'shipped', version: 7, ...overrides });
  const entry = (stage: 'loaded' | 'in_transit' | 'arrived', minute: number) => ({
    stage,
    at: atMinute(minute),
    by: warehouse,
  });

  it('R23: records the delivery in transit once it has shipped', () => {
    const moved = tracked(shipped(), { stage: 'in_transit', note: 'left Foshan' }, 'carrier', atMinute(55));
    expect(moved).toBeDefined();
    expect(OrderDelivery.parse(moved)).toEqual(moved);
    expect(moved).toMatchObject({ status: 'in_transit', version: 8, updatedAt: atMinute(55) });
    expect(moved?.tracking).toEqual([{ stage: 'in_transit', at: atMinute(55), by: 'carrier', note: 'left Foshan' }]);

    const arrived = tracked(moved as OrderDelivery, { stage: 'arrived', at: atMinute(57) }, 'carrier', atMinute(59));
    expect(arrived?.status).toBe('arrived');
    expect(arrived?.tracking.at(-1)).toEqual({ stage: 'arrived', at: atMinute(57), by: 'carrier' });
    expect(arrived?.tracking).toHaveLength(2);
  });

  it('R23: may skip straight to arrived, after a loaded entry too', () => {
    const loaded = shipped({ tracking: [entry('loaded', 45)] });
    expect(tracked(loaded, { stage: 'arrived' }, 'carrier', atMinute(55))?.tracking.map((t) => t.stage)).toEqual([
      'loaded',
      'arrived',
    ]);
  });

  it('R23: the same stage reported twice changes nothing', () => {
    const inTransit = shipped({ status: 'in_transit', tracking: [entry('in_transit', 50)] });
    expect(tracked(inTransit, { stage: 'in_transit' }, 'carrier', atMinute(55))).toBeUndefined();
    const arrived = shipped({ status: 'arrived', tracking: [entry('in_transit', 50), entry('arrived', 52)] });
    expect(tracked(arrived, { stage: 'arrived' }, 'carrier', atMinute(55))).toBeUndefined();
  });

  it('R23: refuses to go back a stage (409)', () => {
    const arrived = shipped({ status: 'arrived', tracking: [entry('in_transit', 50), entry('arrived', 52)] });
    const error = thrown(() => tracked(arrived, { stage: 'in_transit' }, 'carrier', atMinute(55)));
    expect(error).toBeInstanceOf(Conflict);
    expect((error as Conflict).message).toContain('already arrived');
  });

  it('R23: tracks nothing before the delivery has shipped nor after it was signed for (409)', () => {
    for (const status of ['finished', 'picking', 'ready_to_ship', 'delivered'] as const) {
      const error = thrown(() => tracked(shipped({ status }), { stage: 'in_transit' }, 'carrier', atMinute(55)));
      expect(error, status).toBeInstanceOf(Conflict);
    }
  });

  it('R23: signed for complete, the delivery is delivered with its receipt and a signed_for entry', () => {
    const arrived = shipped({ status: 'arrived', tracking: [entry('in_transit', 50), entry('arrived', 52)] });
    const receipt = { condition: 'complete' as const, signedBy: '李伟 Li Wei', signedOn: '2026-11-29' };
    const signed = signedFor(arrived, receipt, 'wang.fang@factory.example', atMinute(58));
    expect(OrderDelivery.parse(signed)).toEqual(signed);
    expect(signed).toMatchObject({ status: 'delivered', version: 8, updatedAt: atMinute(58) });
    expect(signed.receipt).toEqual({ ...receipt, recordedBy: 'wang.fang@factory.example', recordedAt: atMinute(58) });
    expect(signed.tracking).toHaveLength(3);
    expect(signed.tracking.at(-1)).toEqual({
      stage: 'signed_for',
      at: atMinute(58),
      by: 'wang.fang@factory.example',
      note: 'complete, signed by 李伟 Li Wei',
    });
    // Signed for straight from shipped works too.
    expect(signedFor(shipped(), receipt, 'x', atMinute(58)).status).toBe('delivered');
  });

  it('R23: a damaged or short receipt needs a note saying what', () => {
    for (const condition of ['damaged', 'short'] as const) {
      expect(
        issuesOf(() =>
          signedFor(shipped(), { condition, signedBy: 'Li Wei', signedOn: '2026-11-29' }, 'x', atMinute(58)),
        ),
      ).toEqual([{ field: 'note', message: `is required: say what was ${condition}` }]);
    }
    const damaged = signedFor(
      shipped(),
      { condition: 'damaged', signedBy: 'Li Wei', signedOn: '2026-11-29', note: '2 boxes crushed' },
      'x',
      atMinute(58),
    );
    expect(damaged.receipt).toMatchObject({ condition: 'damaged', note: '2 boxes crushed' });
    expect(damaged.tracking.at(-1)?.note).toBe('damaged, signed by Li Wei');
  });

  it('R23: refuses a delivery not shipped yet, and signing twice (409)', () => {
    const receipt = { condition: 'complete' as const, signedBy: 'Li Wei', signedOn: '2026-11-29' };
    const notYet = thrown(() => signedFor(shipped({ status: 'ready_to_ship' }), receipt, 'x', atMinute(58)));
    expect(notYet).toBeInstanceOf(Conflict);
    expect((notYet as Conflict).message).toContain('has not shipped yet');
    const signed = signedFor(shipped(), receipt, 'x', atMinute(58));
    const twice = thrown(() => signedFor(signed, receipt, 'x', atMinute(59)));
    expect(twice).toBeInstanceOf(Conflict);
    expect((twice as Conflict).message).toContain('signed for already');
  });
});

describe('expectedArrival (R23)', () => {
  it('is the day it shipped plus the days in transit, at least 1', () => {
    expect(expectedArrival('2026-11-25', 3)).toBe('2026-11-28');
    expect(expectedArrival('2026-11-29', 3)).toBe('2026-12-02');
    expect(expectedArrival('2026-12-31', 1)).toBe('2027-01-01');
    expect(expectedArrival('2026-11-25', 0)).toBe('2026-11-26');
    expect(expectedArrival('2026-11-25', -2)).toBe('2026-11-26');
  });
});

describe('a replacement delivery (R27: 补发, not charged)', () => {
  const complained = {
    id: 'cmp_1',
    number: 'CP2026120001',
    lines: [{ line: 2, productCode: 'CHJ01B-800', name: '欧槽铝连杆 800', quantity: 5, shipped: 200 }],
  };
  const replace = (order: Order, madeBefore: number[]) =>
    replacementDelivery(
      order,
      complained,
      { madeBefore, today: '2026-12-10' },
      context(50, 'wang.fang@factory.example'),
    );

  it('R27: is the order’s next delivery of the lines complained of, ready to ship today, starting its shipping', () => {
    const order = { ...twoLines(), status: 'closed' as const };
    const { delivery, event, history } = replace(order, [1]);
    expect(OrderDelivery.parse(delivery)).toEqual(delivery);
    expect(delivery).toMatchObject({
      orderId: order.id,
      delivery: 2,
      status: 'finished',
      lines: [{ line: 2, productCode: 'CHJ01B-800', name: '欧槽铝连杆 800', quantity: 5 }],
      requestedDate: '2026-12-10',
      replacementFor: { complaintId: 'cmp_1', complaintNumber: 'CP2026120001' },
      version: 1,
    });
    expect(event).toMatchObject({
      type: 'DeliveryFinished',
      subject: { kind: 'order', id: order.id },
      data: { delivery: 2, executionId: deliveryExecutionId(order.id, 2) },
    });
    expect(history).toMatchObject({ action: 'replacement delivery', actor: 'wang.fang@factory.example' });
    expect(history.note).toContain('CP2026120001');
  });

  it('R24, R27: comes after every delivery planned or made, and no later than the 99th', () => {
    const order = twoLines({ deliveries: split });
    expect(replace(order, [1]).delivery.delivery).toBe(3);
    expect(replace(order, [1, 2, 3]).delivery.delivery).toBe(4);
    expect(thrown(() => replace(order, [99]))).toBeInstanceOf(Conflict);
  });

  it('R27: is not charged: no payment gate, whatever the customer owes or its terms', () => {
    const order = twoLines();
    const { delivery } = replace(order, [1]);
    expect(paymentGate(order, delivery, depositCustomer, 0)).toEqual({ gate: 'clear' });
    expect(paymentGate(order, delivery, monthlyCustomer, 1_000_000)).toEqual({ gate: 'clear' });
  });

  it('R27: its stock-prep form (and so its delivery note) carries no amount and says it is a replacement', () => {
    const order = twoLines();
    const { delivery } = replace(order, [1]);
    const signature = { name: '王芳 Wang Fang', signedOn: '2026-12-10' };
    const values = {
      lines: [{ line: 2, quantity: 5 }],
      requestedShipDate: '2026-12-11',
      vehiclePlan: '快递',
      remarks: '加急',
    };
    const form = stockPrepFormFor(order, activeCustomer, delivery, productsByCode, values, { revision: 1, signature });
    expect(form?.lines).toMatchObject([{ line: 2, quantity: 5, unitPrice: 0, amount: 0 }]);
    expect(form?.totals).toEqual({ quantity: 5, amount: 0 });
    expect(form?.remarks).toBe(
      '补发，不收费（投诉 CP2026120001） Replacement for complaint CP2026120001, no charge; 加急',
    );
  });

  it('R21, R23, R27: adds nothing to the order’s shipped or delivered quantities; any other delivery adds what it carries', () => {
    const order = twoLines();
    const { delivery } = replace(order, [1]);
    expect(countedForOrder(delivery)).toEqual([]);
    expect(countedForOrder(deliveryRecord(order))).toEqual([
      { line: 1, quantity: 100 },
      { line: 2, quantity: 200 },
    ]);
  });
});
