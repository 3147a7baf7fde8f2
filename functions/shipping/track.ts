import { tracked } from '../../shared/domain/shipping.ts';
import { deliveryAsSeenBy } from '../../shared/http/access.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { historyWrite } from '../../shared/persistence/orders.ts';
import { retryOnConflict, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { trackDeliveryRoute } from './routes.ts';

/** R23: the carrier's progress, recorded in order; the same stage reported again changes nothing. */
export const handler = httpHandler(trackDeliveryRoute, async ({ params, body, principal }) => {
  const table = port('table');
  const deliveries = deliveryRepository(table);
  return retryOnConflict(async () => {
    const now = port('clock').now();
    const delivery = await deliveries.get(params.id, params.n);
    const moved = tracked(delivery, body, principal.email, now.toISOString());
    if (!moved) return versioned(200, delivery);
    const entry = {
      at: now.toISOString(),
      actor: principal.email,
      action: 'delivery tracked',
      note: `R23: delivery ${delivery.delivery} ${body.stage.replace('_', ' ')}${body.note ? ` — ${body.note}` : ''}`,
    };
    await writeAtomically(table, {
      now,
      events: [],
      writes: [
        deliveries.saved(moved, delivery.version),
        historyWrite(table.name, params.id, entry, port('ids').next()),
      ],
    });
    return versioned(200, deliveryAsSeenBy(principal, moved));
  });
});
