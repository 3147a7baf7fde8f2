import type { ReturnApplication, ReturnArrival, ReturnArrivalSettlement, ReturnShipment } from '../schemas/return.ts';
import { companyTimeZone } from './company.ts';
import { Conflict, type FieldIssue, ValidationFailed } from './errors.ts';
import { calendarDateIn } from './lead-time.ts';

/** A return that was announced already: the goods held are received through it as they are (R34). */
const announcedStatuses: readonly ReturnApplication['status'][] = ['shipped', 'receiving'];

/**
 * R30, R33: goods held because they came back without an approved application, settled by the account's
 * merchandiser with the customer: sent back (R30: such goods may be refused), or taken in under the return
 * application approved since. They are that return's shipment: announced now, on the day they arrived, with the
 * carrier and waybill the warehouse recorded (or those given), unless the customer announced it already. Pure.
 */
export function settleArrival(
  arrival: ReturnArrival,
  settlement: ReturnArrivalSettlement,
  application: ReturnApplication | undefined,
  by: string,
  now: string,
): { arrival: ReturnArrival; shipment?: ReturnShipment } {
  if (arrival.status !== 'held') {
    const under = arrival.settlement?.returnNumber ? ` under return ${arrival.settlement.returnNumber}` : '';
    throw new Conflict(`The goods of arrival ${arrival.id} were settled already (${arrival.status}${under}).`);
  }
  const settled = { settledBy: by, settledAt: now };
  if (settlement.outcome === 'sent-back') {
    return { arrival: { ...arrival, status: 'sent-back', settlement: { note: settlement.note, ...settled } } };
  }
  if (application?.customerId !== arrival.customerId) {
    throw new ValidationFailed([{ field: 'returnId', message: "is not a return application of the goods' customer" }]);
  }
  const taken: ReturnArrival = {
    ...arrival,
    status: 'under-return',
    settlement: {
      ...(settlement.note ? { note: settlement.note } : {}),
      returnId: application.id,
      returnNumber: application.number,
      ...settled,
    },
  };
  if (announcedStatuses.includes(application.status)) return { arrival: taken };
  if (application.status !== 'approved') {
    throw new Conflict(
      `Return ${application.number} is ${application.status}: goods are taken in only under an approved return.`,
    );
  }
  const carrier = settlement.carrier ?? arrival.carrier;
  const waybill = settlement.waybill ?? arrival.waybill;
  const missing: FieldIssue[] = [
    ...(carrier ? [] : [{ field: 'carrier', message: 'is required: the warehouse recorded none' }]),
    ...(waybill ? [] : [{ field: 'waybill', message: 'is required: the warehouse recorded none' }]),
  ];
  if (!carrier || !waybill) throw new ValidationFailed(missing);
  return {
    arrival: taken,
    shipment: { carrier, waybill, shippedOn: calendarDateIn(new Date(arrival.recordedAt), companyTimeZone) },
  };
}
