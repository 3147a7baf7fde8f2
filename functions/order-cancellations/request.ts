import { customerCancellationRequest } from '../../shared/domain/customer-view.ts';
import { requestCancellation } from '../../shared/domain/order-cancellation.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { cancellationRepository } from '../../shared/persistence/cancellations.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import { requestCancellationRoute } from './routes.ts';

/**
 * R16: a customer (its own orders only) or a merchandiser asks to cancel an order. Nothing is cancelled here: the
 * request waits for the decision of the authority the order's amount needs (the order-cancellation workflow, started
 * by CancellationRequested). 409 when the order has ended or another cancellation of it is waiting.
 */
export const handler = httpHandler(requestCancellationRoute, async ({ params, body, principal, idempotency }) => {
  const table = port('table');
  const { order } = await orderRepository(table).get(params.id);
  assertVisible(principal, order);
  const now = port('clock').now();
  const { cancellation, event, history } = requestCancellation(order, body, {
    now: now.toISOString(),
    actor: principal.email,
    newId: port('ids').next,
  });
  const view = actsForCustomerOnly(principal) ? customerCancellationRequest(cancellation) : cancellation;
  const response = versioned(202, view, { location: `/orders/${order.id}/cancellation` });
  await cancellationRepository(table).open(cancellation, { event, history }, now, idempotency(response));
  return response;
});
