import { inOrder } from '../../shared/application/reads.ts';
import { customerRevision } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import { listRevisionsRoute } from './routes.ts';

export const handler = httpHandler(listRevisionsRoute, async ({ params, principal }) => {
  const orders = orderRepository(port('table'));
  // One round: the order (404 when there is none) and its revisions, shown only once the order is visible.
  const [{ order }, items] = await inOrder([orders.get(params.id), orders.revisions(params.id)]);
  assertVisible(principal, order);
  // A customer's user sees the terms of each revision, not who asked or approved it.
  return { status: 200, body: { items: actsForCustomerOnly(principal) ? items.map(customerRevision) : items } };
});
