import { complaintRegistration } from '../../shared/application/complaints.ts';
import { namedOrder } from '../../shared/application/named-order.ts';
import { orderParties } from '../../shared/application/people.ts';
import { customerComplaint } from '../../shared/domain/customer-view.ts';
import { namedInBody } from '../../shared/domain/errors.ts';
import { actsForCustomerOnly } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { earlierAttempt, retryOnConflict, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { registerComplaintRoute } from './routes.ts';

/**
 * R25, R29: the complaint registered with the month's next number, an entry in the order's history (R15) and the
 * event that acknowledges it to the customer and tells its owner — one write; a number taken meanwhile is read again.
 */
export const handler = httpHandler(registerComplaintRoute, async ({ body, principal, idempotency }) => {
  const table = port('table');
  return retryOnConflict(async () => {
    const now = port('clock').now();
    const earlier = await earlierAttempt(table, idempotency({ status: 201 }), now);
    if (earlier) throw earlier;
    const order = await namedOrder(principal, body, 'complaint');
    const delivery = await deliveryRepository(table)
      .get(order.id, body.delivery)
      .catch(namedInBody('delivery', `a delivery of order ${order.number} that has shipped`));
    const parties = await orderParties(await customerRepository(table).get(order.customerId));
    const { complaint, events, writes } = await complaintRegistration(
      body,
      { order, delivery, parties },
      { now, actor: principal.email },
    );
    const response = {
      status: 201,
      body: actsForCustomerOnly(principal) ? customerComplaint(complaint) : complaint,
      headers: { location: `/complaints/${complaint.id}` },
    };
    await writeAtomically(table, { now, events, writes, idempotency: idempotency(response) });
    return response;
  });
});
