import { Forbidden, NotFound } from '../domain/errors.ts';
import type { Principal } from '../domain/roles.ts';

/** A user with only the customer role acts for its own customer alone (R42: access by role). */
export const actsForCustomerOnly = (principal: Principal) => principal.roles.every((role) => role === 'customer');

export function ownCustomer(principal: Principal) {
  if (!principal.customerId) throw new Forbidden('This token belongs to no customer.');
  return principal.customerId;
}

/** Another customer's order does not exist, as far as a customer can tell. */
export function assertVisible(principal: Principal, order: { id: string; customerId: string }) {
  if (actsForCustomerOnly(principal) && principal.customerId !== order.customerId) {
    throw new NotFound(`Order ${order.id} does not exist.`);
  }
}
