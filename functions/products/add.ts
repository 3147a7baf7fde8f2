import { addProduct, checkKit } from '../../shared/domain/product.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { productRepository } from '../../shared/persistence/products.ts';
import { port } from '../../shared/runtime.ts';
import { addProductRoute } from './routes.ts';

export const handler = httpHandler(addProductRoute, async ({ body, principal, idempotency }) => {
  const products = productRepository(port('table'));
  if (body.kit) checkKit(body.code, body.kit, new Set((await products.getMany(body.kit.map((c) => c.code))).keys()));
  const now = port('clock').now();
  const { product, event } = addProduct(body, {
    now: now.toISOString(),
    actor: principal.email,
    newId: port('ids').next,
  });
  const response = versioned(201, product, { location: `/products/${product.code}` });
  await products.create(product, event, now, idempotency(response));
  return response;
});
