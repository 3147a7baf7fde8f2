import { customerComplaint } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { complaintRepository } from '../../shared/persistence/complaints.ts';
import { port } from '../../shared/runtime.ts';
import { listComplaintsRoute } from './routes.ts';

/** R29: the register; a customer's user reads its own only, whatever customer it asks for. */
export const handler = httpHandler(listComplaintsRoute, async ({ query, principal }) => {
  const ownOnly = actsForCustomerOnly(principal);
  const page = await complaintRepository(port('table')).list({
    ...query,
    ...(ownOnly ? { customer: principal.customerId } : {}),
  });
  return { status: 200, body: ownOnly ? { ...page, items: page.items.map(customerComplaint) } : page };
});
