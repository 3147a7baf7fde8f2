import { actsForCustomerOnly, ownCustomer } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import { listOrdersRoute } from './routes.ts';

export const handler = httpHandler(listOrdersRoute, async ({ query, principal }) => {
  const { customer, ...filters } = query;
  const customerId = actsForCustomerOnly(principal) ? ownCustomer(principal) : customer;
  return { status: 200, body: await orderRepository(port('table')).list({ ...filters, customerId }) };
});
