import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NotFound } from '../domain/errors.ts';
import type { TablePort } from '../ports/index.ts';
import type { Product } from '../schemas/product.ts';
import { dataOf, gsi1Page, type Page } from './items.ts';

/** Key design: see docs/data-model.md ("Products"). */
export const productKeys = {
  item: (code: string) => ({ pk: `PRODUCT#${code}`, sk: 'PRODUCT' }),
  list: { gsi1pk: 'PRODUCTS' },
};

export function productRepository(table: TablePort) {
  return {
    /** Adds a product unless one with its code exists; false when it did. */
    async add(product: Product) {
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              ...productKeys.item(product.code),
              entity: 'product',
              ...productKeys.list,
              gsi1sk: product.code,
              ...product,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    async get(code: string) {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: productKeys.item(code) }));
      if (!Item) throw new NotFound(`Product ${code} does not exist.`);
      return dataOf<Product>(Item);
    },

    /** Products by code, a page at a time. */
    list: (page: Page) => gsi1Page<Product>(table, productKeys.list.gsi1pk, page),
  };
}
