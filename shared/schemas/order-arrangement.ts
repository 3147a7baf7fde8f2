import * as z from 'zod';
import { Version } from './common.ts';

const OrderId = z.string().regex(/^ord_[0-9A-Z]{26}$/, 'is not an order id');

/** R24: one shipment as the merchandiser plans it; the server numbers the deliveries 1..n in the order sent. */
export const PlannedDelivery = z
  .object({
    requestedDate: z.iso.date(),
    lines: z
      .array(z.object({ line: z.int().min(1).max(10_000), quantity: z.int().min(1).max(10_000_000) }).strict())
      .max(200)
      .meta({ description: 'How much of each order line this delivery carries; a line at most once.' }),
  })
  .strict()
  .meta({ id: 'PlannedDelivery' });

/**
 * R24: the order's lines split into 2–20 deliveries, every line allocated exactly its quantity; `[]` ships
 * everything together again.
 */
export const SplitRequest = z
  .object({
    deliveries: z.array(PlannedDelivery).max(20),
    version: Version.optional().meta({ description: 'The version you read, unless sent as If-Match.' }),
  })
  .strict()
  .meta({ id: 'SplitRequest' });

/** R24: merge another order of the same customer into this one (this order survives; the other ends `merged`). */
export const MergeRequest = z
  .object({
    orderId: OrderId.meta({ description: 'The order to merge into this one; it ends as `merged`.' }),
    version: Version.optional().meta({ description: "This order's version, unless sent as If-Match." }),
    otherVersion: Version.meta({ description: 'The version of `orderId` you read.' }),
  })
  .strict()
  .meta({ id: 'MergeRequest' });

export type PlannedDelivery = z.infer<typeof PlannedDelivery>;
export type SplitRequest = z.infer<typeof SplitRequest>;
export type MergeRequest = z.infer<typeof MergeRequest>;
