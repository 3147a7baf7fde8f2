import { httpHandler } from '../../shared/http/handler.ts';
import { adjustmentRepository } from '../../shared/persistence/adjustments.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { port } from '../../shared/runtime.ts';
import { listAdjustmentsRoute } from './routes.ts';

export const handler = httpHandler(listAdjustmentsRoute, async ({ params }) => {
  const table = port('table');
  const customer = await customerRepository(table).get(params.id);
  const items = await adjustmentRepository(table).forSubject(customer.id, { newestFirst: true });
  return { status: 200, body: { items } };
});
