import { describe, expect, it } from 'vitest';
import { Conflict, type ValidationFailed } from '../../shared/domain/errors.ts';
import { cancellableStatuses, whyNotCancellable } from '../../shared/domain/order-cancellation.ts';
import {
  applyChange,
  changeableStatuses,
  changeRequestAt,
  lineDifferences,
  modificationForm,
  obstacleTo,
  requestChange,
  whyNotChangeable,
} from '../../shared/domain/order-change.ts';
import type { ChangeRequest } from '../../shared/schemas/change-request.ts';
import type { Order } from '../../shared/schemas/order.ts';
import {
  activeCustomer,
  atMinute,
  doc000KitComponents,
  nextTestId,
  placedOrder,
  productsByCode,
  testParties,
} from '../fixtures.ts';

const at = atMinute;
const context = (minute: number, actor = 'buyer@huaxin.example') => ({
  customer: activeCustomer,
  products: productsByCode,
  now: at(minute),
  actor,
  newId: nextTestId,
});
const parties = testParties;

/** An order of rods (line 1) and handles (line 2), promised and in production: 3,700.00 + 3,200.00 CNY. */
const orderInProduction = (overrides: Partial<Order> = {}) =>
  placedOrder(
    [
      { productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200 },
      { productCode: 'CZM04', description: '双面执手（左）', quantity: 100 },
    ],
    overrides,
  );

describe('requestChange (R11)', () => {
  it('refuses a change that would make more than 200 lines (400 on lines): the line limit of an order', () => {
    const full = placedOrder(
      Array.from({ length: 200 }, (_, i) => ({
        productCode: 'CHJ01B-800',
        description: '欧槽铝连杆',
        quantity: 100 + i,
      })),
    );
    const add = { op: 'add' as const, productCode: 'CZM04', description: '双面执手（左）', quantity: 100 };
    try {
      requestChange(full, { reason: 'one more', lines: [add] }, context(2));
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationFailed).errors).toEqual([
        { field: 'lines', message: 'would make 201 lines, more than the 200 one order may have' },
      ]);
    }
    // Removing one first leaves room for it.
    const swapped = requestChange(full, { reason: 'swap', lines: [{ op: 'remove', line: 1 }, add] }, context(2));
    expect(swapped.changeRequest.proposed.lines).toHaveLength(200);
  });

  it('proposes the changed order beside the current one, re-priced exactly, with the touched lines', () => {
    const order = orderInProduction();
    const { changeRequest, history } = requestChange(
      order,
      {
        reason: 'more handles',
        lines: [
          { op: 'change', line: 2, quantity: 150 },
          { op: 'add', productCode: 'CZMK08A', description: '锁扣', quantity: 150 },
        ],
      },
      context(2),
    );
    expect(changeRequest).toMatchObject({
      status: 'assessing',
      baseRevision: 1,
      touchedLines: [2],
      current: { totals: { amount: 6900, depositDue: 2070 } },
      proposed: { totals: { amount: 8980, depositDue: 2694 } },
    });
    expect(changeRequest.proposed.lines.map((l) => [l.line, l.quantity, l.amount])).toEqual([
      [1, 200, 3700],
      [2, 150, 4800],
      [3, 150, 480],
    ]);
    expect(changeRequest.differences.map((d) => d.change)).toEqual(['unchanged', 'changed', 'added']);
    expect(history).toMatchObject({ action: 'change requested', actor: 'buyer@huaxin.example' });
  });

  it('keeps the agreed unit price of a changed line, even when the list price moved since', () => {
    const order = orderInProduction();
    const agreed = {
      ...order,
      lines: order.lines.map((l) => (l.line === 2 ? { ...l, unitPrice: 30, amount: 3000 } : l)),
    };
    const { changeRequest } = requestChange(
      agreed,
      { reason: 'x', lines: [{ op: 'change', line: 2, quantity: 10 }] },
      context(2),
    );
    expect(changeRequest.proposed.lines[1]).toMatchObject({ unitPrice: 30, amount: 300 });
  });

  it('reviews the proposed order by the rules of a new order (R2): a kit short of cylinders blocks', () => {
    const order = orderInProduction();
    const kit = {
      op: 'add' as const,
      productCode: 'CZM04-SET',
      description: '执手套装（套装包装）',
      quantity: 50,
      components: doc000KitComponents,
    };
    const { changeRequest } = requestChange(order, { reason: 'add kits', lines: [kit] }, context(2));
    expect(changeRequest.findings).toContainEqual(
      expect.objectContaining({ code: 'kit-quantity-mismatch', severity: 'blocking', line: 3 }),
    );
  });

  it('reports findings on the lines’ own numbers after a removal', () => {
    const order = orderInProduction();
    const { changeRequest } = requestChange(
      order,
      {
        reason: 'x',
        lines: [
          { op: 'remove', line: 1 },
          { op: 'change', line: 2, quantity: 10 },
        ],
      },
      context(2),
    );
    expect(changeRequest.findings).toContainEqual(expect.objectContaining({ code: 'below-minimum-quantity', line: 2 }));
  });

  it('takes changes only once PMC has promised a date, and never after the order ended', () => {
    const input = { reason: 'x', requestedDate: '2027-05-01' };
    expect(() => requestChange(orderInProduction({ status: 'planning' }), input, context(2))).toThrow(
      /still in intake/,
    );
    expect(() => requestChange(orderInProduction({ status: 'cancelled' }), input, context(2))).toThrow(Conflict);
    for (const status of ['acknowledged', 'awaiting_deposit', 'in_production'] as const) {
      expect(requestChange(orderInProduction({ status }), input, context(2)).changeRequest.status).toBe('assessing');
    }
  });

  it('refuses an ended, merged or shipped order for the reason a cancellation gives, pointing to the merged-into order', () => {
    const merged = orderInProduction({ status: 'merged', mergedInto: 'CNC0203260010DCN' });
    expect(whyNotChangeable(merged)).toBe(
      `Order ${merged.number} was merged into CNC0203260010DCN; ask for the change on that order instead.`,
    );
    expect(whyNotCancellable(merged)).toBe(
      `Order ${merged.number} was merged into CNC0203260010DCN; cancel that order instead.`,
    );
    const cancelled = orderInProduction({ status: 'cancelled' });
    expect(whyNotChangeable(cancelled)).toBe(`Order ${cancelled.number} is cancelled; it can no longer change.`);
    // What the write checks again in its own transaction: exactly the statuses the domain lets through.
    // R16: shipped in part, no cancellation; R11: shipped in full, no change (a partly shipped order changes in
    // what has not shipped: R12 holds what production started).
    const partly = orderInProduction({ status: 'partly_shipped' });
    expect(whyNotCancellable(partly)).toBe(`Order ${partly.number} has shipped; it can no longer be cancelled (R16).`);
    expect(whyNotChangeable(partly)).toBeUndefined();
    const shipped = orderInProduction({ status: 'shipped' });
    expect(whyNotChangeable(shipped)).toBe(`Order ${shipped.number} has shipped; it can no longer change (R11, R12).`);
    expect(changeableStatuses).toEqual([
      'acknowledged',
      'awaiting_deposit',
      'in_production',
      'finished',
      'ready_to_ship',
      'partly_shipped',
    ]);
    expect(cancellableStatuses).toEqual([
      'in_review',
      'planning',
      'awaiting_promise',
      'acknowledged',
      'awaiting_deposit',
      'in_production',
      'finished',
      'ready_to_ship',
    ]);
  });

  it('names each bad line reference and refuses a request that changes nothing', () => {
    const order = orderInProduction();
    const issues = (input: Parameters<typeof requestChange>[1]) => {
      try {
        requestChange(order, input, context(2));
      } catch (error) {
        return (error as ValidationFailed).errors;
      }
      return [];
    };
    expect(
      issues({
        reason: 'x',
        lines: [
          { op: 'remove', line: 7 },
          { op: 'remove', line: 1 },
          { op: 'remove', line: 1 },
        ],
      }),
    ).toEqual([
      { field: 'lines.0.line', message: `is not a line of order ${order.number}` },
      { field: 'lines.2.line', message: 'is changed twice in this request' },
    ]);
    expect(
      issues({
        reason: 'x',
        lines: [
          { op: 'remove', line: 1 },
          { op: 'remove', line: 2 },
        ],
      }),
    ).toEqual([{ field: 'lines', message: 'would leave the order without lines' }]);
    expect(issues({ reason: 'x', lines: [{ op: 'change', line: 1, quantity: 200 }] })).toEqual([
      { field: 'lines', message: 'change nothing: the order already reads so' },
    ]);
  });
});

describe('obstacleTo (R12) and applyChange (R14, R15)', () => {
  const asked = (order: Order) =>
    requestChange(order, { reason: 'fewer handles', lines: [{ op: 'change', line: 2, quantity: 60 }] }, context(2))
      .changeRequest;
  const withForm = (order: Order, changeRequest: ChangeRequest) =>
    changeRequestAt(changeRequest, 'awaiting_approval', at(3), {
      form: modificationForm(order, changeRequest, {
        assessedBy: 'pmc@example.com',
        promisedDate: '2027-03-08',
        now: at(3),
      }),
    });

  it('finds a touched line in production, a newer revision, or an ended order; an untouched line in production is no obstacle', () => {
    const order = orderInProduction();
    const changeRequest = asked(order);
    expect(obstacleTo(order, changeRequest)).toBeUndefined();
    const rodsStarted = {
      ...order,
      lines: order.lines.map((l) => (l.line === 1 ? { ...l, productionStartedAt: at(4) } : l)),
    };
    expect(obstacleTo(rodsStarted, changeRequest)).toBeUndefined();
    const handlesStarted = {
      ...order,
      lines: order.lines.map((l) => (l.line === 2 ? { ...l, productionStartedAt: at(4) } : l)),
    };
    expect(obstacleTo(handlesStarted, changeRequest)).toMatchObject({ status: 'refused', lines: [2] });
    expect(obstacleTo({ ...order, revision: 2 }, changeRequest)).toMatchObject({ status: 'refused' });
    expect(obstacleTo({ ...order, status: 'cancelled' }, changeRequest)).toMatchObject({ status: 'withdrawn' });
  });

  it('makes the next revision: lines, totals, deposit and promised date follow it; who asked and approved are kept', () => {
    const order = orderInProduction({ version: 4 });
    const rodsStarted = {
      ...order,
      lines: order.lines.map((l) => (l.line === 1 ? { ...l, productionStartedAt: at(4) } : l)),
    };
    const changeRequest = withForm(order, asked(order));
    const applied = applyChange(
      rodsStarted,
      changeRequest,
      { approvedBy: 'planner@example.com', parties, departments: ['pmc@example.com'] },
      context(5, 'planner@example.com'),
    );
    expect(applied.order).toMatchObject({
      revision: 2,
      version: 5,
      promisedDate: '2027-03-08',
      totals: { amount: 5620, depositDue: 1686 },
    });
    expect(applied.order.lines[0]?.productionStartedAt).toBe(at(4));
    expect(applied.order.lines[1]).toMatchObject({ quantity: 60, amount: 1920 });
    expect(applied.revision).toMatchObject({
      revision: 2,
      by: 'buyer@huaxin.example',
      approvedBy: 'planner@example.com',
      changeRequestId: changeRequest.id,
    });
    expect(applied.changeRequest).toMatchObject({ status: 'applied', outcome: { revision: 2 } });
    expect(applied.history.changes?.map((c) => c.field)).toEqual(['lines', 'totals', 'promisedDate', 'revision']);
    expect(applied.event.data.departments).toEqual(['pmc@example.com']);
  });

  it('clears a delivery split the new quantities no longer add up to (R24)', () => {
    const split = orderInProduction({
      deliveries: [
        {
          delivery: 1,
          requestedDate: '2027-03-01',
          lines: [
            { line: 1, quantity: 200 },
            { line: 2, quantity: 50 },
          ],
        },
        { delivery: 2, requestedDate: '2027-04-01', lines: [{ line: 2, quantity: 50 }] },
      ],
    });
    const applied = applyChange(
      split,
      withForm(split, asked(split)),
      { approvedBy: 'planner@example.com', parties, departments: [] },
      context(5),
    );
    expect(applied.order.deliveries).toBeUndefined();
    expect(applied.history.note).toContain('split');
  });
});

describe('lineDifferences', () => {
  it('pairs lines by number: added, removed, changed and unchanged', () => {
    const line = (n: number, quantity: number) => ({ line: n, productCode: `P${n}`, description: 'x', quantity });
    expect(
      lineDifferences([line(1, 5), line(2, 5), line(3, 5)], [line(1, 5), line(3, 6), line(4, 1)]).map((d) => [
        d.line,
        d.change,
      ]),
    ).toEqual([
      [1, 'unchanged'],
      [2, 'removed'],
      [3, 'changed'],
      [4, 'added'],
    ]);
  });
});
