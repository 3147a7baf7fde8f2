import { orderParties } from '../../shared/application/people.ts';
import { Conflict, namedInBody } from '../../shared/domain/errors.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { eventHistoryWrite } from '../../shared/persistence/history.ts';
import { returnRepository } from '../../shared/persistence/returns.ts';
import { earlierAttempt, writeAtomically } from '../../shared/persistence/write.ts';
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
  const earlier = await earlierAttempt(table, idempotency({ status: 201 }), now);
  if (earlier) throw earlier;
  const customer = await customerRepository(table).get(body.customerId).catch(namedInBody('customerId', 'a customer'));
  if (body.returnNumber) {
    const quoted = await returnRepository(table).list({ customer: customer.id, limit: 100 });
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
    status: 'held',
    recordedBy: principal.email,
    recordedAt: context.now,
  };
  const event = domainEvent(
    'ReturnArrivalHeld',
    { kind: 'customer', id: customer.id },
    {
      arrival: { ...arrival, lines: arrival.lines.map(({ productCode, quantity }) => ({ productCode, quantity })) },
      parties: await orderParties(customer),
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
