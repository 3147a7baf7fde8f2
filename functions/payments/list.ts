import { inOrder } from '../../shared/application/reads.ts';
import { customerPayment } from '../../shared/domain/customer-view.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { actsForCustomerOnly } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { paymentRepository } from '../../shared/persistence/payments.ts';
import { port } from '../../shared/runtime.ts';
import { listCustomerPaymentsRoute } from './routes.ts';

export const handler = httpHandler(listCustomerPaymentsRoute, async ({ params, query, principal }) => {
  const table = port('table');
  const ownOnly = actsForCustomerOnly(principal);
  if (ownOnly && principal.customerId !== params.id) throw new NotFound(`Customer ${params.id} does not exist.`);
  // One round: the customer (404 when there is none) and its payments.
  const [, page] = await inOrder([
    customerRepository(table).get(params.id),
    paymentRepository(table).forCustomer(params.id, query),
  ]);
  return { status: 200, body: ownOnly ? { ...page, items: page.items.map(customerPayment) } : page };
});
