import { inOrder } from '../../shared/application/reads.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { termsChangeRepository } from '../../shared/persistence/terms-changes.ts';
import { port } from '../../shared/runtime.ts';
import { listTermsChangesRoute } from './routes.ts';

export const handler = httpHandler(listTermsChangesRoute, async ({ params }) => {
  const table = port('table');
  // One round: the customer (404 when there is none) and its terms changes.
  const [, items] = await inOrder([
    customerRepository(table).get(params.id),
    termsChangeRepository(table).forSubject(params.id, { newestFirst: true }),
  ]);
  return { status: 200, body: { items } };
});
