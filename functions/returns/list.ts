import { customerReturn } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { returnRepository } from '../../shared/persistence/returns.ts';
import { port } from '../../shared/runtime.ts';
import { listReturnsRoute } from './routes.ts';

/** The return register; a customer's user reads its own only, whatever customer it asks for. */
export const handler = httpHandler(listReturnsRoute, async ({ query, principal }) => {
  const ownOnly = actsForCustomerOnly(principal);
  const page = await returnRepository(port('table')).list({
    ...query,
    ...(ownOnly ? { customer: principal.customerId } : {}),
  });
  return { status: 200, body: ownOnly ? { ...page, items: page.items.map(customerReturn) } : page };
});
