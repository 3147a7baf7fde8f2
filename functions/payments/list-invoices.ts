import { assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { ledgerRepository } from '../../shared/persistence/ledger.ts';
import { port } from '../../shared/runtime.ts';
import { listInvoicesRoute } from './routes.ts';

export const handler = httpHandler(listInvoicesRoute, async ({ params, query, principal }) => {
  assertVisible(principal, { id: params.id, customerId: params.id }, 'Customer');
  const customer = await customerRepository(port('table')).get(params.id);
  return { status: 200, body: await ledgerRepository(port('table')).invoices(customer.id, query) };
});
