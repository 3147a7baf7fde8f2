import { Forbidden, NotFound } from '../domain/errors.ts';
import type { Principal } from '../domain/roles.ts';

/** A user with only the customer role acts for its own customer alone (R42: access by role). */
export const actsForCustomerOnly = (principal: Principal) => principal.roles.every((role) => role === 'customer');

export function ownCustomer(principal: Principal) {
  if (!principal.customerId) throw new Forbidden('This token belongs to no customer.');
  return principal.customerId;
}

/** Another customer's order (complaint, delivery note…) does not exist, as far as a customer can tell. */
export function assertVisible(principal: Principal, item: { id: string; customerId: string }, what = 'Order') {
  if (actsForCustomerOnly(principal) && principal.customerId !== item.customerId) {
    throw new NotFound(`${what} ${item.id} does not exist.`);
  }
}
