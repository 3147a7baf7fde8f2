import * as z from 'zod';
import { Currency, ListPrice, maxQuantity, pageOf, Timestamp, Version } from './common.ts';

export const ProductCode = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'must be 2–40 capital letters, digits or "-"')
  .meta({ description: 'The company part number, e.g. CZM04 or CHJ01B-800.' });

/** R3: the product-type letter of order numbers (doc 003 §5.1.1.5: S shock absorber, P part, C CKD kit). */
export const ProductType = z.enum(['S', 'P', 'C']).meta({ id: 'ProductType' });
export type ProductType = z.infer<typeof ProductType>;

export const KitComponent = z
  .object({ code: ProductCode, quantity: z.int().min(1).max(1000) })
  .strict()
  .meta({ id: 'KitComponent', description: 'R2: so many of this component per kit.' });

const ProductFields = z.object({
  name: z.string().trim().min(1).max(200),
  spec: z.string().trim().max(200),
  type: ProductType,
  unit: z.string().trim().min(1).max(20),
  prices: z.partialRecord(Currency, ListPrice),
  minimumOrderQuantity: z.int().min(1).max(maxQuantity).meta({ description: 'R8: per part number and order.' }),
  kit: z
    .array(KitComponent)
    .min(1)
    .max(50)
    .refine((kit) => new Set(kit.map((c) => c.code)).size === kit.length, 'lists a component twice')
    .optional()
    .meta({ description: 'R2: bill of materials of a kit.' }),
  active: z.boolean(),
});

export const NewProduct = ProductFields.extend({ code: ProductCode, active: z.boolean().default(true) })
  .strict()
  .meta({ id: 'NewProduct' });

export const ProductChanges = ProductFields.partial()
  .extend({ version: Version.optional() })
  .strict()
  .refine((changes) => Object.keys(changes).some((key) => key !== 'version'), 'must change at least one field')
  .meta({ id: 'ProductChanges', description: 'Fields to change; the code cannot change.' });

export const Product = ProductFields.extend({
  code: ProductCode,
  version: Version,
  createdAt: Timestamp,
  createdBy: z.string(),
  updatedAt: Timestamp,
  updatedBy: z.string(),
}).meta({ id: 'Product' });

export const ProductPage = pageOf(Product, 'ProductPage');

export const ProductCodeParams = z.object({ code: ProductCode });

export type Product = z.infer<typeof Product>;
export type NewProduct = z.infer<typeof NewProduct>;
export type ProductChanges = z.infer<typeof ProductChanges>;
