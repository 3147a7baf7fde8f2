import { describe, expect, it } from 'vitest';
import {
  complaintOfReceipt,
  isOverdue,
  openComplaintStatuses,
  openedByReceipt,
  overdueNotice,
  registerComplaint,
  replyWithinDays,
  weighed,
  weightCheck,
} from '../../shared/domain/complaint.ts';
import { Conflict, ValidationFailed } from '../../shared/domain/errors.ts';
import { plannedDeliveries } from '../../shared/domain/fulfilment.ts';
import { Complaint, type NewComplaint } from '../../shared/schemas/complaint.ts';
import { OrderDelivery } from '../../shared/schemas/delivery.ts';
import type { Delivery, Order } from '../../shared/schemas/order.ts';
import { atMinute, placedOrder } from '../fixtures.ts';

const merchandiser = 'wang.fang@factory.example';
const context = { now: atMinute(30), actor: merchandiser };

/** 100 handles and 200 rods, shipped in one delivery (50 kg gross) on note DN2026120001. */
const order: Order = placedOrder([
  { productCode: 'CZM04', description: '双面执手（左）', quantity: 100 },
  { productCode: 'CHJ01B-800', description: '欧槽铝连杆 800', quantity: 200 },
]);

function delivery(overrides: Partial<OrderDelivery> = {}): OrderDelivery {
  const planned = plannedDeliveries(order)[0] as Delivery;
  return OrderDelivery.parse({
    orderId: order.id,
    orderNumber: order.number,
    customerId: order.customerId,
    delivery: 1,
    status: 'delivered',
    lines: planned.lines.map(({ line, quantity }) => ({
      line,
      productCode: order.lines[line - 1]?.productCode,
      name: order.lines[line - 1]?.productName ?? order.lines[line - 1]?.description,
      quantity,
    })),
    requestedDate: planned.requestedDate,
    finishedAt: atMinute(1),
    deliveryNote: 'DN2026120001',
    shipment: { carrier: '德邦物流', waybill: 'DP1', shippedOn: '2026-12-01', boxes: 6, grossWeight: 50 },
    picking: [],
    tracking: [],
    version: 9,
    createdAt: atMinute(1),
    updatedAt: atMinute(20),
    ...overrides,
  });
}

const complaint = (overrides: Partial<NewComplaint> = {}): NewComplaint => ({
  orderId: order.id,
  delivery: 1,
  kind: 'quality',
  lines: [{ line: 1, quantity: 10 }],
  description: '执手表面划伤 handles scratched',
  demand: 'replacement',
  contact: { name: '李伟 Li Wei', phone: '+86 757 8888 0001' },
  ...overrides,
});

const facts = (overrides: Partial<Parameters<typeof registerComplaint>[1]> = {}) => ({
  id: 'cmp_01',
  number: 'CP2026120001',
  order,
  delivery: delivery(),
  owner: merchandiser,
  today: '2026-12-02',
  ...overrides,
});

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('nothing thrown');
};

describe('registering a complaint (R25, R29)', () => {
  it('records it against the shipped delivery, with its owner, its lines as shipped and a reply due in a week', () => {
    const registered = registerComplaint(complaint(), facts(), context);
    expect(Complaint.parse(registered)).toEqual(registered);
    expect(registered).toMatchObject({
      number: 'CP2026120001',
      customerId: order.customerId,
      orderNumber: order.number,
      deliveryNote: 'DN2026120001',
      lines: [{ line: 1, quantity: 10, productCode: 'CZM04', shipped: 100 }],
      status: 'registered',
      owner: merchandiser,
      dueOn: '2026-12-09',
      registeredBy: merchandiser,
      version: 1,
    });
    expect(replyWithinDays).toBe(7);
    expect(registered).not.toHaveProperty('weight');
  });

  it('counts what the stock-prep form shipped, not what was planned', () => {
    const form = { lines: [{ line: 2, productCode: 'CHJ01B-800', name: '欧槽铝连杆', quantity: 180 }] };
    const shippedShort = { ...delivery(), stockPrepForm: form } as unknown as OrderDelivery;
    const issues = refusal(() =>
      registerComplaint(
        complaint({
          lines: [
            { line: 2, quantity: 190 },
            { line: 1, quantity: 1 },
          ],
        }),
        facts({ delivery: shippedShort }),
        context,
      ),
    );
    expect((issues as ValidationFailed).errors).toEqual([
      { field: 'lines.0.quantity', message: 'is more than the 180 shipped' },
      { field: 'lines.1.line', message: 'is not a line of delivery 1' },
    ]);
  });

  it('refuses lines named twice or beyond what shipped, each by its field, and another customer', () => {
    const twice = refusal(() =>
      registerComplaint(
        complaint({
          lines: [
            { line: 1, quantity: 5 },
            { line: 1, quantity: 101 },
            { line: 3, quantity: 1 },
          ],
        }),
        facts(),
        context,
      ),
    ) as ValidationFailed;
    expect(twice).toBeInstanceOf(ValidationFailed);
    expect(twice.errors).toEqual([
      { field: 'lines.1.line', message: 'is named twice' },
      { field: 'lines.1.quantity', message: 'is more than the 100 shipped' },
      { field: 'lines.2.line', message: 'is not a line of delivery 1' },
    ]);
    const other = refusal(() =>
      registerComplaint(complaint({ customerId: 'cus_01J00000000000000000000099' }), facts(), context),
    ) as ValidationFailed;
    expect(other.errors).toEqual([{ field: 'customerId', message: `is not the customer of order ${order.number}` }]);
  });

  it('refuses a complaint about goods that have not shipped', () => {
    for (const status of ['finished', 'picking', 'ready_to_ship'] as const) {
      expect(
        refusal(() => registerComplaint(complaint(), facts({ delivery: delivery({ status }) }), context)),
      ).toBeInstanceOf(Conflict);
    }
    for (const status of ['shipped', 'in_transit', 'arrived', 'delivered'] as const) {
      expect(registerComplaint(complaint(), facts({ delivery: delivery({ status }) }), context).status).toBe(
        'registered',
      );
    }
  });
});

describe('a short shipment (R28)', () => {
  it('compares the weight received with the gross weight shipped', () => {
    const short = registerComplaint(
      complaint({ kind: 'short_shipment', receivedWeight: 47.35, lines: [{ line: 2, quantity: 20 }] }),
      facts(),
      context,
    );
    expect(short).toMatchObject({ status: 'registered', weight: { shipped: 50, received: 47.35, difference: 2.65 } });
  });

  it('waits for the weight when the customer did not give it', () => {
    const waiting = registerComplaint(complaint({ kind: 'short_shipment' }), facts(), context);
    expect(waiting.status).toBe('awaiting_weight');
    expect(waiting).not.toHaveProperty('weight');
    // R28: what it will be weighed against is kept from its delivery, which weighing then need not read.
    expect(waiting.shippedWeight).toBe(50);
  });

  it('has nothing to compare with when no weight was recorded at shipping', () => {
    expect(weightCheck(undefined, 12.5)).toEqual({ received: 12.5 });
    expect(weightCheck(12.5, 12.5)).toEqual({
      shipped: 12.5,
      received: 12.5,
      difference: 0,
    });
  });
});

describe('overdue complaints (R29)', () => {
  it('are those not answered after their due date', () => {
    expect(isOverdue({ status: 'report', dueOn: '2026-12-09' }, '2026-12-09')).toBe(false);
    expect(isOverdue({ status: 'report', dueOn: '2026-12-09' }, '2026-12-10')).toBe(true);
    expect(isOverdue({ status: 'answered', dueOn: '2026-12-09' }, '2026-12-10')).toBe(false);
    expect(isOverdue({ status: 'closed', dueOn: '2026-12-09' }, '2026-12-31')).toBe(false);
  });
});

describe('the daily overdue check (R29)', () => {
  const registered = () => registerComplaint(complaint(), facts(), context);

  it('tells of an open complaint past its due date with how late it is, and remembers the day', () => {
    const noticed = overdueNotice({ ...registered(), status: 'qa_analysis' }, '2026-12-12', atMinute(50));
    expect(noticed?.daysOverdue).toBe(3);
    expect(noticed?.complaint).toMatchObject({ overdueNoticedOn: '2026-12-12', version: 2, updatedAt: atMinute(50) });
    expect(Complaint.parse(noticed?.complaint)).toEqual(noticed?.complaint);
  });

  it('tells of it once a day: the same day again finds nothing, the next day tells again', () => {
    const once = overdueNotice(registered(), '2026-12-10', atMinute(50))?.complaint as Complaint;
    expect(overdueNotice(once, '2026-12-10', atMinute(51))).toBeUndefined();
    expect(overdueNotice(once, '2026-12-11', atMinute(52))?.daysOverdue).toBe(2);
  });

  it('says nothing on the due date itself, nor of a complaint answered or closed', () => {
    expect(overdueNotice(registered(), '2026-12-09', atMinute(50))).toBeUndefined();
    expect(overdueNotice({ ...registered(), status: 'answered' }, '2026-12-20', atMinute(50))).toBeUndefined();
    expect(overdueNotice({ ...registered(), status: 'closed' }, '2026-12-20', atMinute(50))).toBeUndefined();
  });

  it('reads every status still waiting for its reply', () => {
    expect([...openComplaintStatuses].sort()).toEqual(
      Complaint.shape.status.options.filter((s) => !['answered', 'closed'].includes(s)).sort(),
    );
  });
});

describe('a receipt signed damaged or short opens a complaint (R23 → F4)', () => {
  const receipt = (condition: 'complete' | 'damaged' | 'short', note?: string) => ({
    condition,
    signedBy: '李伟 Li Wei',
    signedOn: '2026-12-04',
    ...(note ? { note } : {}),
    recordedBy: 'customer (receipt link)',
    recordedAt: atMinute(40),
  });

  it('about every line the delivery carried, at what it carried, described by the note, asking for an explanation', () => {
    const damaged = receipt('damaged', '两箱压坏 two boxes crushed');
    expect(complaintOfReceipt(delivery(), damaged)).toEqual({
      orderId: order.id,
      delivery: 1,
      kind: 'damage',
      lines: [
        { line: 1, quantity: 100 },
        { line: 2, quantity: 200 },
      ],
      description: '两箱压坏 two boxes crushed',
      demand: 'explanation',
      contact: { name: '李伟 Li Wei' },
    });
    const registered = registerComplaint(
      complaintOfReceipt(delivery(), damaged) as NewComplaint,
      facts({ openedBy: openedByReceipt(damaged) }),
      { now: atMinute(40), actor: 'customer (receipt link)' },
    );
    expect(registered).toMatchObject({
      status: 'registered',
      openedBy: { receipt: { condition: 'damaged', signedBy: '李伟 Li Wei', signedOn: '2026-12-04' } },
    });
    expect(Complaint.parse(registered)).toEqual(registered);
  });

  it('counts what the stock-prep form shipped; a short receipt is a short shipment waiting for its weight (R28)', () => {
    const form = { lines: [{ line: 2, productCode: 'CHJ01B-800', name: '欧槽铝连杆', quantity: 180 }] };
    const shippedShort = { ...delivery(), stockPrepForm: form } as unknown as OrderDelivery;
    const short = complaintOfReceipt(shippedShort, receipt('short', '少一箱 a box short')) as NewComplaint;
    expect(short).toMatchObject({ kind: 'short_shipment', lines: [{ line: 2, quantity: 180 }] });
    expect(registerComplaint(short, facts({ delivery: shippedShort }), context).status).toBe('awaiting_weight');
  });

  it('opens nothing for goods received complete', () => {
    expect(complaintOfReceipt(delivery(), receipt('complete'))).toBeUndefined();
    expect(openedByReceipt(receipt('complete'))).toBeUndefined();
  });
});

describe('the weight given after registering (R28)', () => {
  const waiting = () => registerComplaint(complaint({ kind: 'short_shipment' }), facts(), context);

  it('is compared with the weight shipped, and registers a complaint that waited for it', () => {
    expect(weighed(waiting(), 48, atMinute(40))).toMatchObject({
      status: 'registered',
      weight: { shipped: 50, received: 48, difference: 2 },
      version: 2,
    });
  });

  it('changes nothing when it is the same again, and is refused for another kind or once answered', () => {
    const once = weighed(waiting(), 48, atMinute(40)) as ReturnType<typeof waiting>;
    expect(weighed(once, 48, atMinute(41))).toBeUndefined();
    expect(refusal(() => weighed(registerComplaint(complaint(), facts(), context), 1, atMinute(40)))).toBeInstanceOf(
      ValidationFailed,
    );
    expect(refusal(() => weighed({ ...once, status: 'answered' }, 47, atMinute(42)))).toBeInstanceOf(Conflict);
  });
});
