import { currentDirectory, onDutyEmail } from '../../shared/application/people.ts';
import { inOrder } from '../../shared/application/reads.ts';
import { shipmentAnnounced } from '../../shared/application/return-shipments.ts';
import { namedInBody } from '../../shared/domain/errors.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { settleArrival } from '../../shared/domain/return-arrivals.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { eventHistoryWrite } from '../../shared/persistence/history.ts';
import { returnRepository } from '../../shared/persistence/returns.ts';
import { retryOnConflict, unlessRetried, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { settleReturnArrivalRoute } from './routes.ts';

/**
 * R30, R33: goods held, settled by the account's people with the customer. One round of reads before the write: an
 * earlier attempt, the goods, the return they are taken in under, who is on duty; the arrival, the customer's history,
 * the event and (when the goods are a return's shipment) the announcement are one transaction.
 */
export const handler = httpHandler(settleReturnArrivalRoute, async ({ params, body, principal, idempotency }) => {
  const table = port('table');
  const returns = returnRepository(table);
  return retryOnConflict(async () => {
    const now = port('clock').now();
    const directoryRead = currentDirectory();
    const [, held, application] = await inOrder([
      unlessRetried(table, idempotency({ status: 200 }), now),
      returns.arrival(params.id),
      body.outcome === 'under-return'
        ? returns.get(body.returnId).catch(namedInBody('returnId', 'a return application'))
        : undefined,
      directoryRead,
    ]);
    const { arrival, shipment } = settleArrival(held, body, application, principal.email, now.toISOString());
    // Arrivals recorded before the customer's name was kept with them read it now.
    const customerName = arrival.customerName ?? (await customerRepository(table).get(arrival.customerId)).name;
    const context = { now: now.toISOString(), actor: principal.email, newId: port('ids').next };
    const event = domainEvent(
      'ReturnArrivalSettled',
      { kind: 'customer', id: arrival.customerId },
      {
        arrival: { ...arrival, lines: arrival.lines.map(({ productCode, quantity }) => ({ productCode, quantity })) },
        customerName,
        warehouseEmail: await onDutyEmail('warehouse', directoryRead),
      },
      context,
    );
    const announcement = shipment && application && shipmentAnnounced(application, shipment, principal.email, now);
    const settledHow =
      arrival.status === 'sent-back'
        ? `sent back: ${arrival.settlement?.note}`
        : `taken in under return ${arrival.settlement?.returnNumber}`;
    const response = { status: 200, body: arrival };
    await writeAtomically(table, {
      now,
      events: [event, ...(announcement ? [announcement.event] : [])],
      writes: [
        returns.arrivalSettled(arrival),
        eventHistoryWrite(table.name, event, 'returned goods settled', `R33: the goods of ${arrival.id} ${settledHow}`),
        ...(announcement?.writes ?? []),
      ],
      idempotency: idempotency(response),
    });
    return response;
  });
});
