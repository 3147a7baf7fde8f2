import type { DomainEvent } from '../domain/events.ts';
import type { TablePort } from '../ports/index.ts';
import type { Product } from '../schemas/product.ts';
import { batchGet, dataOf, gsi1Page, itemOrNotFound, type Page } from './items.ts';
import { type Idempotency, putNew, putVersioned, writeAtomically } from './write.ts';

/** Key design: see docs/data-model.md ("Products"). */
export const productKeys = {
  item: (code: string) => ({ pk: `PRODUCT#${code}`, sk: 'PRODUCT' }),
  list: { gsi1pk: 'PRODUCTS' },
};

const itemOf = (product: Product) => ({
  ...productKeys.item(product.code),
  entity: 'product',
  ...productKeys.list,
  gsi1sk: product.code,
  ...product,
});

export function productRepository(table: TablePort) {
  return {
    async create(product: Product, event: DomainEvent, now: Date, idempotency?: Idempotency) {
      await writeAtomically(table, {
        now,
        idempotency,
        events: [event],
        writes: [putNew(table.name, itemOf(product), { field: 'code', message: `Product ${product.code} exists` })],
      });
    },

    async update(product: Product, expectedVersion: number, event: DomainEvent, now: Date) {
      await writeAtomically(table, {
        now,
        events: [event],
        writes: [putVersioned(table.name, itemOf(product), expectedVersion, `Product ${product.code}`)],
      });
    },

    async get(code: string) {
      return await itemOrNotFound<Product>(table, productKeys.item(code), `Product ${code} does not exist.`, {
        consistent: false,
      });
    },

    /** The products among `codes` that exist, by code (BatchGetItem, 100 keys a call). */
    async getMany(codes: Iterable<string>) {
      const items = await batchGet(table, [...new Set(codes)].map(productKeys.item));
      return new Map(items.map((item) => [item.code as string, dataOf<Product>(item)]));
    },

    /** Products by code, a page at a time. */
    list: (page: Page) => gsi1Page<Product>(table, productKeys.list.gsi1pk, page),
  };
}
