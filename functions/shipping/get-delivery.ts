import { assertVisible, deliveryAsSeenBy } from '../../shared/http/access.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { port } from '../../shared/runtime.ts';
import { getDeliveryRoute } from './routes.ts';

export const handler = httpHandler(getDeliveryRoute, async ({ params, principal }) => {
  const delivery = await deliveryRepository(port('table')).get(params.id, params.n);
  assertVisible(principal, { id: params.id, customerId: delivery.customerId });
  return versioned(200, deliveryAsSeenBy(principal, delivery));
});
