import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../scripts/offline/demo-data.ts';
import { openCustomer } from '../../shared/domain/customer.ts';
import { Conflict, ValidationFailed } from '../../shared/domain/errors.ts';
import { placeOrder } from '../../shared/domain/order.ts';
import { depositDue, lineAmount, sumAmounts } from '../../shared/domain/order-amounts.ts';
import { assertMergeable, mergeOrders, splitOrder } from '../../shared/domain/order-arrangement.ts';
import { addProduct } from '../../shared/domain/product.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { NewOrderLine, Order } from '../../shared/schemas/order.ts';
import type { PlannedDelivery } from '../../shared/schemas/order-arrangement.ts';
import { doc000KitComponents, ownedCustomer, testTeam } from '../fixtures.ts';

let counter = 0;
const newId = () => `01J${String(++counter).padStart(23, '0')}`;
const at = (actor = 'wang.fang@factory.example') => ({ now: '2026-11-20T08:00:00.000Z', actor, newId });

const address = { label: 'Factory', lines: ['18 Industrial Ave'], city: 'Foshan', country: 'CN' };
const { customer: opened } = openCustomer(ownedCustomer({ addresses: [address] }), testTeam, at('demo'));
const customer: Customer = { ...opened, status: 'active' };
const products = new Map(demoProducts.map((input) => [input.code, addProduct(input, at('demo')).product]));

const kit: NewOrderLine = {
  productCode: 'CZM04-SET',
  description: '执手套装（套装包装）',
  quantity: 50,
  components: doc000KitComponents.map((c) => (c.productCode === 'CYL75-3045' ? { ...c, quantity: 50 } : c)),
};
const rods = (quantity: number, unitPrice?: number): NewOrderLine => ({
  productCode: 'CHJ01B-800',
  description: '欧槽铝连杆 800',
  quantity,
  ...(unitPrice === undefined ? {} : { unitPrice }),
});

/** An order of the customer as intake leaves it past PMC's promise (R5): awaiting its deposit (R9). */
function order(lines: NewOrderLine[], more: Partial<Order> = {}, of: Customer = customer): Order {
  const { order: placed } = placeOrder(
    { poNumber: `PO-${counter}`, channel: 'email', requestedDate: '2027-01-15', lines },
    { customer: of, products, sequence: 1, timeZone: 'Asia/Shanghai', ...at() },
  );
  return {
    ...placed,
    status: 'awaiting_deposit',
    promisedDate: '2027-02-20',
    promiseBasis: '2026-11-21',
    version: 5,
    ...more,
  };
}

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailed) return error.errors;
    throw error;
  }
  throw new Error('no validation error');
};

const delivery = (requestedDate: string, ...lines: [number, number][]): PlannedDelivery => ({
  requestedDate,
  lines: lines.map(([line, quantity]) => ({ line, quantity })),
});

describe('split (R24)', () => {
  const twoLines = order([kit, rods(100)]);

  it('numbers the deliveries 1..n and records them with before and after', () => {
    const split = splitOrder(
      twoLines,
      [delivery('2027-01-20', [1, 50], [2, 20]), delivery('2027-02-10', [2, 80])],
      at(),
    );
    expect(split?.order.deliveries).toEqual([
      {
        delivery: 1,
        requestedDate: '2027-01-20',
        lines: [
          { line: 1, quantity: 50 },
          { line: 2, quantity: 20 },
        ],
      },
      { delivery: 2, requestedDate: '2027-02-10', lines: [{ line: 2, quantity: 80 }] },
    ]);
    expect(split?.order.version).toBe(twoLines.version + 1);
    expect(split?.history).toMatchObject({
      action: 'split into 2 deliveries',
      changes: [{ field: 'deliveries', before: [], after: split?.order.deliveries }],
    });
    expect(split?.event).toMatchObject({ type: 'OrderSplit', subject: { kind: 'order', id: twoLines.id } });
  });

  it('refuses a line allocated short or over, naming the line and the amounts', () => {
    expect(
      issuesOf(() =>
        splitOrder(twoLines, [delivery('2027-01-20', [1, 50], [2, 20]), delivery('2027-02-10', [2, 60])], at()),
      ),
    ).toEqual([{ field: 'lines', message: 'line 2: 80 of 100 allocated' }]);
    expect(
      issuesOf(() =>
        splitOrder(twoLines, [delivery('2027-01-20', [1, 50], [2, 40]), delivery('2027-02-10', [2, 80])], at()),
      ),
    ).toEqual([{ field: 'lines', message: 'line 2: 120 of 100 allocated' }]);
  });

  it('refuses a line left out of every delivery', () => {
    expect(
      issuesOf(() => splitOrder(twoLines, [delivery('2027-01-20', [2, 20]), delivery('2027-02-10', [2, 80])], at())),
    ).toEqual([{ field: 'lines', message: 'line 1: 0 of 50 allocated' }]);
  });

  it('refuses an unknown line, a line twice in one delivery and an empty delivery, each by its field', () => {
    const issues = issuesOf(() =>
      splitOrder(
        twoLines,
        [delivery('2027-01-20', [1, 25], [1, 25], [2, 100]), delivery('2027-02-10', [7, 10]), delivery('2027-02-11')],
        at(),
      ),
    );
    expect(issues).toEqual([
      { field: 'deliveries.0.lines.1.line', message: 'appears twice in delivery 1' },
      { field: 'deliveries.1.lines.0.line', message: `is not a line of order ${twoLines.number}` },
      { field: 'deliveries.2.lines', message: 'are empty: a delivery carries at least one line' },
    ]);
  });

  it('refuses one delivery (no split) and more than 20', () => {
    expect(issuesOf(() => splitOrder(twoLines, [delivery('2027-01-20', [1, 50], [2, 100])], at()))).toEqual([
      { field: 'deliveries', message: 'one delivery is no split: send 2 or more, or [] to ship everything together' },
    ]);
    const many = Array.from({ length: 21 }, () => delivery('2027-01-20', [1, 1]));
    expect(issuesOf(() => splitOrder(twoLines, many, at()))).toEqual([
      { field: 'deliveries', message: 'are more than 20' },
    ]);
  });

  it('goes back to shipping together with [], and changes nothing when asked what already is', () => {
    const plan = [delivery('2027-01-20', [1, 50], [2, 20]), delivery('2027-02-10', [2, 80])];
    const split = splitOrder(twoLines, plan, at())?.order as Order;
    expect(splitOrder(split, plan, at())).toBeUndefined();
    const together = splitOrder(split, [], at());
    expect(together?.order).not.toHaveProperty('deliveries');
    expect(together?.history).toMatchObject({
      action: 'split cleared: ships together',
      changes: [{ field: 'deliveries', before: split.deliveries, after: [] }],
    });
    expect(splitOrder(twoLines, [], at())).toBeUndefined();
  });

  it('refuses an order that has ended', () => {
    for (const status of ['merged', 'cancelled', 'rejected'] as const) {
      expect(() => splitOrder({ ...twoLines, status }, [], at())).toThrow(Conflict);
    }
  });
});

describe('merge rules (R24)', () => {
  const refusal = (surviving: Order, absorbed: Order) => {
    try {
      assertMergeable(surviving, absorbed);
    } catch (error) {
      if (error instanceof Conflict) return error.message;
      throw error;
    }
    return undefined;
  };
  const a = order([kit, rods(100)]);
  const b = order([rods(101, 17.85)]);

  it('accepts two orders of one customer at the same step past the promise', () => {
    expect(refusal(a, b)).toBeUndefined();
    expect(refusal({ ...a, status: 'in_production' }, { ...b, status: 'in_production' })).toBeUndefined();
  });

  it('refuses merging an order with itself (400 on orderId)', () => {
    expect(issuesOf(() => assertMergeable(a, a))).toEqual([
      { field: 'orderId', message: 'is this order itself: name the order to merge in' },
    ]);
  });

  it('refuses an ended order', () => {
    expect(refusal(a, { ...b, status: 'merged' })).toMatch(/is merged; it can no longer be merged/);
    expect(refusal({ ...a, status: 'cancelled' }, b)).toMatch(/is cancelled/);
  });

  it("refuses another customer's order", () => {
    const other = order([rods(100)], {}, { ...customer, id: 'cus_OTHER', code: '777' });
    expect(refusal(a, other)).toMatch(/different customers \(101, 777\)/);
  });

  it('refuses another currency', () => {
    expect(refusal(a, { ...b, currency: 'USD' })).toMatch(/different currencies \(CNY, USD\)/);
  });

  it('refuses a merge that would make more than 200 lines, naming both orders (409): the line limit of an order', () => {
    const many = (count: number) => order(Array.from({ length: count }, (_, i) => rods(100 + i)));
    const [big, other] = [many(150), many(51)];
    expect(() => mergeOrders(big, other, { customer, products, ...at() })).toThrow(
      new RegExp(`${other.number} and ${big.number} have 201 lines together, more than the 200`),
    );
    expect(mergeOrders(big, many(50), { customer, products, ...at() }).surviving.lines).toHaveLength(200);
  });

  it('refuses an order still in intake (before PMC promised, R5)', () => {
    for (const status of ['in_review', 'planning', 'awaiting_promise'] as const) {
      expect(refusal(a, { ...b, status })).toMatch(new RegExp(`still in intake \\(${status}\\)`));
    }
  });

  it('refuses orders at different steps', () => {
    expect(refusal(a, { ...b, status: 'in_production' })).toMatch(
      /different steps \(awaiting_deposit, in_production\)/,
    );
  });

  it('refuses an order with a line in production (R12)', () => {
    const started = {
      ...b,
      status: 'in_production' as const,
      lines: b.lines.map((line) => ({ ...line, productionStartedAt: '2026-11-19T02:00:00.000Z' })),
    };
    expect(refusal({ ...a, status: 'in_production' }, started)).toMatch(
      new RegExp(`\\(R12\\): ${b.number} line 1 \\(CHJ01B-800, since 2026-11-19T02:00:00.000Z\\)`),
    );
  });

  it('refuses when exactly one of the two has received its deposit (R9)', () => {
    expect(
      refusal({ ...a, status: 'in_production', depositReceivedOn: '2026-11-25' }, { ...b, status: 'in_production' }),
    ).toMatch(/has received its deposit \(R9\) and .* has not/);
  });

  it('refuses orders going to different delivery addresses', () => {
    expect(refusal(a, { ...b, deliveryAddress: { ...address, city: 'Guangzhou' } })).toMatch(
      /different delivery addresses/,
    );
    // the same address written with its keys in another order is the same address
    const reordered = { country: 'CN', city: 'Foshan', lines: ['18 Industrial Ave'], label: 'Factory' };
    expect(refusal({ ...a, deliveryAddress: address }, { ...b, deliveryAddress: reordered })).toBeUndefined();
  });
});

describe('merged terms (R24)', () => {
  const surviving = order([kit, rods(100)], {
    deliveries: [
      { delivery: 1, requestedDate: '2027-01-20', lines: [{ line: 1, quantity: 50 }] },
      { delivery: 2, requestedDate: '2027-02-10', lines: [{ line: 2, quantity: 100 }] },
    ],
  });
  const absorbed = order([rods(101, 17.85)], {
    requestedDate: '2027-02-01',
    promisedDate: '2027-03-05',
    promiseBasis: '2026-11-22',
    version: 4,
  });
  const merged = mergeOrders(surviving, absorbed, { customer, products, ...at() });

  it("appends the other order's lines with new numbers, each at the price agreed on its order", () => {
    expect(merged.surviving.lines.map((line) => [line.line, line.productCode, line.quantity, line.unitPrice])).toEqual([
      [1, 'CZM04-SET', 50, 85],
      [2, 'CHJ01B-800', 100, 18.5],
      [3, 'CHJ01B-800', 101, 17.85],
    ]);
    const gapped = mergeOrders(
      {
        ...surviving,
        lines: [
          surviving.lines[0] as Order['lines'][number],
          { ...(surviving.lines[1] as Order['lines'][number]), line: 5 },
        ],
      },
      absorbed,
      { customer, products, ...at() },
    );
    expect(gapped.surviving.lines.map((line) => line.line)).toEqual([1, 5, 6]);
  });

  it('totals to the cent with the money functions, and recomputes the deposit due (R9)', () => {
    const amount = sumAmounts(
      [lineAmount(50, 85, 'CNY'), lineAmount(100, 18.5, 'CNY'), lineAmount(101, 17.85, 'CNY')],
      'CNY',
    );
    expect(amount).toBe(7902.85);
    expect(merged.surviving.totals).toEqual({
      amount,
      depositDue: depositDue(amount, customer.settlement, 'CNY'),
    });
    expect(merged.surviving.totals.depositDue).toBe(2370.86);
    expect(merged.surviving.lines[2]?.amount).toBe(1802.85);
  });

  it('keeps the later promised date with its basis (R5, R8) and the later requested date', () => {
    expect(merged.surviving).toMatchObject({
      promisedDate: '2027-03-05',
      promiseBasis: '2026-11-22',
      requestedDate: '2027-02-01',
    });
  });

  it('reviews the merged lines by the rules of a new order (R2)', () => {
    expect(merged.surviving.findings).toContainEqual(expect.objectContaining({ code: 'duplicate-line', line: 3 }));
  });

  it('makes the next revision of the surviving order, with the lines added (R15)', () => {
    expect(merged.surviving).toMatchObject({
      revision: 2,
      version: 6,
      mergedFrom: [absorbed.id],
      status: 'awaiting_deposit',
    });
    expect(merged.revision).toMatchObject({ revision: 2, reason: `merged ${absorbed.number}` });
    expect(merged.revision.differences?.map((d) => [d.line, d.change])).toEqual([
      [1, 'unchanged'],
      [2, 'unchanged'],
      [3, 'added'],
    ]);
  });

  it('clears the split of the surviving order', () => {
    expect(merged.surviving).not.toHaveProperty('deliveries');
    expect(merged.survivingRecord.history.changes).toContainEqual({
      field: 'deliveries',
      before: surviving.deliveries,
      after: [],
    });
  });

  it('ends the absorbed order merged into the surviving one; both histories and events name the other', () => {
    expect(merged.absorbed).toMatchObject({ status: 'merged', mergedInto: surviving.id, version: 5 });
    expect(merged.survivingRecord.history.action).toBe(`merged in ${absorbed.number}`);
    expect(merged.survivingRecord.history.note).toContain('merged in as line 3; revision 2');
    expect(merged.absorbedRecord.history.action).toBe(`merged into ${surviving.number}`);
    expect(merged.absorbedRecord.history.note).toContain(`as line 3 of ${surviving.number}`);
    expect(merged.survivingRecord.event).toMatchObject({ type: 'OrdersMerged', subject: { id: surviving.id } });
    expect(merged.absorbedRecord.event).toMatchObject({ type: 'OrdersMerged', subject: { id: absorbed.id } });
    expect(merged.survivingRecord.event.id).not.toBe(merged.absorbedRecord.event.id);
  });

  it('keeps the later deposit date when both deposits are in, and says what each was', () => {
    const both = mergeOrders(
      { ...surviving, status: 'in_production', depositReceivedOn: '2026-11-25' },
      { ...absorbed, status: 'in_production', depositReceivedOn: '2026-11-28' },
      { customer, products, ...at() },
    );
    expect(both.surviving.depositReceivedOn).toBe('2026-11-28');
    expect(both.survivingRecord.history.note).toContain('recorded 2026-11-25');
    expect(both.survivingRecord.history.note).toContain(`due on ${absorbed.number}, recorded 2026-11-28`);
  });

  it('counts what was paid against either order as paid against the merged one (R9)', () => {
    const paid = mergeOrders(
      { ...surviving, received: { deposit: 100.1, balance: 0 } },
      { ...absorbed, received: { deposit: 50.2, balance: 10 } },
      { customer, products, ...at() },
    );
    expect(paid.surviving.received).toEqual({ deposit: 150.3, balance: 10 });
    expect(merged.surviving.received).toBeUndefined();
  });
});
