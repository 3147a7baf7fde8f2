import { assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import { listRevisionsRoute } from './routes.ts';

export const handler = httpHandler(listRevisionsRoute, async ({ params, principal }) => {
  const orders = orderRepository(port('table'));
  const { order } = await orders.get(params.id);
  assertVisible(principal, order);
  return { status: 200, body: { items: await orders.revisions(order.id) } };
});
