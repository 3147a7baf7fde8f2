import { namedCustomer } from '../../shared/application/named-order.ts';
import { sent } from '../../shared/application/reads.ts';
import { receiptReads, recordReceipt } from '../../shared/application/receipts.ts';
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
    // One round of reads by the keys the path names (a customer's user names its customer; the warehouse's receipt
    // reads the order's customer after the order).
    const earlierRead = sent(earlierAttempt(table, idempotency({ status: 200 }), port('clock').now()));
    const orderRead = sent(orderRepository(table).get(params.id));
    const deliveryRead = sent(deliveryRepository(table).get(params.id, params.n));
    const reads = receiptReads(namedCustomer(principal, {}), body);
    const earlier = await earlierRead;
    if (earlier) throw earlier;
    const { order } = await orderRead;
    assertVisible(principal, order);
    const delivery = await deliveryRead;
    return await recordReceipt(
      { order, delivery },
      body,
      principal.email,
      (signed) => {
        const response = versioned(200, deliveryAsSeenBy(principal, signed));
        return { response, idempotency: idempotency(response) };
      },
      reads,
    );
  });
});
