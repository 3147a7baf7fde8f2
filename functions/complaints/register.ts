import { complaintNumbering, complaintRegistration } from '../../shared/application/complaints.ts';
import { customerOf, namedCustomer, namedOrder } from '../../shared/application/named-order.ts';
import { currentDirectory, orderParties } from '../../shared/application/people.ts';
import { sent } from '../../shared/application/reads.ts';
import { customerComplaint } from '../../shared/domain/customer-view.ts';
import { namedInBody } from '../../shared/domain/errors.ts';
import { actsForCustomerOnly } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
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
    // One round of reads: the order, its delivery, the customer named, the directory and the numbering.
    const earlierRead = sent(earlierAttempt(table, idempotency({ status: 201 }), now));
    const orderRead = sent(namedOrder(principal, body, 'complaint'));
    const deliveryRead = sent(deliveryRepository(table).get(body.orderId, body.delivery));
    const customerRead = namedCustomer(principal, body);
    const directoryRead = sent(currentDirectory());
    const numbering = complaintNumbering(now);
    const earlier = await earlierRead;
    if (earlier) throw earlier;
    const order = await orderRead;
    const delivery = await deliveryRead.catch(
      namedInBody('delivery', `a delivery of order ${order.number} that has shipped`),
    );
    const parties = await orderParties(await customerOf(order, customerRead), directoryRead);
    const { complaint, events, writes } = await complaintRegistration(
      body,
      { order, delivery, parties },
      { now, actor: principal.email },
      numbering,
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
