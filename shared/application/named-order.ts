import { namedInBody, ValidationFailed } from '../domain/errors.ts';
import type { Principal } from '../domain/roles.ts';
import { actsForCustomerOnly, assertVisible } from '../http/access.ts';
import { orderRepository } from '../persistence/orders.ts';
import { port } from '../runtime.ts';

/**
 * The order a request about delivered goods names (a complaint, a return): a customer's own only — another's does not
 * exist, as far as it can tell — and the company's people say whose it is (`customerId`, checked by the domain).
 */
export async function namedOrder(principal: Principal, body: { orderId: string; customerId?: string }, what: string) {
  const { order } = await orderRepository(port('table')).get(body.orderId).catch(namedInBody('orderId', 'an order'));
  assertVisible(principal, order);
  if (!actsForCustomerOnly(principal) && body.customerId === undefined) {
    throw new ValidationFailed([{ field: 'customerId', message: `is required: whose ${what} it is` }]);
  }
  return order;
}
