import { splitOrder } from '../../shared/domain/order-arrangement.ts';
import { assertUnchanged, expectedVersion, httpHandler, versioned } from '../../shared/http/handler.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import { splitOrderRoute } from './routes.ts';

/** R24: the merchandiser splits the order into deliveries (or ships it together again), on the version read. */
export const handler = httpHandler(splitOrderRoute, async ({ params, body, headers, principal }) => {
  const expected = expectedVersion(headers, body.version);
  const orders = orderRepository(port('table'));
  const { order } = await orders.get(params.id);
  assertUnchanged(order, expected, `Order ${order.number}`);
  const now = port('clock').now();
  const split = splitOrder(order, body.deliveries, {
    now: now.toISOString(),
    actor: principal.email,
    newId: port('ids').next,
  });
  if (!split) return versioned(200, order);
  await orders.commit(
    {
      order: split.order,
      expectedVersion: expected,
      events: [split.event],
      history: [{ entry: split.history, eventId: split.event.id }],
    },
    now,
  );
  return versioned(200, split.order);
});
