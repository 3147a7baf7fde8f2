import { describe, expect, it } from 'vitest';
import { Conflict, ValidationFailed } from '../../shared/domain/errors.ts';
import { plannedDeliveries } from '../../shared/domain/fulfilment.ts';
import {
  analysisProblem,
  announced,
  applyForReturn,
  approvalRoute,
  creditFor,
  needsGeneralManager,
  nothingReturned,
  receivedAgainst,
  released,
  returnNote,
} from '../../shared/domain/returns.ts';
import { stockPrepFormFor } from '../../shared/domain/shipping.ts';
import type { Complaint } from '../../shared/schemas/complaint.ts';
import { OrderDelivery } from '../../shared/schemas/delivery.ts';
import { ReturnNote } from '../../shared/schemas/documents.ts';
import type { Delivery, Order } from '../../shared/schemas/order.ts';
import { type NewReturnApplication, ReturnApplication } from '../../shared/schemas/return.ts';
import { activeCustomer, atMinute, placedOrder, productsByCode } from '../fixtures.ts';

const merchandiser = 'wang.fang@factory.example';
const context = { now: atMinute(40), actor: 'li.wei@huaxin.example' };

/** 100 handles at 12.5 and 200 rods at 3.333, priced, shipped in one delivery on DN2026120001. */
const order: Order = placedOrder([
  { productCode: 'CZM04', description: '双面执手（左）', quantity: 100, unitPrice: 12.5 },
  { productCode: 'CHJ01B-800', description: '欧槽铝连杆 800', quantity: 200, unitPrice: 3.333 },
]);

function delivery(overrides: Partial<OrderDelivery> = {}): OrderDelivery {
  const planned = plannedDeliveries(order)[0] as Delivery;
  const base = OrderDelivery.parse({
    orderId: order.id,
    orderNumber: order.number,
    customerId: order.customerId,
    delivery: 1,
    status: 'delivered',
    lines: planned.lines.map(({ line, quantity }) => ({
      line,
      productCode: order.lines[line - 1]?.productCode,
      name: order.lines[line - 1]?.description,
      quantity,
    })),
    requestedDate: planned.requestedDate,
    finishedAt: atMinute(1),
    deliveryNote: 'DN2026120001',
    picking: [],
    tracking: [],
    version: 9,
    createdAt: atMinute(1),
    updatedAt: atMinute(20),
  });
  const stockPrepForm = stockPrepFormFor(
    order,
    activeCustomer,
    base,
    productsByCode,
    {
      lines: [
        { line: 1, quantity: 100 },
        { line: 2, quantity: 200 },
      ],
      requestedShipDate: '2026-12-01',
      vehiclePlan: '自提',
    },
    { revision: 1, signature: { name: '王芳 Wang Fang', signedOn: '2026-12-01' } },
  );
  return { ...base, stockPrepForm, ...overrides };
}

const application = (overrides: Partial<NewReturnApplication> = {}): NewReturnApplication => ({
  orderId: order.id,
  delivery: 1,
  lines: [
    { line: 1, quantity: 10, note: '表面划伤 scratched' },
    { line: 2, quantity: 20 },
  ],
  reason: '表面处理不良 poor finish',
  contact: { name: '李伟 Li Wei' },
  ...overrides,
});

const facts = (overrides: Partial<Parameters<typeof applyForReturn>[1]> = {}) => ({
  id: 'ret_01',
  number: 'RA2026120001',
  order,
  delivery: delivery(),
  returned: nothingReturned(order.id, 1),
  owner: merchandiser,
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

const applied = () => applyForReturn(application(), facts(), context).application;

describe('a return application (R30)', () => {
  it('is recorded against the shipped delivery, at the prices it was sold at, and takes its quantities', () => {
    const { application: filed, returned } = applyForReturn(application(), facts(), context);
    expect(ReturnApplication.parse(filed)).toEqual(filed);
    expect(filed).toMatchObject({
      number: 'RA2026120001',
      status: 'applied',
      currency: order.currency,
      deliveryNote: 'DN2026120001',
      owner: merchandiser,
      appliedBy: 'li.wei@huaxin.example',
      attachments: [],
      lines: [
        { line: 1, quantity: 10, productCode: 'CZM04', unitPrice: 12.5, delivered: 100, note: '表面划伤 scratched' },
        { line: 2, quantity: 20, productCode: 'CHJ01B-800', unitPrice: 3.333, delivered: 200 },
      ],
    });
    expect(returned.lines).toEqual({ 1: 10, 2: 20 });
  });

  it('never takes more than was delivered less what earlier applications took, naming the line', () => {
    const earlier = { ...nothingReturned(order.id, 1), lines: { 1: 95 }, version: 3 };
    const error = refusal(() =>
      applyForReturn(application({ lines: [{ line: 1, quantity: 6 }] }), facts({ returned: earlier }), context),
    ) as ValidationFailed;
    expect(error).toBeInstanceOf(ValidationFailed);
    expect(error.errors).toEqual([
      {
        field: 'lines.0.quantity',
        message: 'is more than the 5 left: 100 delivered, 95 returned or applied for already',
      },
    ]);
    const fits = applyForReturn(
      application({ lines: [{ line: 1, quantity: 5 }] }),
      facts({ returned: earlier }),
      context,
    );
    expect(fits.returned).toMatchObject({ lines: { 1: 100 }, version: 3 });
  });

  it('refuses lines not of the delivery, named twice, or beyond the delivery', () => {
    const error = refusal(() =>
      applyForReturn(
        application({
          lines: [
            { line: 7, quantity: 1 },
            { line: 1, quantity: 101 },
            { line: 1, quantity: 1 },
          ],
        }),
        facts(),
        context,
      ),
    ) as ValidationFailed;
    expect(error.errors).toEqual([
      { field: 'lines.0.line', message: 'is not a line of delivery 1' },
      { field: 'lines.1.quantity', message: 'is more than the 100 delivered' },
      { field: 'lines.2.line', message: 'is named twice' },
    ]);
  });

  it('refuses goods that have not shipped, another customer, or a complaint about other goods', () => {
    expect(
      refusal(() => applyForReturn(application(), facts({ delivery: delivery({ status: 'picking' }) }), context)),
    ).toBeInstanceOf(Conflict);
    expect(
      (refusal(() => applyForReturn(application({ customerId: 'cus_OTHER' }), facts(), context)) as ValidationFailed)
        .errors,
    ).toEqual([{ field: 'customerId', message: `is not the customer of order ${order.number}` }]);
    const elsewhere = { id: 'cmp_1', number: 'CP2026120001', orderId: 'ord_other', delivery: 1 } as Complaint;
    expect(
      (refusal(() => applyForReturn(application(), facts({ complaint: elsewhere }), context)) as ValidationFailed)
        .errors,
    ).toEqual([{ field: 'complaintId', message: `is not a complaint about delivery 1 of ${order.number}` }]);
  });

  it('gives the quantities back when refused or received short', () => {
    const ledger = { ...nothingReturned(order.id, 1), lines: { 1: 10, 2: 20 }, version: 1 };
    expect(released(ledger, [{ line: 1, quantity: 10 }]).lines).toEqual({ 1: 0, 2: 20 });
  });
});

describe('the analysis and approval (R31, R32)', () => {
  const values = { causedBy: 'company', cause: 'plating', productionFault: 'yes', handling: 'rework' } as const;
  const reported = { number: 'CP2026120001', report: { description: 'x' } } as Complaint;

  it('needs the complaint report for a production fault, and the fault to be the company’s', () => {
    expect(analysisProblem(values, undefined)).toMatch(/complaint report/);
    expect(analysisProblem(values, { ...reported, report: undefined })).toBe(
      'complaint CP2026120001 has no report written yet',
    );
    expect(analysisProblem({ ...values, causedBy: 'customer' }, reported)).toBe(
      'a production fault is caused by the company',
    );
    expect(analysisProblem(values, reported)).toBeUndefined();
    expect(analysisProblem({ ...values, productionFault: 'no' }, undefined)).toBeUndefined();
  });

  it('sends the company’s fault to be confirmed, the customer’s to an exception, remelting to the GM', () => {
    expect(approvalRoute({ causedBy: 'company' })).toBe('company');
    expect(approvalRoute({ causedBy: 'customer' })).toBe('customer');
    expect(needsGeneralManager('remelt')).toBe(true);
    expect(needsGeneralManager('restock')).toBe(false);
  });
});

describe('the shipment, the count and the credit (R33, R34, R36)', () => {
  const shipment = { carrier: '德邦物流', waybill: 'DP-RET-1', shippedOn: '2026-11-24' };

  it('announces only an approved return, once, and never more than approved', () => {
    expect(refusal(() => announced(applied(), shipment, 'li.wei', atMinute(50)))).toBeInstanceOf(Conflict);
    const approved = { ...applied(), status: 'approved' as const };
    const shipped = announced(approved, shipment, 'li.wei', atMinute(50));
    expect(shipped).toMatchObject({ status: 'shipped', shipment: { ...shipment, announcedBy: 'li.wei' }, version: 2 });
    expect((refusal(() => announced(shipped, shipment, 'li.wei', atMinute(51))) as Conflict).message).toMatch(
      /announced already \(waybill DP-RET-1\)/,
    );
    const tooMany = refusal(() =>
      announced(approved, { ...shipment, lines: [{ line: 2, quantity: 21 }] }, 'li.wei', atMinute(50)),
    ) as ValidationFailed;
    expect(tooMany.errors).toEqual([{ field: 'lines.0.quantity', message: 'is more than the 20 approved' }]);
  });

  it('counts each line against the application: a line not given came in full; more is never taken in', () => {
    expect(receivedAgainst(applied(), [])).toEqual({
      lines: [
        { line: 1, expected: 10, received: 10 },
        { line: 2, expected: 20, received: 20 },
      ],
      difference: false,
    });
    expect(receivedAgainst(applied(), [{ line: 2, quantity: 18 }]).difference).toBe(true);
    expect((refusal(() => receivedAgainst(applied(), [{ line: 1, quantity: 11 }])) as ValidationFailed).errors).toEqual(
      [{ field: 'lines.1', message: 'is more than the 10 of return RA2026120001' }],
    );
  });

  it('credits what came back at the prices sold, to the cent', () => {
    const received = {
      ...applied(),
      receipt: { ...receivedAgainst(applied(), [{ line: 2, quantity: 18 }]), by: 'sun.hao', at: atMinute(60) },
    };
    // 10 × 12.5 + 18 × 3.333 = 125 + 59.994 → 59.99
    expect(creditFor(received).totals).toEqual({ quantity: 28, amount: 184.99 });
    expect(
      creditFor({ ...received, receipt: { ...received.receipt, lines: [{ line: 1, expected: 10, received: 0 }] } })
        .lines,
    ).toHaveLength(1);
  });

  it('issues the return note of what came back, why and what becomes of it', () => {
    const analysed = {
      ...applied(),
      analysis: {
        causedBy: 'company' as const,
        cause: 'plating',
        productionFault: false,
        handling: 'rework' as const,
        by: merchandiser,
        at: atMinute(45),
      },
    };
    const note = returnNote(
      analysed,
      { code: '001', name: '华信门窗' },
      {
        number: 'RN2026120001',
        issuedOn: '2026-12-05',
        language: 'zh-CN',
        finance: { name: '周敏 Zhou Min', signedOn: '2026-12-05' },
      },
    );
    expect(ReturnNote.parse(note)).toEqual(note);
    expect(note).toMatchObject({
      number: 'RN2026120001',
      returnNumber: 'RA2026120001',
      deliveryNote: 'DN2026120001',
      cause: 'company',
      handling: 'rework',
      totals: { quantity: 30, amount: 191.66 },
    });
    expect(note.lines[0]).toMatchObject({
      productCode: 'CZM04',
      quantity: 10,
      amount: 125,
      reason: '表面划伤 scratched',
    });
  });
});
