import { customerOrder } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly, ownCustomer } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import { listOrdersRoute } from './routes.ts';

/**
 * R42: a page of the order list, or a lookup by our number or the customer's PO number answering every match. A
 * customer's user finds its own orders only: another customer's number is an order that does not exist.
 */
export const handler = httpHandler(listOrdersRoute, async ({ query, principal }) => {
  const { customer, number, po, ...filters } = query;
  const forCustomer = actsForCustomerOnly(principal);
  const customerId = forCustomer ? ownCustomer(principal) : customer;
  const orders = orderRepository(port('table'));
  const page =
    number !== undefined
      ? { items: (await orders.withNumber(number)).filter((order) => !customerId || order.customerId === customerId) }
      : po !== undefined
        ? { items: await orders.withPo(po, customerId) }
        : await orders.list({ ...filters, customerId });
  return { status: 200, body: forCustomer ? { ...page, items: page.items.map(customerOrder) } : page };
});
