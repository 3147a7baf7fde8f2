import * as z from 'zod';
import { LedgerAdjustment } from './adjustment.ts';
import { Approval } from './approval.ts';
import { CancellationRequest, CustomerCredit } from './cancellation.ts';
import { ChangeRequestSummary, RevisionSummary } from './change-request.ts';
import { Currency, FieldChange, Money, Quantity, Timestamp } from './common.ts';
import { ComplaintDemand, ComplaintSummary } from './complaint.ts';
import { Contact, CustomerSummary } from './customer.ts';
import { DeliveryReceipt } from './delivery.ts';
import { Shipment } from './documents.ts';
import { Ageing, OpenDebit } from './ledger.ts';
import { Delivery, Order, OrderPaid, OrderSummary } from './order.ts';
import { Payment } from './payment.ts';
import { Product } from './product.ts';
import { QuotationDecision, QuotationSummary } from './quotation.ts';
import { ReturnArrivalSummary, ReturnShipment, ReturnSummary } from './return.ts';
import { Staff } from './staff.ts';
import { StatementSummary } from './statement.ts';
import { SurveyAnswerSummary } from './survey.ts';
import { TermsChange, TermsChangeLine } from './terms-change.ts';

/**
 * Every domain event: the envelope they share around the data of each type (`eventData`), one union on `type`. The
 * event types (`OrderPlaced`, `CustomerCreated`, …, declared beside the domain functions that record them as
 * `EventOf<'…'>`) are inferred from these schemas; the outbox relay and every consumer parse what they receive with
 * `parseEvent`. A type's schema is built the first time an event of that type is recorded or parsed: most functions
 * touch a few types, and building all of them is a large share of a cold start (bench/README.md, "Cold start").
 */

/** Who an order's e-mails go to: a snapshot of its customer, carried by the order's events. */
export const OrderParties = z.object({
  customerName: z.string(),
  contacts: z.array(Contact),
  merchandiserEmail: z.string(),
  pmcEmail: z.string(),
});

export type OrderParties = z.infer<typeof OrderParties>;

/** A customer's account team when the event was recorded (shared/application/people.ts). */
export const AccountTeam = z.object({ merchandiserEmail: z.string(), salesManagerEmail: z.string() });

export type AccountTeam = z.infer<typeof AccountTeam>;

/** The envelope every event shares, around its own `type` and `data`. */
const envelope = {
  id: z.string(),
  occurredAt: Timestamp,
  actor: z.string(),
  subject: z.object({ kind: z.string(), id: z.string() }),
  /** The request (or work) that recorded it: shared/correlation.ts. Events recorded before it existed have none. */
  correlationId: z.string().optional(),
};

type Envelope = z.infer<z.ZodObject<typeof envelope>>;

/**
 * What events carry is bounded whatever the size of what they are about (docs/architecture.md, "Limits"): ids, what
 * changed and what their consumers need — never whole orders with their lines. `domainEvent` keeps only what the
 * schema declares, and test/unit/event-sizes.test.ts holds every event at the largest input under `eventBudget`.
 */
const CustomerData = z.object({ customer: CustomerSummary, team: AccountTeam });
/** An order moving through intake (F1), with the written reasons of a rejection (R13). */
const OrderMovedData = z.object({ order: OrderSummary, parties: OrderParties, reasons: z.string().optional() });
const ChangeRequestEndedData = z.object({ changeRequest: ChangeRequestSummary, parties: OrderParties });
const CancellationEndedData = z.object({
  order: OrderSummary,
  cancellation: CancellationRequest,
  parties: OrderParties,
});
const OrderRef = z.object({ id: z.string(), number: z.string() });
/** One delivery of an order (F3), with whom its e-mails go to. */
const ShippingData = z.object({ order: OrderSummary, delivery: z.int().min(1), parties: OrderParties });
/** R24: a delivery by number and date. */
const DeliveryDate = z.object({ delivery: Delivery.shape.delivery, requestedDate: Delivery.shape.requestedDate });
/**
 * How a customer's terms change ended, with whom to tell: the account team when it ended and, when the account moves,
 * the new owner's team; the changed terms in words.
 */
const TermsChangeEndedData = z.object({
  customer: CustomerSummary,
  termsChange: TermsChange,
  terms: z.array(TermsChangeLine),
  team: AccountTeam,
  newTeam: AccountTeam.optional(),
});

/** A customer as the receivables' events name it. */
const CustomerRef = z.object({ id: z.string(), code: z.string(), name: z.string() });
/** How a manual adjustment of a customer's ledger ended (F7, R40): its requester is told. */
const LedgerAdjustmentEndedData = z.object({ adjustment: LedgerAdjustment, customer: CustomerRef });
/** The overdue debits a reminder lists, the oldest first; beyond these, only how many more. */
export const maxRemindedDebits = 20;

const eventData = {
  // Customers (R10)
  CustomerCreated: () => CustomerData,
  /** Each changed field, with before and after — contacts and addresses only by name (the customer has them). */
  CustomerUpdated: () => z.object({ customer: CustomerSummary, changes: z.array(FieldChange) }),
  CustomerActivated: () => CustomerData,
  CustomerRejected: () => CustomerData,
  CustomerReviewLapsed: () => CustomerData,
  // A customer's terms (settlement, credit limit, account owner): a request the sales manager approves
  TermsChangeRequested: () => z.object({ termsChange: TermsChange }),
  CustomerTermsChanged: () => TermsChangeEndedData.extend({ changes: z.array(FieldChange) }),
  TermsChangeRefused: () => TermsChangeEndedData,
  TermsChangeLapsed: () => TermsChangeEndedData,
  // Products
  ProductAdded: () => z.object({ product: Product }),
  ProductChanged: () => z.object({ product: Product, changes: z.array(FieldChange) }),

  StaffAdded: () => z.object({ staff: Staff }),
  StaffChanged: () => z.object({ staff: Staff, changes: z.array(FieldChange), cause: z.string().optional() }),
  // Order intake (F1)
  OrderPlaced: () => z.object({ order: OrderSummary }),
  OrderRejected: () => OrderMovedData,
  OrderAdvanced: () => OrderMovedData,
  OrderAcknowledged: () => OrderMovedData,
  OrderDepositRecorded: () => OrderMovedData,
  OrderReleased: () => OrderMovedData,
  OrderIntakeLapsed: () => OrderMovedData,
  /** R5: PMC has not promised a date in time. */
  OrderPromiseLate: () => z.object({ order: OrderSummary, parties: OrderParties }),
  // Order changes (F2: R11–R15)
  ChangeRequested: () => z.object({ changeRequest: ChangeRequestSummary }),
  ChangeRequestRefused: () => ChangeRequestEndedData,
  ChangeRequestLapsed: () => ChangeRequestEndedData,
  ChangeRequestWithdrawn: () => ChangeRequestEndedData,
  OrderChanged: () =>
    z.object({
      order: OrderSummary,
      changeRequest: ChangeRequestSummary,
      revision: RevisionSummary,
      parties: OrderParties,
      /** R14: who gets the approved form in writing (PMC, production and the other departments). */
      departments: z.array(z.string()),
    }),
  // Cancellations (R16)
  CancellationRequested: () => z.object({ cancellation: CancellationRequest }),
  OrderCancelled: () => CancellationEndedData.extend({ credit: CustomerCredit.optional() }),
  CancellationRefused: () => CancellationEndedData,
  CancellationLapsed: () => CancellationEndedData,
  // Split and merge (R24)
  /** The deliveries by number and date: how much of each line each carries is on the order. */
  OrderSplit: () => z.object({ order: OrderSummary, deliveries: z.array(DeliveryDate) }),
  OrdersMerged: () =>
    z.object({ order: OrderSummary, surviving: OrderRef, absorbed: OrderRef, revision: z.int().min(1) }),
  // Payments (R9)
  /**
   * Money received: the payment without its notes; against an order, the order's ledger after it, what it has paid,
   * and whether this payment made the payments reach the deposit due (the intake waiting for it then goes on).
   */
  PaymentRecorded: () =>
    z.object({
      payment: Payment.omit({ notes: true }),
      order: Order.pick({ id: true, number: true, totals: true, received: true, depositReceivedOn: true }).optional(),
      paid: OrderPaid.optional(),
      depositCompleted: z.boolean().optional(),
    }),
  /** R9: a deposit customer's deposit has not arrived in time: finance and the merchandiser are told. */
  OrderDepositLate: () =>
    z.object({ order: OrderSummary, paid: OrderPaid, parties: OrderParties, financeEmail: z.string() }),
  // Production (R12)
  ProductionStarted: () => z.object({ order: OrderSummary, lines: z.array(z.int().min(1)) }),
  // Shipping (F3: R9 balance, R17–R23)
  /** Production finished one delivery of the order (R24: or the whole order): its shipping workflow starts. */
  DeliveryFinished: () => z.object({ order: OrderSummary, delivery: z.int().min(1), executionId: z.string() }),
  /** R9: the customer is asked in writing for what it must pay before the delivery ships. */
  BalanceRequested: () => ShippingData.extend({ due: Money, paid: OrderPaid }),
  /** R9: the balance has not arrived in time: finance and the merchandiser are told. */
  BalanceLate: () => ShippingData.extend({ due: Money, paid: OrderPaid, financeEmail: z.string() }),
  /** F7: a monthly customer's delivery beyond its credit limit waits (the sales manager refused, or nobody decided). */
  DeliveryHeld: () => ShippingData.extend({ reason: z.string() }),
  /** A step of shipping found nobody to act, even after the escalation: the merchandiser is told; it is asked again. */
  DeliveryStalled: () => ShippingData.extend({ step: z.string() }),
  /**
   * R21, R22: shipped against its delivery note; the customer received the note and the waybill. `amount`: the
   * note's total in the order's currency (R41's shipped amounts; absent on events recorded before it was carried).
   */
  DeliveryShipped: () =>
    ShippingData.extend({ deliveryNote: z.string(), shipment: Shipment, amount: Money.optional() }),
  /** R23: not signed for by the day it was expected: the merchandiser is alerted. */
  DeliveryLate: () => ShippingData.extend({ expectedBy: z.iso.date(), waybill: z.string() }),
  /** R23: the customer signed for it (complete, damaged or short), the receipt filed with the delivery. */
  DeliverySignedFor: () => ShippingData.extend({ receipt: DeliveryReceipt }),
  // Complaints (F4: R25-R29)
  /** R25, R29: a complaint registered: acknowledged to the customer with its number, its owner told. */
  ComplaintRegistered: () => z.object({ complaint: ComplaintSummary, order: OrderSummary, parties: OrderParties }),
  /** R27: the merchandiser's written reply, with the resolution, goes to the customer. */
  ComplaintAnswered: () =>
    z.object({
      complaint: ComplaintSummary,
      reply: z.object({ resolution: ComplaintDemand, text: z.string() }),
      parties: OrderParties,
    }),
  /** A step of a complaint found nobody to act, even after the escalation: its owner is told; it is asked again. */
  ComplaintStalled: () => z.object({ complaint: ComplaintSummary, step: z.string(), parties: OrderParties }),
  // Returns (F5: R30-R36)
  /** R30: a return application filed: acknowledged to the customer with its number, its owner told; F5 starts. */
  ReturnApplied: () => z.object({ return: ReturnSummary, order: OrderSummary, parties: OrderParties }),
  /** R32: refused (the customer's fault, no exception granted): the customer is told in writing why. */
  ReturnRefused: () => z.object({ return: ReturnSummary, reason: z.string(), parties: OrderParties }),
  /** R33: the customer announced the goods on their way; the warehouse expects them. */
  ReturnShipmentAnnounced: () => z.object({ return: ReturnSummary, shipment: ReturnShipment }),
  /** R33: goods came back without an approved application: held; the account's merchandiser is alerted. */
  ReturnArrivalHeld: () => z.object({ arrival: ReturnArrivalSummary, parties: OrderParties }),
  /**
   * R30, R33: goods held were settled with the customer: sent back (the warehouse on duty is asked to ship them), or
   * taken in under a return application (its receipt asks the warehouse, R34).
   */
  ReturnArrivalSettled: () =>
    z.object({ arrival: ReturnArrivalSummary, customerName: z.string(), warehouseEmail: z.string() }),
  /** R34: the warehouse counted otherwise than the application: the merchandiser and the customer are told. */
  ReturnReceivedWithDifference: () =>
    z.object({
      return: ReturnSummary,
      lines: z.array(z.object({ line: z.int(), productCode: z.string(), expected: Quantity, received: z.int() })),
      note: z.string().optional(),
      parties: OrderParties,
    }),
  /** R35: one of the five refused to sign: the return stops; its owner and the account's sales manager are told why. */
  ReturnStopped: () =>
    z.object({
      return: ReturnSummary,
      reason: z.string(),
      by: z.string(),
      parties: OrderParties,
      /** The account's sales manager when it stopped (accountTeam, shared/application/people.ts). */
      salesManagerEmail: z.string(),
    }),
  /** R36: the return note issued and signed, the credit booked: the customer's receivable went down by `amount`. */
  ReturnCredited: () => z.object({ return: ReturnSummary, returnNote: z.string(), amount: Money }),
  /** A step of a return found nobody to act, even after the escalation: its owner is told; it is asked again. */
  ReturnStalled: () => z.object({ return: ReturnSummary, step: z.string(), parties: OrderParties }),
  /** R28: the weight a short shipment's customer received, given after registering: the complaint's report goes on. */
  ComplaintWeighed: () => z.object({ complaint: ComplaintSummary }),
  /** R28: the customer gave no weight in time: its owner is told, and the report goes ahead without it. */
  ComplaintWeightMissing: () => z.object({ complaint: ComplaintSummary, customerName: z.string() }),
  /**
   * R29: not answered by its due date: its owner is reminded and the owner's leader told (escalated), once a day at
   * most; no leader in the directory, only the owner.
   */
  ComplaintOverdue: () =>
    z.object({
      complaint: ComplaintSummary,
      customerName: z.string(),
      daysOverdue: z.int().min(1),
      leaderEmail: z.string().optional(),
    }),
  // Receivables (F7, R40): manual adjustments by finance, approved by the finance leader
  LedgerAdjustmentRequested: () => z.object({ adjustment: LedgerAdjustment }),
  LedgerAdjusted: () => LedgerAdjustmentEndedData,
  LedgerAdjustmentRefused: () => LedgerAdjustmentEndedData,
  LedgerAdjustmentLapsed: () => LedgerAdjustmentEndedData,
  /**
   * R40: a customer owes money past its due date: its contacts and its merchandiser are reminded, at the cadence of
   * docs/decisions/receivables-overdue-reminders.md (`reminder`: the day overdue the reminder is for).
   */
  ReceivablesOverdue: () =>
    z.object({
      customer: CustomerRef,
      contacts: z.array(Contact).max(20),
      merchandiserEmail: z.string(),
      currency: Currency,
      balance: z.number(),
      overdue: Money,
      ageing: Ageing,
      oldestDueOn: z.iso.date(),
      daysOverdue: z.int().min(1),
      reminder: z.int().min(1),
      debits: z.array(OpenDebit).max(maxRemindedDebits),
      moreDebits: z.int().min(0),
    }),
  // Month-end statements (R38)
  /** A customer's statement of a month written by the month-end run: its workflow mails it and waits for it back. */
  StatementIssued: () => z.object({ statement: StatementSummary }),
  /** The customer confirmed the statement, or disputed it (finance answers): its workflow goes on. */
  StatementSignedBack: () =>
    z.object({
      statement: StatementSummary,
      outcome: z.enum(['confirmed', 'disputed']),
      signedBy: z.string(),
      via: z.enum(['link', 'api']),
    }),
  // Quotations (F6: R37)
  /** R37: a quotation asked for; its workflow asks the sales manager, or for a special price the GM or deputy GM. */
  QuotationRequested: () => z.object({ quotation: QuotationSummary }),
  /** R37: approved before release: its PDF goes to the customer's contacts. */
  QuotationApproved: () => z.object({ quotation: QuotationSummary, decision: QuotationDecision }),
  /** R37: refused in writing: the requester is told why. */
  QuotationRefused: () => z.object({ quotation: QuotationSummary, decision: QuotationDecision }),
  /** R37: nobody decided, even after the escalation: the requester is told. */
  QuotationLapsed: () => z.object({ quotation: QuotationSummary }),
  // Satisfaction (R43)
  /** R43: a customer's contact answered the yearly satisfaction survey from its link. */
  SatisfactionSurveyAnswered: () => z.object({ answer: SurveyAnswerSummary }),
  // Approvals and workflows
  /** The decision, without the facts and lines it was asked with (the approval keeps them). */
  ApprovalDecided: () => z.object({ approval: Approval.omit({ facts: true, lines: true }) }),
  WorkflowStepFailed: () =>
    z.object({
      flow: z.string(),
      state: z.string(),
      error: z.string(),
      cause: z.string(),
      title: z.string(),
      merchandiserEmail: z.string(),
      operationsEmail: z.string(),
    }),
  ApprovalUndelivered: () =>
    z.object({
      approvalId: z.string(),
      ask: z.string(),
      title: z.string(),
      assignee: z.string(),
      reason: z.string(),
      operationsEmail: z.string(),
    }),
  /**
   * An approval's request e-mail bounced (SES): sent again to the assignee's deputy or leader (`resentTo`), or to
   * nobody when the directory has none; the merchandiser (operations, for a subject without one) is told.
   */
  ApprovalBounced: () =>
    z.object({
      approvalId: z.string(),
      ask: z.string(),
      title: z.string(),
      bounced: z.string(),
      reason: z.string(),
      resentTo: z.string().optional(),
      resentBecause: z.string().optional(),
      merchandiserEmail: z.string().optional(),
      operationsEmail: z.string(),
    }),
  /** A recipient marked one of our e-mails as spam (SES): recorded, and operations told. */
  MailComplaint: () =>
    z.object({
      messageId: z.string(),
      recipients: z.array(z.string()).max(50),
      feedbackType: z.string().optional(),
      template: z.string().optional(),
      approvalId: z.string().optional(),
      title: z.string().optional(),
      operationsEmail: z.string(),
    }),
} satisfies Record<string, () => z.ZodObject>;

type EventData = typeof eventData;
export type DomainEventType = keyof EventData;
export type DomainEvent = {
  [T in DomainEventType]: Envelope & { type: T; data: z.output<ReturnType<EventData[T]>> };
}[DomainEventType];
/** The event of one type (or of several: `EventOf<'CustomerActivated' | 'CustomerRejected'>`). */
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

export const domainEventTypes: ReadonlySet<string> = new Set(Object.keys(eventData));
const isEventType = (type: string): type is DomainEventType => domainEventTypes.has(type);

const built = new Map<DomainEventType, z.ZodObject>();
/** The schema of events of one type (the envelope around its data), built on first use. */
export function eventSchema<T extends DomainEventType>(type: T): z.ZodType<EventOf<T>> {
  let schema = built.get(type);
  if (!schema) {
    schema = z.object({ ...envelope, type: z.literal(type), data: eventData[type]() });
    built.set(type, schema);
  }
  return schema as unknown as z.ZodType<EventOf<T>>;
}

/**
 * The most an event may weigh, as JSON in UTF-8: 96 KiB, well below EventBridge's 256 KB PutEvents entry (which
 * counts the envelope too) and Step Functions' 256 KB (262,144-byte) payload — the room left is the margin for what
 * a later field adds before this budget's test says so.
 */
export const eventBudget = 96 * 1024;

/** A value that is not a domain event this code knows: an unknown type, or data of the wrong shape. */
export class UnparseableEvent extends Error {
  override name = 'UnparseableEvent';
}

const maxIssues = 5;
/** What an unparseable value's message names it by, when it has them. */
const Named = z
  .object({ id: z.string().optional().catch(undefined), type: z.string().optional().catch(undefined) })
  .catch({});

/** The domain event in `value`, checked against its type's schema; throws UnparseableEvent saying what is wrong. */
export function parseEvent(value: unknown): DomainEvent {
  const { id, type } = Named.parse(value);
  const which = typeof id === 'string' ? ` (event ${id})` : '';
  if (typeof type !== 'string') throw new UnparseableEvent(`Not a domain event${which}: it has no type.`);
  if (!isEventType(type)) throw new UnparseableEvent(`Unknown event type "${type}"${which}.`);
  const result = eventSchema(type).safeParse(value);
  if (result.success) return result.data as DomainEvent;
  const issues = result.error.issues.slice(0, maxIssues).map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`);
  const more = result.error.issues.length > maxIssues ? `; and ${result.error.issues.length - maxIssues} more` : '';
  throw new UnparseableEvent(`${type}${which} does not parse: ${issues.join('; ')}${more}.`);
}
