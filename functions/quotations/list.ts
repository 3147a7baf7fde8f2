import { customerQuotation } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { quotationRepository } from '../../shared/persistence/quotations.ts';
import { port } from '../../shared/runtime.ts';
import { listQuotationsRoute } from './routes.ts';

/** The quotations; a customer's user reads its own approved ones only, whatever customer or status it asks for. */
export const handler = httpHandler(listQuotationsRoute, async ({ query, principal }) => {
  const ownOnly = actsForCustomerOnly(principal);
  const page = await quotationRepository(port('table')).list({
    ...query,
    ...(ownOnly ? { customer: principal.customerId, status: 'approved' } : {}),
  });
  return { status: 200, body: ownOnly ? { ...page, items: page.items.map(customerQuotation) } : page };
});
