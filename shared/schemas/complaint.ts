import * as z from 'zod';
import { Email, pageOf, Quantity, Timestamp } from './common.ts';
import { CustomerIdParams, registerQuery } from './customer.ts';
import { ReceiptCondition } from './delivery.ts';
import { Weight } from './documents.ts';
import { maxOrderLines, OrderIdParams } from './order.ts';

/** F4: what is wrong with goods a customer received (R25, R28). */
export const ComplaintKind = z
  .enum(['quality', 'short_shipment', 'wrong_goods', 'damage', 'late'])
  .meta({ id: 'ComplaintKind' });

/** R27: what the customer asks for; the reply may settle on another resolution. */
export const ComplaintDemand = z
  .enum(['explanation', 'rework', 'replacement', 'credit', 'return'])
  .meta({ id: 'ComplaintDemand' });

/** A line of the delivery the complaint is about, with how many are affected. */
export const ComplaintLine = z
  .object({
    line: z.int().min(1),
    quantity: Quantity,
    /** What is wrong with this line, if more than the complaint says. */
    note: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .meta({ id: 'ComplaintLine' });

export const ComplaintContact = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: Email.optional(),
    phone: z.string().trim().min(1).max(40).optional(),
  })
  .strict()
  .meta({ id: 'ComplaintContact' });

/** R25, R29: a complaint as the customer's system or the merchandiser registers it. */
export const NewComplaint = z
  .object({
    /** The customer's own: implied for a customer's user; required of the staff. */
    customerId: CustomerIdParams.shape.id.optional(),
    orderId: OrderIdParams.shape.id,
    /** The delivery of the order the goods came with (1 when it shipped in one). */
    delivery: z.int().min(1).max(99),
    kind: ComplaintKind,
    lines: z.array(ComplaintLine).min(1).max(maxOrderLines),
    description: z.string().trim().min(1).max(2000),
    demand: ComplaintDemand,
    contact: ComplaintContact,
    /** R28: for a short shipment, the weight the customer received, to compare with the weight shipped. */
    receivedWeight: Weight.optional(),
  })
  .strict()
  .meta({ id: 'NewComplaint' });

/** R29: the register: registered, then the report, the leader's signature, QA's analysis, the reply (R25–R27). */
export const ComplaintStatus = z
  .enum(['registered', 'awaiting_weight', 'report', 'leader_review', 'qa_analysis', 'reply', 'answered', 'closed'])
  .meta({ id: 'ComplaintStatus' });

/** R28: the weight the customer received against the gross weight shipped, in kilograms. */
export const WeightCheck = z
  .object({ shipped: Weight.optional(), received: Weight, difference: z.number().optional() })
  .meta({ id: 'WeightCheck' });

export const Complaint = z
  .object({
    id: z.string(),
    /** CP, the month registered, its place in the month (CP2026120001). */
    number: z.string(),
    customerId: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    delivery: z.int().min(1),
    deliveryNote: z.string().optional(),
    kind: ComplaintKind,
    lines: z.array(ComplaintLine.extend({ productCode: z.string(), name: z.string(), shipped: Quantity })),
    description: z.string(),
    demand: ComplaintDemand,
    contact: ComplaintContact,
    /** R28: a short shipment's gross weight shipped (its delivery's shipment), kept to weigh what arrived against. */
    shippedWeight: Weight.optional(),
    weight: WeightCheck.optional(),
    status: ComplaintStatus,
    /** R25–R26: the merchandiser's report, signed by the leader. */
    report: z
      .object({
        description: z.string(),
        evidence: z.string(),
        customerDemand: ComplaintDemand,
        writtenBy: z.string(),
        writtenAt: Timestamp,
        signedBy: z.string().optional(),
        signedAt: Timestamp.optional(),
      })
      .optional(),
    /** R26: QA's analysis (8D): the cause, who caused it, containment, corrective and preventive actions. */
    analysis: z
      .object({
        rootCause: z.string(),
        causedBy: z.enum(['company', 'customer', 'carrier']),
        containment: z.string(),
        corrective: z.string(),
        preventive: z.string(),
        by: z.string(),
        at: Timestamp,
      })
      .optional(),
    /** R27: the written reply to the customer, with the resolution. */
    reply: z.object({ resolution: ComplaintDemand, text: z.string(), by: z.string(), at: Timestamp }).optional(),
    /** Why the report came back to the merchandiser (the leader or QA), if it did. */
    returned: z.object({ by: z.string(), reason: z.string(), at: Timestamp }).optional(),
    /** The approval whose decision the workflow recorded last: a retried step records it once. */
    lastDecision: z.object({ approvalId: z.string(), next: z.string() }).optional(),
    /** R23 → F4: opened by the customer's receipt signed damaged or short (the delivery's), not registered by hand. */
    openedBy: z
      .object({
        receipt: z.object({
          condition: ReceiptCondition.exclude(['complete']),
          signedBy: z.string(),
          signedOn: z.iso.date(),
        }),
      })
      .optional(),
    /** R27: the replacement delivery the reply settled on, shipped through F3 (the order's delivery number). */
    replacement: z.object({ orderId: z.string(), delivery: z.int().min(1) }).optional(),
    /** R29: the last day the overdue check reminded its owner and told the leader (once a day at most). */
    overdueNoticedOn: z.iso.date().optional(),
    /** R29: who follows it (the account's merchandiser) and by when the customer has the reply. */
    owner: z.string(),
    dueOn: z.iso.date(),
    registeredBy: z.string(),
    registeredAt: Timestamp,
    version: z.int().min(1),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Complaint' });

export type NewComplaint = z.infer<typeof NewComplaint>;
export type Complaint = z.infer<typeof Complaint>;
export type ComplaintKind = z.infer<typeof ComplaintKind>;

/** What the complaint's events carry: the register's entry, its lines by code and quantity (never the whole order). */
export const ComplaintSummary = Complaint.pick({
  id: true,
  number: true,
  orderNumber: true,
  delivery: true,
  deliveryNote: true,
  kind: true,
  description: true,
  demand: true,
  contact: true,
  weight: true,
  status: true,
  owner: true,
  dueOn: true,
}).extend({
  lines: z.array(z.object({ line: z.int(), productCode: z.string(), quantity: Quantity })),
  /** When it was registered (R43's handling time); absent on events recorded before it was carried. */
  registeredAt: Timestamp.optional(),
});

export const ComplaintQuery = registerQuery(ComplaintStatus);

/** R28: the weight of the goods the customer received, in kilograms. */
export const ComplaintWeight = z.object({ receivedWeight: Weight }).strict().meta({ id: 'ComplaintWeight' });

export const ComplaintParams = z.object({ id: z.string().regex(/^cmp_[0-9A-Z]{26}$/, 'is not a complaint id') });
export const ComplaintPage = pageOf(Complaint, 'ComplaintPage');

/** What a customer's user reads of its own complaints: not who inside the company follows or registered them. */
export const CustomerComplaint = Complaint.omit({
  owner: true,
  registeredBy: true,
  report: true,
  analysis: true,
  returned: true,
  lastDecision: true,
  overdueNoticedOn: true,
})
  .extend({ reply: z.object({ resolution: ComplaintDemand, text: z.string(), at: Timestamp }).optional() })
  .meta({ id: 'CustomerComplaint' });
export const CustomerComplaintPage = pageOf(CustomerComplaint, 'CustomerComplaintPage');

export type ComplaintSummary = z.infer<typeof ComplaintSummary>;
export type CustomerComplaint = z.infer<typeof CustomerComplaint>;
