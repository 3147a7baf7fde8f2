import { inOrder } from '../../shared/application/reads.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { adjustmentRepository } from '../../shared/persistence/adjustments.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { port } from '../../shared/runtime.ts';
import { listAdjustmentsRoute } from './routes.ts';

export const handler = httpHandler(listAdjustmentsRoute, async ({ params }) => {
  const table = port('table');
  // One round: the customer (404 when there is none) and its adjustments.
  const [, items] = await inOrder([
    customerRepository(table).get(params.id),
    adjustmentRepository(table).forSubject(params.id, { newestFirst: true }),
  ]);
  return { status: 200, body: { items } };
});
