import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { port } from '../../shared/runtime.ts';
import { listCustomers } from './routes.ts';

export const handler = httpHandler(listCustomers, async ({ query }) => ({
  status: 200,
  body: await customerRepository(port('table')).list(query),
}));
