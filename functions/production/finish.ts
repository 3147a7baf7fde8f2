import { finishProduction } from '../../shared/domain/fulfilment.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { retryOnConflict } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { finishProductionRoute } from './routes.ts';

/** A report of fact: a concurrent change to the order is read again; the deliveries it finishes come into being with it. */
export const handler = httpHandler(finishProductionRoute, async ({ params, body, principal }) => {
  const table = port('table');
  const orders = orderRepository(table);
  const deliveries = deliveryRepository(table);
  return await retryOnConflict(async () => {
    const { order } = await orders.get(params.id);
    const customer = await customerRepository(table).get(order.customerId);
    const finishedBefore = (await deliveries.forOrder(order.id)).map((d) => d.delivery);
    const now = port('clock').now();
    const finished = finishProduction(
      order,
      body,
      { finishedBefore, monthly: customer.settlement.type === 'monthly' },
      { now: now.toISOString(), actor: principal.email, newId: port('ids').next },
    );
    if (!finished) return versioned(200, order);
    await orders.commit(
      {
        order: finished.order,
        expectedVersion: order.version,
        events: finished.events,
        history: [{ entry: finished.history, eventId: finished.events[0]?.id ?? port('ids').next() }],
        writes: finished.deliveries.map((delivery) => deliveries.created(delivery)),
      },
      now,
    );
    return versioned(200, finished.order);
  });
});
