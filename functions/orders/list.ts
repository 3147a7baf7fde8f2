import { customerOrder } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly, ownCustomer } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import { listOrdersRoute } from './routes.ts';

export const handler = httpHandler(listOrdersRoute, async ({ query, principal }) => {
  const { customer, ...filters } = query;
  const forCustomer = actsForCustomerOnly(principal);
  const customerId = forCustomer ? ownCustomer(principal) : customer;
  const page = await orderRepository(port('table')).list({ ...filters, customerId });
  return { status: 200, body: forCustomer ? { ...page, items: page.items.map(customerOrder) } : page };
});
