import { httpHandler } from '../../shared/http/handler.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { port } from '../../shared/runtime.ts';
import { listDeliveriesRoute } from './routes.ts';

export const handler = httpHandler(listDeliveriesRoute, async ({ query }) => {
  const page = await deliveryRepository(port('table')).list(query);
  return { status: 200, body: page.next ? page : { items: page.items } };
});
