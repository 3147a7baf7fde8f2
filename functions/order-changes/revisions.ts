import { customerRevision } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import { listRevisionsRoute } from './routes.ts';

export const handler = httpHandler(listRevisionsRoute, async ({ params, principal }) => {
  const orders = orderRepository(port('table'));
  const { order } = await orders.get(params.id);
  assertVisible(principal, order);
  const items = await orders.revisions(order.id);
  // A customer's user sees the terms of each revision, not who asked or approved it.
  return { status: 200, body: { items: actsForCustomerOnly(principal) ? items.map(customerRevision) : items } };
});
