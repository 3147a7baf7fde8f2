import { sent } from '../../shared/application/reads.ts';
import { linkHash } from '../../shared/domain/approval.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { idName, namedLink, namedLinkParts, numberName } from '../../shared/domain/named-links.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import type { OrderDelivery } from '../../shared/schemas/delivery.ts';

export const receiptLinkPath = (link: string) => `/receipt-links/${link}`;

/**
 * What the e-mailed link carries: the delivery (its order, its number) and its customer beside the secret, so that
 * signing for it reads the link, the delivery, the order and the customer in one round trip (A66).
 */
export const receiptLink = (delivery: Pick<OrderDelivery, 'orderId' | 'delivery' | 'customerId'>, secret: string) =>
  namedLink([delivery.orderId, delivery.delivery, delivery.customerId], secret);

const named = (link: string) => {
  const parts = namedLinkParts(link, [idName('ord'), numberName, idName('cus')]);
  const [orderId, delivery, customerId] = parts?.names ?? [];
  return (
    parts && {
      secret: parts.secret,
      ...(orderId && customerId ? { orderId, delivery: Number(delivery), customerId } : {}),
    }
  );
};

/** The delivery a receipt link stands for; a malformed, unknown, altered or expired link is simply not found. */
export async function deliveryOfLink(link: string) {
  const parts = named(link);
  if (!parts) throw new NotFound('There is no such receipt link.');
  const { secret, orderId, delivery } = parts;
  return await deliveryRepository(port('table')).ofReceiptLink(
    linkHash(secret),
    port('clock').now(),
    orderId ? { orderId, delivery: delivery as number } : undefined,
  );
}

/**
 * Signing from a link: the delivery, and the order and the customer the link names, sent together. The order is the
 * delivery's once the link's item said so; the customer, the order's only if it is (see `customerOf`).
 */
export function receiptLinkReads(link: string) {
  const { orderId, customerId } = named(link) ?? {};
  const table = port('table');
  return {
    delivery: sent(deliveryOfLink(link)),
    order: orderId ? sent(orderRepository(table).get(orderId)) : undefined,
    customer: customerId ? sent(customerRepository(table).get(customerId)) : undefined,
  };
}
