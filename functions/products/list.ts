import { httpHandler } from '../../shared/http/handler.ts';
import { productRepository } from '../../shared/persistence/products.ts';
import { port } from '../../shared/runtime.ts';
import { listProducts } from './routes.ts';

export const handler = httpHandler(listProducts, async ({ query }) => ({
  status: 200,
  body: await productRepository(port('table')).list(query),
}));
