import { describe, expect, it } from 'vitest';
import { Conflict, ValidationFailed } from '../../shared/domain/errors.ts';
import { settleArrival } from '../../shared/domain/return-arrivals.ts';
import type { ReturnApplication, ReturnArrival } from '../../shared/schemas/return.ts';

const customerId = 'cus_01J0000000000000000000HXIN';
const held: ReturnArrival = {
  id: 'rar_01J00000000000000000000001',
  customerId,
  customerName: '华信门窗有限公司 Huaxin Windows Co.',
  carrier: '德邦物流 Deppon',
  waybill: 'DB-HELD-1',
  lines: [{ productCode: 'CZM04', quantity: 3 }],
  status: 'held',
  recordedBy: 'sun.hao@factory.example',
  // 01:30 on 1 December in the company's time zone (UTC+8).
  recordedAt: '2026-11-30T17:30:00.000Z',
};
/** What the settlement reads of a return application. */
const application = (status: ReturnApplication['status'], owner = customerId) =>
  ({ id: 'ret_01J00000000000000000000RET', number: 'RA2026120003', customerId: owner, status }) as ReturnApplication;
const by = 'wang.fang@factory.example';
const now = '2026-12-02T03:00:00.000Z';

describe('goods held without an approved application, settled with the customer (R30, R33)', () => {
  it('are sent back on what was agreed: no return, no shipment', () => {
    const settled = settleArrival(held, { outcome: 'sent-back', note: '到付退回 freight collect' }, undefined, by, now);
    expect(settled).toEqual({
      arrival: {
        ...held,
        status: 'sent-back',
        settlement: { note: '到付退回 freight collect', settledBy: by, settledAt: now },
      },
    });
  });

  it("are an approved return's shipment, announced on the company's day they arrived with what the warehouse recorded", () => {
    const { arrival, shipment } = settleArrival(
      held,
      { outcome: 'under-return', returnId: 'ret_01J00000000000000000000RET' },
      application('approved'),
      by,
      now,
    );
    expect(arrival).toMatchObject({
      status: 'under-return',
      settlement: { returnId: 'ret_01J00000000000000000000RET', returnNumber: 'RA2026120003', settledBy: by },
    });
    expect(shipment).toEqual({ carrier: '德邦物流 Deppon', waybill: 'DB-HELD-1', shippedOn: '2026-12-01' });
  });

  it('take the carrier and waybill given when the warehouse recorded none, and name the fields still missing', () => {
    const bare = { ...held, carrier: undefined, waybill: undefined };
    const body = { outcome: 'under-return' as const, returnId: 'ret_01J00000000000000000000RET' };
    expect(() => settleArrival(bare, body, application('approved'), by, now)).toThrow(
      expect.objectContaining({
        status: 400,
        errors: [
          { field: 'carrier', message: 'is required: the warehouse recorded none' },
          { field: 'waybill', message: 'is required: the warehouse recorded none' },
        ],
      }),
    );
    const given = settleArrival(bare, { ...body, carrier: 'SF', waybill: 'SF-1001' }, application('approved'), by, now);
    expect(given.shipment).toMatchObject({ carrier: 'SF', waybill: 'SF-1001' });
  });

  it('only name a return the customer announced already: the warehouse receives through it as it is', () => {
    for (const status of ['shipped', 'receiving'] as const) {
      const settled = settleArrival(held, { outcome: 'under-return', returnId: 'x' }, application(status), by, now);
      expect(settled.arrival.status).toBe('under-return');
      expect(settled.shipment).toBeUndefined();
    }
  });

  it("refuse a return not approved, another customer's or none, and goods settled already", () => {
    const body = { outcome: 'under-return' as const, returnId: 'ret_01J00000000000000000000RET' };
    for (const status of ['analysis', 'refused', 'credited'] as const) {
      expect(() => settleArrival(held, body, application(status), by, now)).toThrow(Conflict);
    }
    for (const other of [application('approved', 'cus_01J0000000000000000000OTHR'), undefined]) {
      expect(() => settleArrival(held, body, other, by, now)).toThrow(ValidationFailed);
    }
    const sentBack = settleArrival(held, { outcome: 'sent-back', note: 'back' }, undefined, by, now).arrival;
    expect(() => settleArrival(sentBack, body, application('approved'), by, now)).toThrow(
      `The goods of arrival ${held.id} were settled already (sent-back).`,
    );
    const taken = settleArrival(held, body, application('approved'), by, now).arrival;
    expect(() => settleArrival(taken, { outcome: 'sent-back', note: 'back' }, undefined, by, now)).toThrow(
      'settled already (under-return under return RA2026120003)',
    );
  });
});
