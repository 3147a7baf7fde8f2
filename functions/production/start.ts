import { startProduction } from '../../shared/domain/production.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { retryOnConflict } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { startProductionRoute } from './routes.ts';

/** A report of fact, not an edit of what the caller read: a concurrent change to the order is read again. */
export const handler = httpHandler(startProductionRoute, async ({ params, body, principal }) => {
  const orders = orderRepository(port('table'));
  return await retryOnConflict(async () => {
    const { order } = await orders.get(params.id);
    const now = port('clock').now();
    const started = startProduction(order, body.lines, {
      now: now.toISOString(),
      actor: principal.email,
      newId: port('ids').next,
    });
    if (!started) return versioned(200, order);
    await orders.move(started.order, order.version, started.event, started.history, now);
    return versioned(200, started.order);
  });
});
