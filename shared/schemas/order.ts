import * as z from 'zod';
import { parseOrderNumber } from '../domain/order-number.ts';
import { Currency, Cursor, Email, FieldChange, Money, Quantity, UnitPrice } from './common.ts';
import { Address } from './customer.ts';
import { ProductCode, ProductType } from './product.ts';

/** The path parameters naming one order. */
export const OrderIdParams = z.object({ id: z.string().regex(/^ord_[0-9A-Z]{26}$/, 'is not an order id') });

/** R1: how the written order reached us. */
export const Channel = z.enum(['email', 'fax', 'platform', 'counter', 'phone']).meta({ id: 'Channel' });

/** Re-exported where the order's schemas have always offered it. */
export { Money, UnitPrice };

/** A kit component as the customer wrote it on a kit line (R2: checked against the kit's bill of materials). */
export const WrittenComponent = z
  .object({ productCode: ProductCode, quantity: z.int().min(1).max(10_000_000) })
  .strict()
  .meta({ id: 'WrittenComponent' });

export const NewOrderLine = z
  .object({
    productCode: ProductCode,
    /** The product's name as the customer wrote it (R2: checked against the code). */
    description: z.string().trim().min(1).max(200),
    quantity: Quantity,
    /** The price the customer quoted, if any (R2: checked against the list price). */
    unitPrice: UnitPrice.optional(),
    /** For a kit line: its components with the quantities the customer wrote. */
    components: z.array(WrittenComponent).max(50).optional(),
  })
  .strict()
  .meta({ id: 'NewOrderLine' });

export const DeliveryContact = z
  .object({
    name: z.string().trim().min(1).max(100),
    phone: z.string().trim().max(40).optional(),
    email: Email.optional(),
  })
  .strict()
  .meta({ id: 'DeliveryContact' });

/** The most lines one order may have: as placed, after a change (R11) and after a merge (R24). */
export const maxOrderLines = 200;

export const NewOrder = z
  .object({
    /** Required for staff; a customer's user orders for its own customer. */
    customerId: z.string().optional(),
    poNumber: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .meta({ description: "The customer's own PO number (kept beside ours)." }),
    channel: Channel,
    lines: z.array(NewOrderLine).min(1).max(maxOrderLines),
    requestedDate: z.iso.date(),
    deliveryAddress: Address.optional(),
    deliveryContact: DeliveryContact.optional(),
    notes: z.string().trim().max(2000).optional(),
    /** R2: an order copied from an earlier one is compared with it line by line. */
    copiedFrom: z.string().optional(),
  })
  .strict()
  .meta({ id: 'NewOrder' });

/** A review finding (R2, R8): blocking findings reject the order; the others need a reviewer's eye. */
export const Finding = z
  .object({
    code: z.enum([
      'unknown-product',
      'inactive-product',
      'name-mismatch',
      'kit-quantity-mismatch',
      'kit-component-missing',
      'kit-component-unexpected',
      'below-minimum-quantity',
      'price-differs',
      'special-price',
      'quoted-price',
      'no-price-in-currency',
      'duplicate-line',
      'differs-from-copied-order',
      'missing-delivery-address',
      'missing-delivery-contact',
    ]),
    /**
     * blocking: to correct with the customer (R2); review: for the merchandiser to check; approval: the merchandiser
     * cannot accept it alone (R37: a special price goes to the general manager or the deputy GM).
     */
    severity: z.enum(['blocking', 'review', 'approval']),
    /** 1-based line number, when the finding is about one line. */
    line: z.int().min(1).optional(),
    /** In the customer's language (its first contact's). */
    message: z.string(),
    /** The message in the other language (zh-CN ↔ en): the staff's pages show both. */
    translation: z.string().optional(),
  })
  .meta({ id: 'Finding' });

export const OrderLine = NewOrderLine.extend({
  line: z.int().min(1),
  productName: z.string().optional(),
  productType: ProductType.optional(),
  listPrice: UnitPrice.optional(),
  /** The price the order is made at: the quoted one if given, else the list price. */
  unitPrice: UnitPrice.optional(),
  amount: Money.optional(),
  /** R12: when production reported this line started; from then on the line can no longer change. */
  productionStartedAt: z.iso.datetime().optional(),
  /** F3: how much of the line production reported finished, shipped and signed for by the customer (absent: none). */
  finished: z.int().min(0).optional(),
  shipped: z.int().min(0).optional(),
  delivered: z.int().min(0).optional(),
}).meta({ id: 'OrderLine' });

export type NewOrder = z.infer<typeof NewOrder>;
export type NewOrderLine = z.infer<typeof NewOrderLine>;
export type Finding = z.infer<typeof Finding>;
export type OrderLine = z.infer<typeof OrderLine>;

/**
 * Where an order stands: intake (F1), then production and shipping (F3) — finished (everything made), ready to ship
 * (and nothing left to pay before it may: paid in full, or a customer on monthly settlement), partly shipped, shipped,
 * delivered (everything signed for), closed (delivered and paid). `rejected`, `cancelled` (R16), `merged` into another
 * order (R24) and `closed` end it.
 */
export const OrderStatus = z
  .enum([
    'in_review',
    'planning',
    'awaiting_promise',
    'acknowledged',
    'awaiting_deposit',
    'in_production',
    'finished',
    'ready_to_ship',
    'partly_shipped',
    'shipped',
    'delivered',
    'closed',
    'rejected',
    'cancelled',
    'merged',
  ])
  .meta({ id: 'OrderStatus' });

/** R24: one of the shipments an order's lines are split into, with how much of each line it carries. */
export const Delivery = z
  .object({
    delivery: z.int().min(1),
    requestedDate: z.iso.date(),
    lines: z
      .array(z.object({ line: z.int().min(1), quantity: Quantity }).strict())
      .min(1)
      .max(maxOrderLines),
  })
  .strict()
  .meta({ id: 'Delivery' });

/** R16: an approved cancellation; a deposit already received is owed back to the customer as a credit. */
export const Cancellation = z
  .object({
    reason: z.string(),
    requestedBy: z.string(),
    requestedAt: z.iso.datetime(),
    approvedBy: z.string(),
    approvedAt: z.iso.datetime(),
    creditOwed: Money.optional(),
  })
  .meta({ id: 'Cancellation' });

/**
 * R9: what an order has received, kept on the order and moved on in the transaction of each payment: the deposits
 * and the balances paid against it (other receipts are not the order's).
 */
export const OrderReceived = z
  .object({ deposit: Money, balance: Money })
  .meta({ id: 'OrderReceived', description: 'R9: the deposits and balances received against the order.' });

/** An order's money as its reader wants it: the deposit received, everything paid, what is still to pay. */
export const OrderPaid = z.object({ depositReceived: Money, paidTotal: Money, balanceDue: Money.optional() }).meta({
  id: 'OrderPaid',
  description:
    "R9: the deposits received, the total paid (deposits and balances) and the balance still due (absent while the order's total is not known).",
});

export const Order = z
  .object({
    id: z.string(),
    /** R3: region, product type, customer code, year, month, sequence — e.g. CNC001261107. */
    number: z.string(),
    customerId: z.string(),
    customerCode: z.string(),
    poNumber: z.string(),
    channel: Channel,
    currency: Currency,
    lines: z.array(OrderLine),
    requestedDate: z.iso.date(),
    deliveryAddress: Address.optional(),
    deliveryContact: DeliveryContact.optional(),
    notes: z.string().optional(),
    copiedFrom: z.string().optional(),
    findings: z.array(Finding),
    /** Absent while a line has no price (a finding says which). R9: the deposit due before production. */
    totals: z.object({ amount: Money.optional(), depositDue: Money.optional() }),
    status: OrderStatus,
    /** R5/R6: the delivery date PMC promised, and the lead-time start it was counted from (R8). */
    promisedDate: z.iso.date().optional(),
    promiseBasis: z.iso.date().optional(),
    /** R9, R8: the day of the payment that made the payments against the order reach its deposit due. */
    depositReceivedOn: z.iso.date().optional(),
    /** R9: what the payments against the order add up to (absent until the first). */
    received: OrderReceived.optional(),
    /** R14, R15: 1 when placed; each approved contract modification makes the next revision. */
    revision: z.int().min(1),
    /** R24: the shipments the lines are split into; absent while everything ships together. */
    deliveries: z.array(Delivery).optional(),
    /** R24: the order this one was merged into, and the orders merged into this one. */
    mergedInto: z.string().optional(),
    mergedFrom: z.array(z.string()).optional(),
    cancellation: Cancellation.optional(),
    version: z.int().min(1),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string(),
  })
  .meta({ id: 'Order' });

/**
 * R42: the order list, newest first, by customer, status and the company days it was placed on — or one lookup that
 * finds an order by our number (R3) or by the customer's PO number (doc 003 §6.1), which answers every match at once.
 */
export const OrderListQuery = z
  .object({
    customer: z.string().optional(),
    status: OrderStatus.optional(),
    number: z
      .string()
      .trim()
      .toUpperCase()
      .refine((number) => parseOrderNumber(number) !== undefined, 'is not an order number (e.g. CNC001261107)')
      .optional()
      .meta({ description: 'Our order number (R3): the order that has it, or none.' }),
    po: z.string().trim().min(1).max(60).optional().meta({
      description:
        "The customer's PO number, compared without case or spaces: every order that carries it (PO numbers are unique per customer only), and the order a merge carried it into.",
    }),
    from: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional().meta({
      description: 'The first company day (Asia/Shanghai) orders were placed on.',
    }),
    to: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional().meta({
      description: 'The last company day (Asia/Shanghai) orders were placed on, included.',
    }),
    cursor: Cursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .superRefine((query, context) => {
    const lookup = query.number !== undefined ? 'number' : query.po !== undefined ? 'po' : undefined;
    if (query.number !== undefined && query.po !== undefined) {
      context.addIssue({ code: 'custom', path: ['po'], message: 'cannot be asked together with number' });
    }
    // A lookup answers every match in one response: nothing to page or narrow by date or status.
    for (const field of ['status', 'from', 'to', 'cursor'] as const) {
      if (lookup && query[field] !== undefined) {
        context.addIssue({ code: 'custom', path: [field], message: `cannot be asked together with ${lookup}` });
      }
    }
    if (query.from && query.to && query.to < query.from) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'is before from' });
    }
  });

/**
 * An order as its events carry it: what it is and where it stands, without its lines, findings and deliveries —
 * whoever needs those reads the order. Keeps every event far below the bus's size limit whatever the order's size.
 */
export const OrderSummary = Order.pick({
  id: true,
  number: true,
  customerId: true,
  customerCode: true,
  poNumber: true,
  channel: true,
  currency: true,
  requestedDate: true,
  totals: true,
  status: true,
  promisedDate: true,
  promiseBasis: true,
  depositReceivedOn: true,
  received: true,
  revision: true,
  mergedInto: true,
  cancellation: true,
  version: true,
  createdAt: true,
  createdBy: true,
  updatedAt: true,
  updatedBy: true,
}).meta({ id: 'OrderSummary' });

/** R15: who did what when, with before and after. */
export const HistoryEntry = z
  .object({
    at: z.iso.datetime(),
    actor: z.string(),
    action: z.string(),
    changes: z.array(FieldChange).optional(),
    note: z.string().optional(),
  })
  .meta({ id: 'HistoryEntry' });

/** The person an order is waiting for now: the open approval's step, role, assignee and since when. */
export const WaitingFor = z
  .object({ step: z.string(), role: z.string(), assignee: z.string(), since: z.iso.datetime() })
  .meta({ id: 'WaitingFor', description: 'Present while a workflow step waits for a person to decide.' });

export type Order = z.infer<typeof Order>;
export type OrderReceived = z.infer<typeof OrderReceived>;
export type OrderPaid = z.infer<typeof OrderPaid>;
export type OrderSummary = z.infer<typeof OrderSummary>;
export type Delivery = z.infer<typeof Delivery>;
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/*
 * What a customer's user sees of its own orders: the terms it agreed and where the order stands, never how the
 * company decides (docs/architecture.md, "What a customer sees"). Whitelists: a field added to Order stays
 * internal until it is added here. Built with z.object(…shape) so that parsing strips whatever is not listed.
 */

/** A line as the customer sees it: no list price (the difference to the quoted price is a staff finding). */
export const CustomerOrderLine = z.object(OrderLine.omit({ listPrice: true }).shape).meta({ id: 'CustomerOrderLine' });

/** An approved cancellation as the customer sees it: the reason and the credit, not who asked or approved. */
export const CustomerCancellation = z
  .object(Cancellation.pick({ reason: true, requestedAt: true, approvedAt: true, creditOwed: true }).shape)
  .meta({ id: 'CustomerCancellation' });

/**
 * The order as a customer's user sees it. Left out: the review findings (R2, R8: for the merchandiser, who takes
 * them up with the customer), the notes (whoever entered the order wrote them for the staff), how PMC counted the
 * promised date, and who in the company created or changed it.
 */
export const CustomerOrder = z
  .object({
    ...Order.omit({
      findings: true,
      notes: true,
      promiseBasis: true,
      createdBy: true,
      updatedBy: true,
      lines: true,
      cancellation: true,
    }).shape,
    lines: z.array(CustomerOrderLine),
    cancellation: CustomerCancellation.optional(),
  })
  .meta({ id: 'CustomerOrder' });

/** One step of the order's history as the customer sees it: what changed and when, not who or why inside. */
export const CustomerHistoryEntry = z
  .object({ at: z.iso.datetime(), action: z.string(), changes: z.array(FieldChange).optional() })
  .meta({ id: 'CustomerHistoryEntry' });

/** GET /orders/{id} for a customer's user: its order with the history it may see; no approvals. */
export const CustomerOrderDetail = CustomerOrder.extend({
  paid: OrderPaid,
  history: z.array(CustomerHistoryEntry),
}).meta({
  id: 'CustomerOrderDetail',
});

export type CustomerOrder = z.infer<typeof CustomerOrder>;
export type CustomerHistoryEntry = z.infer<typeof CustomerHistoryEntry>;
export type OrderListQuery = z.infer<typeof OrderListQuery>;
