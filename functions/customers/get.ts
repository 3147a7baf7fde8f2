import { NotFound } from '../../shared/domain/errors.ts';
import { actsForCustomerOnly } from '../../shared/http/access.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { port } from '../../shared/runtime.ts';
import { getCustomer } from './routes.ts';

export const handler = httpHandler(getCustomer, async ({ params, principal }) => {
  // A customer's user sees only its own record; to them others do not exist (R42).
  if (actsForCustomerOnly(principal) && principal.customerId !== params.id) {
    throw new NotFound(`Customer ${params.id} does not exist.`);
  }
  return versioned(200, await customerRepository(port('table')).get(params.id));
});
