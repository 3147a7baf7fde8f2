import { namedInBody, ValidationFailed } from '../domain/errors.ts';
import type { Principal } from '../domain/roles.ts';
import { actsForCustomerOnly, assertVisible } from '../http/access.ts';
import { customerRepository } from '../persistence/customers.ts';
import { orderRepository } from '../persistence/orders.ts';
import { port } from '../runtime.ts';
import type { Customer } from '../schemas/customer.ts';
import type { Order } from '../schemas/order.ts';
import { sent } from './reads.ts';

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

/**
 * The customer such a request names — a customer's user its own, the company's people `customerId` — sent now, with
 * the order's read (the order, which says whose it is, is not waited for).
 */
export function namedCustomer(principal: Principal, body: { customerId?: string }) {
  const id = actsForCustomerOnly(principal) ? principal.customerId : body.customerId;
  return id ? sent(customerRepository(port('table')).get(id)) : undefined;
}

/** The order's customer: the one the request named, else read now (naming another fails the domain's check). */
export async function customerOf(order: Order, named: Promise<Customer> | undefined) {
  const customer = await named?.catch(() => undefined);
  return customer?.id === order.customerId ? customer : await customerRepository(port('table')).get(order.customerId);
}
