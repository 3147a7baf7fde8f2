import { orderParties } from '../../shared/application/people.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { registerComplaint } from '../../shared/domain/complaint.ts';
import { customerComplaint } from '../../shared/domain/customer-view.ts';
import { namedInBody, ValidationFailed } from '../../shared/domain/errors.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { complaintNumber, complaintRepository } from '../../shared/persistence/complaints.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { historyWrite, orderRepository } from '../../shared/persistence/orders.ts';
import { earlierAttempt, retryOnConflict, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { registerComplaintRoute } from './routes.ts';

/**
 * R25, R29: the complaint registered with the month's next number, an entry in the order's history (R15) and the
 * event that acknowledges it to the customer and tells its owner — one write; a number taken meanwhile is read again.
 */
export const handler = httpHandler(registerComplaintRoute, async ({ body, principal, idempotency }) => {
  const table = port('table');
  const complaints = complaintRepository(table);
  return retryOnConflict(async () => {
    const now = port('clock').now();
    const earlier = await earlierAttempt(table, idempotency({ status: 201 }), now);
    if (earlier) throw earlier;
    const { order } = await orderRepository(table).get(body.orderId).catch(namedInBody('orderId', 'an order'));
    assertVisible(principal, order);
    if (!actsForCustomerOnly(principal) && body.customerId === undefined) {
      throw new ValidationFailed([{ field: 'customerId', message: 'is required: whose complaint it is' }]);
    }
    const delivery = await deliveryRepository(table)
      .get(order.id, body.delivery)
      .catch(namedInBody('delivery', `a delivery of order ${order.number} that has shipped`));
    const parties = await orderParties(await customerRepository(table).get(order.customerId));
    const today = calendarDateIn(now, companyTimeZone);
    const month = today.slice(0, 7);
    const previous = await complaints.lastNumber(month);
    const context = { now: now.toISOString(), actor: principal.email, newId: port('ids').next };
    const complaint = registerComplaint(
      body,
      {
        id: `cmp_${context.newId()}`,
        number: complaintNumber(month, previous + 1),
        order,
        delivery,
        owner: parties.merchandiserEmail,
        today,
      },
      context,
    );
    const lines = complaint.lines.map(({ line, productCode, quantity }) => ({ line, productCode, quantity }));
    const event = domainEvent(
      'ComplaintRegistered',
      { kind: 'order', id: order.id },
      { complaint: { ...complaint, lines }, order, parties },
      context,
    );
    const entry = {
      at: context.now,
      actor: principal.email,
      action: 'complaint registered',
      note: `R25: ${complaint.number} about delivery ${complaint.delivery}: ${complaint.kind}, ${lines.length} line(s), asks for ${complaint.demand}`,
    };
    const response = {
      status: 201,
      body: actsForCustomerOnly(principal) ? customerComplaint(complaint) : complaint,
      headers: { location: `/complaints/${complaint.id}` },
    };
    await writeAtomically(table, {
      now,
      events: [event],
      writes: [
        ...complaints.registered(complaint, month, previous),
        historyWrite(table.name, order.id, entry, event.id),
      ],
      idempotency: idempotency(response),
    });
    return response;
  });
});
