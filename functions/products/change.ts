import { changeProduct, checkKit } from '../../shared/domain/product.ts';
import { assertUnchanged, expectedVersion, httpHandler, versioned } from '../../shared/http/handler.ts';
import { productRepository } from '../../shared/persistence/products.ts';
import { port } from '../../shared/runtime.ts';
import { changeProductRoute } from './routes.ts';

export const handler = httpHandler(changeProductRoute, async ({ params, body, headers, principal }) => {
  const { version: bodyVersion, ...changes } = body;
  const expected = expectedVersion(headers, bodyVersion);
  const products = productRepository(port('table'));
  const current = await products.get(params.code);
  assertUnchanged(current, expected, `Product ${params.code}`);
  if (changes.kit) {
    checkKit(current.code, changes.kit, new Set((await products.getMany(changes.kit.map((c) => c.code))).keys()));
  }
  const now = port('clock').now();
  const { product, event } = changeProduct(current, changes, {
    now: now.toISOString(),
    actor: principal.email,
    newId: port('ids').next,
  });
  if (event) await products.update(product, expected, event, now);
  return versioned(200, product);
});
