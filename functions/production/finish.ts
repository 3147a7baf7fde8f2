import { inOrder } from '../../shared/application/reads.ts';
import { finishProduction, seemsMonthly } from '../../shared/domain/fulfilment.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { customerRepository, SettlementChanged, settlementCheck } from '../../shared/persistence/customers.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { retryOnConflict } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { finishProductionRoute } from './routes.ts';

/**
 * A report of fact: a concurrent change to the order is read again; the deliveries it finishes come into being with it.
 * The order and the deliveries finished before are read in one round; the customer's settlement, which decides only
 * whether an order finished unpaid is ready to ship (R9, F7), is taken as the order suggests and checked in the write
 * (A116) — read only when a report that changes nothing would change the status on other terms.
 */
export const handler = httpHandler(finishProductionRoute, async ({ params, body, principal }) => {
  const table = port('table');
  const orders = orderRepository(table);
  const deliveries = deliveryRepository(table);
  // The settlement a refused write found: the next attempt goes by it.
  let known: boolean | undefined;
  return await retryOnConflict(async () => {
    const [{ order }, before] = await inOrder([orders.get(params.id), deliveries.forOrder(params.id)]);
    const finishedBefore = before.map((d) => d.delivery);
    const now = port('clock').now();
    const context = { now: now.toISOString(), actor: principal.email, newId: port('ids').next };
    const decide = (monthly: boolean) => finishProduction(order, body, { finishedBefore, monthly }, context);
    let monthly = known ?? seemsMonthly(order);
    let finished = decide(monthly);
    const settlementDecides = finished?.order.status !== decide(!monthly)?.order.status;
    if (!finished && settlementDecides) {
      monthly = (await customerRepository(table).get(order.customerId)).settlement.type === 'monthly';
      finished = decide(monthly);
    }
    if (!finished) return versioned(200, order);
    const check = settlementDecides ? [settlementCheck(table.name, order.customerId, monthly)] : [];
    await orders
      .commit(
        {
          order: finished.order,
          expectedVersion: order.version,
          events: finished.events,
          history: [{ entry: finished.history, eventId: finished.events[0]?.id ?? port('ids').next() }],
          writes: [...finished.deliveries.map((delivery) => deliveries.created(delivery)), ...check],
        },
        now,
      )
      .catch((error) => {
        if (error instanceof SettlementChanged) known = error.monthly;
        throw error;
      });
    return versioned(200, finished.order);
  });
});
