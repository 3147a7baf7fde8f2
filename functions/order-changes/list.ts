import { inOrder } from '../../shared/application/reads.ts';
import { customerChangeRequest } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { changeRequestRepository } from '../../shared/persistence/change-requests.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import { listChangeRequestsRoute } from './routes.ts';

export const handler = httpHandler(listChangeRequestsRoute, async ({ params, principal }) => {
  const table = port('table');
  // One round: the order (404 when there is none) and its change requests, shown only once the order is visible.
  const [{ order }, items] = await inOrder([
    orderRepository(table).get(params.id),
    changeRequestRepository(table).forSubject(params.id),
  ]);
  assertVisible(principal, order);
  // A customer's user sees the customer's view: no review findings, no staff.
  return { status: 200, body: { items: actsForCustomerOnly(principal) ? items.map(customerChangeRequest) : items } };
});
