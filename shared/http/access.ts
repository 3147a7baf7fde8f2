import { customerDelivery } from '../domain/customer-view.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import type { Principal } from '../domain/roles.ts';
import { warehouseDelivery } from '../domain/warehouse-view.ts';
import type { OrderDelivery } from '../schemas/delivery.ts';

/** A user with only the customer role acts for its own customer alone (R42: access by role). */
export const actsForCustomerOnly = (principal: Principal) => principal.roles.every((role) => role === 'customer');

/** A user whose only role is the warehouse's reads deliveries and stock-prep forms without prices (R42). */
export const actsForWarehouseOnly = (principal: Principal) => principal.roles.every((role) => role === 'warehouse');

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

/** A delivery as the caller reads it (R42): its customer's view, the warehouse's without prices, or all of it. */
export function deliveryAsSeenBy(principal: Principal, delivery: OrderDelivery) {
  if (actsForCustomerOnly(principal)) return customerDelivery(delivery);
  return actsForWarehouseOnly(principal) ? warehouseDelivery(delivery) : delivery;
}
