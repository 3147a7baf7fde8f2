import { deliveryAsSeenBy } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { port } from '../../shared/runtime.ts';
import { listDeliveriesRoute } from './routes.ts';

export const handler = httpHandler(listDeliveriesRoute, async ({ query, principal }) => {
  const page = await deliveryRepository(port('table')).list(query);
  const items = page.items.map((delivery) => deliveryAsSeenBy(principal, delivery));
  return { status: 200, body: page.next ? { items, next: page.next } : { items } };
});
