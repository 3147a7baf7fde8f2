import { recordReceipt } from '../../shared/application/receipts.ts';
import { assertVisible, deliveryAsSeenBy } from '../../shared/http/access.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { earlierAttempt, retryOnConflict } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { signForDeliveryRoute } from './routes.ts';

/** R23: the delivery signed for by the customer's user, or the warehouse filing the signed receipt (回单). */
export const handler = httpHandler(signForDeliveryRoute, async ({ params, body, principal, idempotency }) => {
  const table = port('table');
  return retryOnConflict(async () => {
    const earlier = await earlierAttempt(table, idempotency({ status: 200 }), port('clock').now());
    if (earlier) throw earlier;
    const { order } = await orderRepository(table).get(params.id);
    assertVisible(principal, order);
    const delivery = await deliveryRepository(table).get(order.id, params.n);
    return await recordReceipt({ order, delivery }, body, principal.email, (signed) => {
      const response = versioned(200, deliveryAsSeenBy(principal, signed));
      return { response, idempotency: idempotency(response) };
    });
  });
});
