import * as z from 'zod';

/** R3: destination regions used in order numbers. */
export const Region = z
  .enum(['CN', 'NA', 'LA', 'EU', 'SE', 'AU', 'ME', 'AF', 'UN'])
  .meta({ id: 'Region', description: 'Destination region (R3); UN = unknown.' });

export const Currency = z.enum(['CNY', 'USD', 'EUR', 'GBP', 'HKD', 'AUD', 'JPY']).meta({ id: 'Currency' });

export const Language = z.enum(['zh-CN', 'en']).meta({ id: 'Language' });

export type Region = z.infer<typeof Region>;
export type Currency = z.infer<typeof Currency>;
export type Language = z.infer<typeof Language>;

export const Email = z.email().max(254);

/**
 * The most an amount may be — a line's amount, an order's total, a deposit, a credit, a credit limit: 10^12 in the
 * currency. Far above any order this business takes, and still exact as a number in the currency's minor unit
 * (10^14 cents < 2^53), so totals are stored in DynamoDB, carried as JSON and shown as they were computed.
 */
export const maxAmount = 1_000_000_000_000;
/** The most one unit may cost: ten million in the currency. */
export const maxUnitPrice = 10_000_000;
/** The most of one thing one line may ask for (a line's quantity, a kit component's, a delivery's). */
export const maxQuantity = 10_000_000;

/** An amount of money in the order's currency: at most 4 decimals, at most `maxAmount`. */
export const Money = z
  .number()
  .nonnegative()
  .max(maxAmount)
  .multipleOf(0.0001)
  .meta({ description: `An amount in the currency: 0 to ${maxAmount.toLocaleString('en')}, at most 4 decimals.` });

/** A price per unit: at most 4 decimals (R2: compared to the list price exactly), at most `maxUnitPrice`. */
const price = (base: z.ZodNumber) =>
  base
    .max(maxUnitPrice)
    .multipleOf(0.0001)
    .meta({ description: `A price per unit: up to ${maxUnitPrice.toLocaleString('en')}, at most 4 decimals.` });
/** A price an order is made at (0: given away). */
export const UnitPrice = price(z.number().nonnegative());
/** A product's list price in a currency. */
export const ListPrice = price(z.number().positive());

/** A quantity of pieces. */
export const Quantity = z
  .int()
  .min(1)
  .max(maxQuantity)
  .meta({ description: `A number of pieces: 1 to ${maxQuantity.toLocaleString('en')}.` });

export const Timestamp = z.iso.datetime().meta({ description: 'ISO 8601 date-time, UTC.' });

export const Version = z.int().min(1).meta({ description: 'Optimistic-lock version; send it back in If-Match.' });

export const Cursor = z.string().max(2048).meta({ description: 'Opaque cursor from a previous page (`next`).' });

export const PageQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      next: Cursor.optional().meta({ description: 'Absent on the last page.' }),
    })
    .meta({ id });
}

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'One entry per invalid field, with its path.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

/**
 * What API Gateway answers by itself, before any handler: the JWT authorizer's 401, a route it does not know, an
 * integration that failed. Not problem details: API Gateway's own shape, the same offline.
 */
export const GatewayMessage = z
  .object({ message: z.string() })
  .meta({ id: 'GatewayMessage', description: 'API Gateway\'s own answer, e.g. {"message":"Unauthorized"}.' });

/** R15: one field's value before and after; a field that was not set before (or is removed) has no value there. */
export const FieldChange = z.object({
  field: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export type FieldChange = z.infer<typeof FieldChange>;
