import { orderParties } from '../../shared/application/people.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { customerReturn } from '../../shared/domain/customer-view.ts';
import { namedInBody, ValidationFailed } from '../../shared/domain/errors.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { applyForReturn, returnSummary } from '../../shared/domain/returns.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { complaintRepository } from '../../shared/persistence/complaints.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { historyWrite, orderRepository } from '../../shared/persistence/orders.ts';
import { returnNumber, returnRepository } from '../../shared/persistence/returns.ts';
import { earlierAttempt, retryOnConflict, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { applyForReturnRoute } from './routes.ts';

/**
 * R30: the application under the month's next return number, the quantities it takes from the delivery, an entry in
 * the order's history and the event that acknowledges it and starts F5 — one write. Another application for the same
 * goods meanwhile makes it read again, and what is left then decides (no line is returned twice).
 */
export const handler = httpHandler(applyForReturnRoute, async ({ body, principal, idempotency }) => {
  const table = port('table');
  const returns = returnRepository(table);
  return retryOnConflict(async () => {
    const now = port('clock').now();
    const earlier = await earlierAttempt(table, idempotency({ status: 201 }), now);
    if (earlier) throw earlier;
    const { order } = await orderRepository(table).get(body.orderId).catch(namedInBody('orderId', 'an order'));
    assertVisible(principal, order);
    if (!actsForCustomerOnly(principal) && body.customerId === undefined) {
      throw new ValidationFailed([{ field: 'customerId', message: 'is required: whose return it is' }]);
    }
    const delivery = await deliveryRepository(table)
      .get(order.id, body.delivery)
      .catch(namedInBody('delivery', `a delivery of order ${order.number} that has shipped`));
    const complaint = body.complaintId
      ? await complaintRepository(table).get(body.complaintId).catch(namedInBody('complaintId', 'a complaint'))
      : undefined;
    const parties = await orderParties(await customerRepository(table).get(order.customerId));
    const month = calendarDateIn(now, companyTimeZone).slice(0, 7);
    const previous = await returns.lastNumber(month);
    const context = { now: now.toISOString(), actor: principal.email, newId: port('ids').next };
    const { application, returned } = applyForReturn(
      body,
      {
        id: `ret_${context.newId()}`,
        number: returnNumber(month, previous + 1),
        order,
        delivery,
        returned: await returns.returned(order.id, delivery.delivery),
        ...(complaint ? { complaint } : {}),
        owner: parties.merchandiserEmail,
      },
      context,
    );
    const event = domainEvent(
      'ReturnApplied',
      { kind: 'order', id: order.id },
      { return: returnSummary(application), order, parties },
      context,
    );
    const entry = {
      at: context.now,
      actor: principal.email,
      action: 'return applied for',
      note: `R30: ${application.number} for delivery ${application.delivery}: ${application.lines.map((l) => `${l.productCode} × ${l.quantity}`).join(', ')}`,
    };
    const response = {
      status: 201,
      body: actsForCustomerOnly(principal) ? customerReturn(application) : application,
      headers: { location: `/returns/${application.id}` },
    };
    await writeAtomically(table, {
      now,
      events: [event],
      writes: [
        ...returns.applied(application, returned, month, previous),
        historyWrite(table.name, order.id, entry, event.id),
      ],
      idempotency: idempotency(response),
    });
    return response;
  });
});
