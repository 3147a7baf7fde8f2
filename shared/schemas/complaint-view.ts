import * as z from 'zod';
import { Money } from './common.ts';
import { Complaint, CustomerComplaint } from './complaint.ts';
import { DeliveryStatus } from './delivery.ts';
import { ReturnStatus } from './return.ts';

/** What a complaint led to: its replacement delivery (R27, F3) and the returns naming it (F5) with their credits. */
export const ComplaintLinks = z
  .object({
    deliveries: z.array(
      z.object({
        orderId: z.string(),
        delivery: z.int().min(1),
        status: DeliveryStatus,
        deliveryNote: z.string().optional(),
      }),
    ),
    returns: z.array(
      z.object({
        id: z.string(),
        number: z.string(),
        status: ReturnStatus,
        credit: z.object({ amount: Money, returnNote: z.string() }).optional(),
      }),
    ),
  })
  .meta({ id: 'ComplaintLinks' });

/** A complaint in one view: as registered, its report and replies, and what it led to. */
export const ComplaintView = Complaint.extend({ linked: ComplaintLinks }).meta({ id: 'ComplaintView' });
export const CustomerComplaintView = CustomerComplaint.extend({ linked: ComplaintLinks }).meta({
  id: 'CustomerComplaintView',
});

export type ComplaintLinks = z.infer<typeof ComplaintLinks>;
