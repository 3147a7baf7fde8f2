import { domainEvent } from '../domain/events.ts';
import { announced, returnSummary } from '../domain/returns.ts';
import { historyWrite } from '../persistence/orders.ts';
import { returnRepository } from '../persistence/returns.ts';
import { type Idempotency, writeAtomically } from '../persistence/write.ts';
import { port } from '../runtime.ts';
import type { ReturnApplication, ReturnShipment } from '../schemas/return.ts';

/**
 * R33: the customer's announcement of an approved return on its way — through the API or the link e-mailed with the
 * approval. The return, an entry in its order's history and the event the waiting workflow resumes on are one write.
 */
export async function announceShipment<R>(
  application: ReturnApplication,
  shipment: ReturnShipment,
  by: string,
  answer: (shipped: ReturnApplication) => { response: R; idempotency?: Idempotency | undefined },
) {
  const table = port('table');
  const now = port('clock').now();
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
  const { response, idempotency } = answer(shipped);
  await writeAtomically(table, {
    now,
    events: [event],
    writes: [
      returnRepository(table).saved(shipped, application.version),
      historyWrite(table.name, application.orderId, entry, event.id),
    ],
    idempotency,
  });
  return response;
}
