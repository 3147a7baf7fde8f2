import { orderParties } from '../../shared/application/people.ts';
import { customerDelivery } from '../../shared/domain/customer-view.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { formQuantities, orderMoved, signedFor } from '../../shared/domain/shipping.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { earlierAttempt, retryOnConflict } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { signForDeliveryRoute } from './routes.ts';

/**
 * R23: the delivery signed for — by the customer's user, or the warehouse filing the signed receipt (回单). The
 * receipt, the order's delivered quantities and status (closed once everything is delivered and paid) and the event
 * that ends the shipping workflow's wait are one write.
 */
export const handler = httpHandler(signForDeliveryRoute, async ({ params, body, principal, idempotency }) => {
  const table = port('table');
  const orders = orderRepository(table);
  const deliveries = deliveryRepository(table);
  return retryOnConflict(async () => {
    const now = port('clock').now();
    const earlier = await earlierAttempt(table, idempotency({ status: 200 }), now);
    if (earlier) throw earlier;
    const { order } = await orders.get(params.id);
    assertVisible(principal, order);
    const delivery = await deliveries.get(order.id, params.n);
    const context = { now: now.toISOString(), actor: principal.email, newId: port('ids').next };
    const signed = signedFor(delivery, body, principal.email, context.now);
    const customer = await customerRepository(table).get(order.customerId);
    const quantities = delivery.stockPrepForm ? formQuantities(delivery.stockPrepForm) : delivery.lines;
    const moved = orderMoved(order, 'delivered', quantities, customer.settlement.type === 'monthly', context);
    const event = domainEvent(
      'DeliverySignedFor',
      { kind: 'order', id: order.id },
      {
        order: moved.order,
        delivery: delivery.delivery,
        parties: await orderParties(customer),
        receipt: signed.receipt as NonNullable<typeof signed.receipt>,
      },
      context,
    );
    const body200 = actsForCustomerOnly(principal) ? customerDelivery(signed) : signed;
    const response = versioned(200, body200);
    await orders.commit(
      {
        order: moved.order,
        expectedVersion: order.version,
        events: [event],
        history: [
          {
            entry: {
              at: context.now,
              actor: context.actor,
              action: 'delivery signed for',
              changes: moved.changes,
              note: `R23: delivery ${delivery.delivery}: ${body.condition}, signed by ${body.signedBy} on ${body.signedOn}${body.note ? ` — ${body.note}` : ''}`,
            },
            eventId: event.id,
          },
        ],
        writes: [deliveries.saved(signed, delivery.version)],
      },
      now,
      idempotency(response),
    );
    return response;
  });
});
