import { inOrder } from '../../shared/application/reads.ts';
import { customerChangeRequest } from '../../shared/domain/customer-view.ts';
import { requestChange } from '../../shared/domain/order-change.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { changeRequestRepository } from '../../shared/persistence/change-requests.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { productRepository } from '../../shared/persistence/products.ts';
import { port } from '../../shared/runtime.ts';
import { requestChangeRoute } from './routes.ts';

export const handler = httpHandler(requestChangeRoute, async ({ params, body, principal, idempotency }) => {
  const table = port('table');
  const { order } = await orderRepository(table).get(params.id);
  assertVisible(principal, order);
  const codes = [...order.lines, ...(body.lines ?? [])].flatMap((line) => [
    ...('productCode' in line ? [line.productCode] : []),
    ...(('components' in line && line.components) || []).map((component) => component.productCode),
  ]);
  // Then one round: the customer and the products of the order's lines and the changed ones. R11 reviews the order
  // as changed, all of it, so both are named by the order: they cannot go with its read.
  const [customer, products] = await inOrder([
    customerRepository(table).get(order.customerId),
    productRepository(table).getMany(codes),
  ]);
  const now = port('clock').now();
  const { changeRequest, event, history } = requestChange(order, body, {
    customer,
    products,
    now: now.toISOString(),
    actor: principal.email,
    newId: port('ids').next,
  });
  // A customer's system is answered with the customer's view (the review findings are the merchandiser's).
  const view = actsForCustomerOnly(principal) ? customerChangeRequest(changeRequest) : changeRequest;
  const response = versioned(201, view, {
    location: `/orders/${order.id}/change-requests/${changeRequest.id}`,
  });
  await changeRequestRepository(table).open(changeRequest, { event, history }, now, idempotency(response));
  return response;
});
