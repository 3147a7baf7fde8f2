import { httpHandler } from '../../shared/http/handler.ts';
import { returnRepository } from '../../shared/persistence/returns.ts';
import { port } from '../../shared/runtime.ts';
import { listReturnArrivalsRoute } from './routes.ts';

export const handler = httpHandler(listReturnArrivalsRoute, async ({ query }) => ({
  status: 200,
  body: await returnRepository(port('table')).heldArrivals(query),
}));
