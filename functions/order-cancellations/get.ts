import { inOrder } from '../../shared/application/reads.ts';
import { customerCancellationRequest } from '../../shared/domain/customer-view.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { cancellationRepository } from '../../shared/persistence/cancellations.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import { getCancellationRoute } from './routes.ts';

/** R16: the order's latest cancellation request — waiting, approved, refused (with the reason) or lapsed. */
export const handler = httpHandler(getCancellationRoute, async ({ params, principal }) => {
  const table = port('table');
  // One round: the order (404 when there is none) and its latest cancellation request, shown once the order is visible.
  const [{ order }, cancellation] = await inOrder([
    orderRepository(table).get(params.id),
    cancellationRepository(table).latest(params.id),
  ]);
  assertVisible(principal, order);
  if (!cancellation) throw new NotFound(`Order ${order.number} has no cancellation request.`);
  // A customer's user sees the customer's view: not who decided inside, nor whose authority it needed.
  return versioned(200, actsForCustomerOnly(principal) ? customerCancellationRequest(cancellation) : cancellation);
});
