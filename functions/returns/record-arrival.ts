import { currentDirectory, orderParties } from '../../shared/application/people.ts';
import { inOrder } from '../../shared/application/reads.ts';
import { Conflict, namedInBody } from '../../shared/domain/errors.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { eventHistoryWrite } from '../../shared/persistence/history.ts';
import { returnRepository } from '../../shared/persistence/returns.ts';
import { unlessRetried, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { ReturnArrival } from '../../shared/schemas/return.ts';
import { recordReturnArrivalRoute } from './routes.ts';

/**
 * R33: goods that came back without an approved application are recorded and held, never taken into stock; the
 * customer's merchandiser is alerted, and the customer's history says so. Goods quoting an approved return go through
 * that return's receipt instead.
 */
export const handler = httpHandler(recordReturnArrivalRoute, async ({ body, principal, idempotency }) => {
  const table = port('table');
  const now = port('clock').now();
  // One round of reads before the write, failing as they did one after another: an earlier attempt of this request,
  // the customer, the return the goods quote (among the customer's), who is on duty.
  const directoryRead = currentDirectory();
  const [, customer, quoted] = await inOrder([
    unlessRetried(table, idempotency({ status: 201 }), now),
    customerRepository(table).get(body.customerId).catch(namedInBody('customerId', 'a customer')),
    body.returnNumber ? returnRepository(table).list({ customer: body.customerId, limit: 100 }) : undefined,
    directoryRead,
  ]);
  if (quoted) {
    const application = quoted.items.find((a) => a.number === body.returnNumber);
    if (application && ['approved', 'shipped', 'receiving'].includes(application.status)) {
      throw new Conflict(
        `Return ${application.number} is approved: receive the goods through it (the warehouse is asked when they are announced).`,
      );
    }
  }
  const context = { now: now.toISOString(), actor: principal.email, newId: port('ids').next };
  const arrival: ReturnArrival = {
    id: `rar_${context.newId()}`,
    ...body,
    customerName: customer.name,
    status: 'held',
    recordedBy: principal.email,
    recordedAt: context.now,
  };
  const event = domainEvent(
    'ReturnArrivalHeld',
    { kind: 'customer', id: customer.id },
    {
      arrival: { ...arrival, lines: arrival.lines.map(({ productCode, quantity }) => ({ productCode, quantity })) },
      parties: await orderParties(customer, directoryRead),
    },
    context,
  );
  const note = `R33: goods came back without an approved application${body.returnNumber ? ` (quoting ${body.returnNumber})` : ''}${body.waybill ? `, waybill ${body.waybill}` : ''}: ${body.lines.map((l) => `${l.productCode} × ${l.quantity}`).join(', ')}; held`;
  const response = { status: 201, body: arrival, headers: { location: `/return-arrivals/${arrival.id}` } };
  await writeAtomically(table, {
    now,
    events: [event],
    writes: [
      returnRepository(table).arrivalRecorded(arrival),
      eventHistoryWrite(table.name, event, 'returned goods held', note),
    ],
    idempotency: idempotency(response),
  });
  return response;
});
