import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { productRepository } from '../../shared/persistence/products.ts';
import { port } from '../../shared/runtime.ts';
import { getProduct } from './routes.ts';

export const handler = httpHandler(getProduct, async ({ params }) => {
  const product = await productRepository(port('table')).get(params.code);
  return versioned(200, product);
});
