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
