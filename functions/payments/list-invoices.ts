import { inOrder } from '../../shared/application/reads.ts';
import { assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { ledgerRepository } from '../../shared/persistence/ledger.ts';
import { port } from '../../shared/runtime.ts';
import { listInvoicesRoute } from './routes.ts';

export const handler = httpHandler(listInvoicesRoute, async ({ params, query, principal }) => {
  assertVisible(principal, { id: params.id, customerId: params.id }, 'Customer');
  const table = port('table');
  // One round: the customer (404 when there is none) and its invoices.
  const [, invoices] = await inOrder([
    customerRepository(table).get(params.id),
    ledgerRepository(table).invoices(params.id, query),
  ]);
  return { status: 200, body: invoices };
});
