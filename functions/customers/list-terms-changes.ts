import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { termsChangeRepository } from '../../shared/persistence/terms-changes.ts';
import { port } from '../../shared/runtime.ts';
import { listTermsChangesRoute } from './routes.ts';

export const handler = httpHandler(listTermsChangesRoute, async ({ params }) => {
  const table = port('table');
  const customer = await customerRepository(table).get(params.id);
  const items = await termsChangeRepository(table).forSubject(customer.id, { newestFirst: true });
  return { status: 200, body: { items } };
});
