import { domainEvent } from '../domain/events.ts';
import { announced, returnSummary } from '../domain/returns.ts';
import { historyWrite } from '../persistence/orders.ts';
import { returnRepository } from '../persistence/returns.ts';
import { type Idempotency, writeAtomically } from '../persistence/write.ts';
import { port } from '../runtime.ts';
import type { ReturnApplication, ReturnShipment } from '../schemas/return.ts';

/**
 * R33: an approved return announced on its way, as the writes that say so: the return, an entry in its order's
 * history and the event the waiting workflow resumes on (announced by the customer, or goods held found to be it).
 */
export function shipmentAnnounced(application: ReturnApplication, shipment: ReturnShipment, by: string, now: Date) {
  const table = port('table');
  const context = { now: now.toISOString(), actor: by, newId: port('ids').next };
  const shipped = announced(application, shipment, by, context.now);
  const event = domainEvent(
    'ReturnShipmentAnnounced',
    { kind: 'order', id: application.orderId },
    { return: returnSummary(shipped), shipment },
    context,
  );
  const entry = {
    at: context.now,
    actor: by,
    action: 'return shipped',
    note: `R33: ${application.number} shipped on ${shipment.shippedOn} with ${shipment.carrier}, waybill ${shipment.waybill}`,
  };
  return {
    shipped,
    event,
    writes: [
      returnRepository(table).saved(shipped, application.version),
      historyWrite(table.name, application.orderId, entry, event.id),
    ],
  };
}

/**
 * R33: the customer's announcement of an approved return on its way — through the API or the link e-mailed with the
 * approval — in one write.
 */
export async function announceShipment<R>(
  application: ReturnApplication,
  shipment: ReturnShipment,
  by: string,
  answer: (shipped: ReturnApplication) => { response: R; idempotency?: Idempotency | undefined },
) {
  const now = port('clock').now();
  const { shipped, event, writes } = shipmentAnnounced(application, shipment, by, now);
  const { response, idempotency } = answer(shipped);
  await writeAtomically(port('table'), { now, events: [event], writes, idempotency });
  return response;
}
