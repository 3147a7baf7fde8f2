import * as z from 'zod';
import { decidedOnce, decisionFields } from '../../shared/application/decisions.ts';
import { documentSignature, onDutyEmail, orderParties } from '../../shared/application/people.ts';
import { sendEachOnce } from '../../shared/application/send-once.ts';
import { awaitUnlessDone } from '../../shared/application/waiting.ts';
import { deliveryNoteFileName, renderDeliveryNote } from '../../shared/documents/delivery-note.ts';
import { linkHash, newLinkSecret } from '../../shared/domain/approval.ts';
import { orderTitle } from '../../shared/domain/approval-summary.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { domainEvent, type EventContext } from '../../shared/domain/events.ts';
import { plannedDeliveries } from '../../shared/domain/fulfilment.ts';
import { calendarDateIn, daysBetween } from '../../shared/domain/lead-time.ts';
import { orderPaid } from '../../shared/domain/payment.ts';
import {
  countedForOrder,
  deliveryMoved,
  deliveryNoteFor,
  expectedArrival,
  formPicked,
  noteShipped,
  orderMoved,
  paymentGate,
  pickingRound,
  type StockPrepValues,
  stockPrepFormFor,
} from '../../shared/domain/shipping.ts';
import { contactsByLanguage } from '../../shared/mail/order-templates.ts';
import { deliveryNoteEmail, deliveryNoteNotSentEmail } from '../../shared/mail/shipping-templates.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { deliveryNoteNumber, deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { eventHistoryWrite } from '../../shared/persistence/history.ts';
import { booked } from '../../shared/persistence/ledger.ts';
import { historyWrite, orderRepository } from '../../shared/persistence/orders.ts';
import { productRepository } from '../../shared/persistence/products.ts';
import { balanceWaiter, creditWaiter, receiptWaiter } from '../../shared/persistence/waiters.ts';
import { retryOnConflict, type Write, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { OrderDelivery } from '../../shared/schemas/delivery.ts';
import type { DomainEvent } from '../../shared/schemas/events.ts';
import type { HistoryEntry, Order } from '../../shared/schemas/order.ts';
import { shippingFacts } from './facts.ts';
import { receiptLink, receiptLinkPath } from './receipt-link.ts';

const actor = 'workflow:shipping';
/** R23: how long the customer may sign for a delivery from the e-mailed link. */
const receiptLinkDays = 90;

const Ids = { orderId: z.string(), delivery: z.coerce.number().int().min(1) };
const Token = { taskToken: z.string() };
const Step = z.discriminatedUnion('action', [
  z.object({ action: z.literal('load'), ...Ids }),
  z.object({ action: z.literal('gate'), ...Ids }),
  z.object({ action: z.literal('request-balance'), ...Ids }),
  z.object({ action: z.literal('balance-late'), ...Ids }),
  z.object({ action: z.literal('send-note'), ...Ids }),
  z.object({ action: z.literal('note-not-sent'), ...Ids }),
  z.object({ action: z.literal('transit'), ...Ids }),
  z.object({ action: z.literal('late'), ...Ids }),
  z.object({ action: z.literal('received'), ...Ids }),
  z.object({ action: z.literal('await-balance'), ...Ids, ...Token }),
  z.object({ action: z.literal('await-credit'), ...Ids, ...Token }),
  z.object({ action: z.literal('await-receipt'), ...Ids, ...Token }),
  z.object({
    action: z.enum(['prepare', 'prices-decided', 'check-picking', 'issue-note', 'sign-note', 'ship']),
    ...Ids,
    ...decisionFields,
  }),
  z.object({ action: z.literal('hold'), ...Ids, reason: z.string() }),
  z.object({ action: z.literal('stalled'), ...Ids, step: z.string() }),
  z.object({
    action: z.literal('stage'),
    ...Ids,
    stage: z.enum(['stock_prep', 'price_approval', 'picking', 'invoicing', 'ready_to_ship']),
  }),
]);

type Step = z.infer<typeof Step>;
type DecisionStep = Extract<Step, { approvalId: string }>;

type Read = {
  order: Order;
  delivery: OrderDelivery;
  customer: Customer;
  now: Date;
  context: EventContext;
};

async function read(step: Step): Promise<Read> {
  const table = port('table');
  const { order } = await orderRepository(table).get(step.orderId);
  const delivery = await deliveryRepository(table).get(step.orderId, step.delivery);
  const customer = await customerRepository(table).get(order.customerId);
  const now = port('clock').now();
  return { order, delivery, customer, now, context: { now: now.toISOString(), actor, newId: port('ids').next } };
}

const monthly = (customer: Customer) => customer.settlement.type === 'monthly';
const today = (now: Date) => calendarDateIn(now, companyTimeZone);

type Change = {
  delivery: OrderDelivery;
  order?: { order: Order; expectedVersion: number };
  history?: Omit<HistoryEntry, 'at' | 'actor'> & { actor?: string };
  events?: DomainEvent[];
  writes?: Write[];
};

/**
 * One step's change in one transaction: the delivery (if nobody moved it since it was read), the order when it moved,
 * an entry of the order's history (R15), events and other writes. A retry after it was written finds the delivery
 * moved on (a conflict) and reads again, seeing the step done.
 */
async function commit(
  { delivery, order, history, events = [], writes = [] }: Change,
  { delivery: before, now, context }: Read,
) {
  const table = port('table');
  const deliveries = deliveryRepository(table);
  const entry = history && { at: context.now, actor: context.actor, ...history };
  const eventId = events[0]?.id ?? context.newId();
  const all = [deliveries.saved(delivery, before.version), ...writes];
  if (order) {
    await orderRepository(table).commit(
      {
        order: order.order,
        expectedVersion: order.expectedVersion,
        events,
        history: entry ? [{ entry, eventId }] : [],
        writes: all,
      },
      now,
    );
    return;
  }
  await writeAtomically(table, {
    now,
    events,
    writes: [...all, ...(entry ? [historyWrite(table.name, before.orderId, entry, eventId)] : [])],
  });
}

/** What a stage's person sees, and the lines their form asks a quantity for. */
async function stageAnswer(state: Read) {
  const { order, delivery, customer } = state;
  const deliveries = plannedDeliveries(order);
  const planned = deliveries.find((d) => d.delivery === delivery.delivery);
  const form = delivery.stockPrepForm;
  // The merchandiser prepares from what the delivery carries; everyone after works from the form.
  const asked = delivery.status === 'stock_prep' || !form ? delivery.lines : form.lines;
  const owed = monthly(customer) ? await deliveryRepository(port('table')).receivable(customer.id) : undefined;
  return {
    facts: shippingFacts(order, customer, delivery, { deliveries: deliveries.length, planned, owed }),
    lines: asked.map((l) => ({ line: l.line, label: `${l.productCode} ${l.name}`, quantity: l.quantity })),
  };
}

async function gateOf({ order, delivery, customer }: Read) {
  const receivable = await deliveryRepository(port('table')).receivable(customer.id);
  return paymentGate(order, delivery, customer, receivable);
}

/** A decision recorded once: a retry finds it the delivery's last, and answers where it went. */
const once = (step: DecisionStep, decide: (state: Read) => Promise<{ next: string; change?: Change }>) =>
  decidedOnce(
    step.approvalId,
    async () => {
      const state = await read(step);
      return { ...state, last: state.delivery.lastDecision };
    },
    decide,
    async (state, { change }, lastDecision) => {
      const delivery = deliveryMoved(change?.delivery ?? state.delivery, { lastDecision }, state.context.now);
      await commit({ ...change, delivery: { ...delivery, version: state.delivery.version + 1 } }, state);
    },
  );

/** The form goes back to the merchandiser with why (R18, R19, R20), on the order's history as `action`. */
function sentBack(
  state: Read,
  { by, reason, action, note }: { by: string; reason: string; action: string; note: string },
  { from = state.delivery, changes = {} }: { from?: OrderDelivery; changes?: Partial<OrderDelivery> } = {},
): Change {
  return {
    delivery: deliveryMoved(
      from,
      { ...changes, status: 'stock_prep', returned: { by, reason, at: state.context.now } },
      state.context.now,
    ),
    history: { actor: by, action, note },
  };
}

/** A refusal in writing (R18, R20): the form returns to the merchandiser with the reason. */
const refused = (state: Read, { decidedBy: by, comment: reason }: DecisionStep, action: string, rule: string) => ({
  next: 'returned',
  change: sentBack(state, { by, reason, action, note: `${rule}: ${reason}` }),
});

async function shippingStep(event: unknown) {
  const step = Step.parse(event);
  const table = port('table');
  const deliveries = deliveryRepository(table);

  switch (step.action) {
    case 'load': {
      const state = await read(step);
      const gate = await gateOf(state);
      return {
        delivery: {
          orderId: state.order.id,
          delivery: state.delivery.delivery,
          title: shippingTitle(state),
          accountOwner: state.customer.accountOwner,
          gate: gate.gate,
        },
        round: await stageAnswer(state),
      };
    }

    case 'gate':
      return { gate: (await gateOf(await read(step))).gate };

    case 'request-balance':
      return await retryOnConflict(async () => {
        const state = await read(step);
        const gate = await gateOf(state);
        if (gate.gate !== 'balance' || state.delivery.balanceRequested !== undefined) return {};
        const { order, customer, context } = state;
        const requested = domainEvent(
          'BalanceRequested',
          { kind: 'order', id: order.id },
          {
            order,
            delivery: step.delivery,
            parties: await orderParties(customer),
            due: gate.due,
            paid: orderPaid(order),
          },
          context,
        );
        await commit(
          {
            delivery: deliveryMoved(
              state.delivery,
              { status: 'awaiting_payment', balanceRequested: gate.due },
              context.now,
            ),
            events: [requested],
            history: {
              action: 'balance requested',
              note: `R9: delivery ${step.delivery}: ${gate.due} ${order.currency} to pay before it ships`,
            },
          },
          state,
        );
        return {};
      });

    case 'await-balance':
      return await awaitUnlessDone(balanceWaiter(step.orderId), step.taskToken, 8, async () =>
        (await gateOf(await read(step))).gate === 'clear' ? { output: {} } : undefined,
      );

    case 'balance-late': {
      const state = await read(step);
      const gate = await gateOf(state);
      if (gate.gate !== 'balance') return {};
      const late = domainEvent(
        'BalanceLate',
        { kind: 'order', id: state.order.id },
        {
          order: state.order,
          delivery: step.delivery,
          parties: await orderParties(state.customer),
          due: gate.due,
          paid: orderPaid(state.order),
          financeEmail: await onDutyEmail('finance'),
        },
        state.context,
      );
      await writeAtomically(table, { now: state.now, events: [late], writes: [] });
      return {};
    }

    case 'hold':
      return await retryOnConflict(async () => {
        const state = await read(step);
        const { order, customer, context } = state;
        const held = domainEvent(
          'DeliveryHeld',
          { kind: 'order', id: order.id },
          { order, delivery: step.delivery, parties: await orderParties(customer), reason: step.reason || '—' },
          context,
        );
        await commit(
          {
            delivery: deliveryMoved(state.delivery, { status: 'awaiting_credit' }, context.now),
            events: [held],
            history: {
              action: 'held for credit',
              note: `F7: delivery ${step.delivery} waits for payments: ${step.reason || '—'}`,
            },
          },
          state,
        );
        return {};
      });

    case 'await-credit': {
      const { customer } = await read(step);
      return await awaitUnlessDone(creditWaiter(customer.id), step.taskToken, 8, async () =>
        (await gateOf(await read(step))).gate === 'clear' ? { output: {} } : undefined,
      );
    }

    case 'stage':
      return await retryOnConflict(async () => {
        const state = await read(step);
        if (state.delivery.status === step.stage) return await stageAnswer(state);
        const delivery = deliveryMoved(state.delivery, { status: step.stage }, state.context.now);
        await commit({ delivery }, state);
        return await stageAnswer({ ...state, delivery });
      });

    case 'stalled': {
      const state = await read(step);
      const stalled = domainEvent(
        'DeliveryStalled',
        { kind: 'order', id: state.order.id },
        { order: state.order, delivery: step.delivery, parties: await orderParties(state.customer), step: step.step },
        state.context,
      );
      const note = `${step.step}: nobody acted, even after the escalation; asked again`;
      await writeAtomically(table, {
        now: state.now,
        events: [stalled],
        writes: [eventHistoryWrite(table.name, stalled, 'shipping step stalled', note)],
      });
      return {};
    }

    case 'prepare':
      return await once(step as DecisionStep, async (state) => {
        const decision = step as DecisionStep;
        if (decision.outcome === 'reject') return { next: 'again' };
        const products = await productRepository(table).getMany(state.order.lines.map((l) => l.productCode));
        const form = stockPrepFormFor(
          state.order,
          state.customer,
          state.delivery,
          products,
          decision.values as StockPrepValues,
          {
            revision: (state.delivery.stockPrepForm?.revision ?? 0) + 1,
            signature: await documentSignature(decision.decidedBy, state.now),
          },
        );
        if (!form) return { next: 'again' };
        const { returned: _, ...rest } = state.delivery;
        const delivery = deliveryMoved(
          rest,
          { stockPrepForm: form, shipDate: form.requestedShipDate },
          state.context.now,
        );
        return {
          next: 'prepared',
          change: {
            delivery,
            history: {
              actor: decision.decidedBy,
              action: 'stock-prep form prepared',
              note: `R17: delivery ${step.delivery}, revision ${form.revision}: ${form.lines.map((l) => `line ${l.line} × ${l.quantity}`).join(', ')}; to ship ${form.requestedShipDate}`,
            },
          },
        };
      });

    case 'prices-decided':
      return await once(step as DecisionStep, async (state) => {
        const decision = step as DecisionStep;
        const form = state.delivery.stockPrepForm;
        if (decision.outcome === 'reject' || !form) return refused(state, decision, 'stock-prep form returned', 'R18');
        const salesAdmin = await documentSignature(decision.decidedBy, state.now);
        const signed = { ...form, signatures: { ...form.signatures, salesAdmin } };
        return {
          next: 'approved',
          change: {
            delivery: deliveryMoved(state.delivery, { stockPrepForm: signed }, state.context.now),
            history: {
              actor: decision.decidedBy,
              action: 'stock-prep form approved',
              note: `R18: revision ${form.revision} and its prices`,
            },
          },
        };
      });

    case 'check-picking':
      return await once(step as DecisionStep, async (state) => {
        const decision = step as DecisionStep;
        const form = state.delivery.stockPrepForm;
        if (!form)
          throw new Error(`Delivery ${step.delivery} of ${state.order.number} has no stock-prep form to pick.`);
        const values = decision.values as {
          lines?: { line: number; quantity: number }[];
          boxes?: { line: number; quantity: number }[];
        };
        const round = pickingRound(
          form,
          { lines: values.lines ?? [], boxes: values.boxes ?? [] },
          decision.decidedBy,
          decision.decidedAt,
        );
        const matched = decision.outcome === 'approve' && round.matched;
        const picking = [...state.delivery.picking, { ...round, matched }];
        if (!matched) {
          const short = round.lines
            .filter((l) => l.onHand !== l.asked)
            .map((l) => `line ${l.line}: ${l.onHand} of ${l.asked}`);
          const reason = [decision.comment, short.length ? `R19 mismatch — ${short.join(', ')}` : '']
            .filter(Boolean)
            .join('; ');
          const note = `R19: revision ${form.revision}: ${reason}`;
          return {
            next: 'mismatch',
            change: sentBack(
              state,
              { by: decision.decidedBy, reason, action: 'picking mismatch', note },
              { changes: { picking } },
            ),
          };
        }
        const picked = formPicked(form, round, await documentSignature(decision.decidedBy, state.now));
        return {
          next: 'matched',
          change: {
            delivery: deliveryMoved(state.delivery, { stockPrepForm: picked, picking }, state.context.now),
            history: {
              actor: decision.decidedBy,
              action: 'goods prepared',
              note: `R19: revision ${form.revision} as asked, ${picked.totals.boxes ?? 0} boxes`,
            },
          },
        };
      });

    case 'issue-note':
      return await once(step as DecisionStep, async (state) => {
        const decision = step as DecisionStep;
        const form = state.delivery.stockPrepForm;
        if (decision.outcome === 'reject' || !form) return refused(state, decision, 'delivery note refused', 'R20');
        const issuedOn = today(state.now);
        const month = issuedOn.slice(0, 7);
        const previous = await deliveries.noteSequence(month);
        const number = deliveryNoteNumber(month, previous + 1);
        const language = state.customer.contacts[0]?.language ?? 'zh-CN';
        const document = deliveryNoteFor(state.order, form, {
          number,
          issuedOn,
          language,
          finance: await documentSignature(decision.decidedBy, state.now),
        });
        const note = {
          number,
          orderId: state.order.id,
          customerId: state.customer.id,
          delivery: step.delivery,
          status: 'issued' as const,
          document,
          issuedAt: state.context.now,
        };
        return {
          next: 'issued',
          change: {
            delivery: deliveryMoved(state.delivery, { deliveryNote: number }, state.context.now),
            history: {
              actor: decision.decidedBy,
              action: 'delivery note issued',
              note: `R20: ${number} for delivery ${step.delivery}, ${document.totals.amount} ${document.currency} booked`,
            },
            // F7: the sale is booked: what the customer owes goes up by the note's amount (0 for a replacement, R27).
            writes: [
              ...deliveries.issued(note, month, previous),
              ...booked(table.name, {
                customerId: state.customer.id,
                kind: 'delivery-note',
                reference: number,
                amount: document.totals.amount,
                currency: document.currency,
                orderNumber: state.order.number,
                at: state.context.now,
              }),
            ],
          },
        };
      });

    case 'sign-note':
      return await once(step as DecisionStep, async (state) => {
        const decision = step as DecisionStep;
        const number = state.delivery.deliveryNote;
        if (!number)
          throw new Error(`Delivery ${step.delivery} of ${state.order.number} has no delivery note to sign.`);
        const note = await deliveries.note(number);
        if (decision.outcome === 'reject') {
          const { deliveryNote: _, ...rest } = state.delivery;
          const { decidedBy: by, comment: reason } = decision;
          return {
            next: 'void',
            change: {
              ...sentBack(
                state,
                { by, reason, action: 'delivery note void', note: `R20: ${number}: ${reason}` },
                { from: { ...rest, version: state.delivery.version } },
              ),
              // The sale is not made: the booking is taken back (the number stays used, the note void).
              writes: [
                deliveries.noteSaved({ ...note, status: 'void' }),
                ...booked(table.name, {
                  customerId: state.customer.id,
                  kind: 'delivery-note-void',
                  reference: number,
                  amount: -note.document.totals.amount,
                  currency: note.document.currency,
                  orderNumber: state.order.number,
                  at: state.context.now,
                }),
              ],
            },
          };
        }
        const salesAdmin = await documentSignature(decision.decidedBy, state.now);
        const document = { ...note.document, signatures: { ...note.document.signatures, salesAdmin } };
        return {
          next: 'signed',
          change: {
            delivery: state.delivery,
            history: {
              actor: decision.decidedBy,
              action: 'delivery note signed',
              note: `R20: ${number}, prices checked`,
            },
            writes: [deliveries.noteSaved({ ...note, status: 'signed', document })],
          },
        };
      });

    case 'ship':
      return await once(step as DecisionStep, async (state) => {
        const decision = step as DecisionStep;
        if (decision.outcome === 'reject') {
          return {
            next: 'waiting',
            change: {
              delivery: state.delivery,
              history: { actor: decision.decidedBy, action: 'shipment not made', note: `R21: ${decision.comment}` },
            },
          };
        }
        const { delivery, order, customer, context } = state;
        const form = delivery.stockPrepForm;
        if (!form || !delivery.deliveryNote) throw new Error(`Delivery ${step.delivery} has no signed delivery note.`);
        const values = decision.values as {
          carrier: string;
          waybill: string;
          vehicle?: string;
          driver?: string;
          boxes: number;
          grossWeight: number;
          transitDays: number;
        };
        const shippedOn = today(state.now);
        const shipment = {
          carrier: values.carrier,
          waybill: values.waybill,
          ...(values.vehicle ? { vehicle: values.vehicle } : {}),
          ...(values.driver ? { driver: values.driver } : {}),
          shippedOn,
          boxes: values.boxes,
          grossWeight: values.grossWeight,
        };
        const note = await deliveries.note(delivery.deliveryNote);
        const { boxes: _, ...travel } = shipment;
        const document = noteShipped(note.document, travel, await documentSignature(decision.decidedBy, state.now));
        const moved = orderMoved(order, 'shipped', countedForOrder(delivery), monthly(customer), {
          now: context.now,
          actor: decision.decidedBy,
        });
        const { grossWeight: __, boxes: ___, ...eventShipment } = shipment;
        const shippedEvent = domainEvent(
          'DeliveryShipped',
          { kind: 'order', id: order.id },
          {
            order: moved.order,
            delivery: step.delivery,
            parties: await orderParties(customer),
            deliveryNote: note.number,
            shipment: eventShipment,
            amount: note.document.totals.amount,
          },
          context,
        );
        return {
          next: 'shipped',
          change: {
            delivery: deliveryMoved(
              delivery,
              {
                status: 'shipped',
                shipment,
                expectedBy: expectedArrival(shippedOn, values.transitDays),
                tracking: [{ stage: 'loaded', at: context.now, by: decision.decidedBy }],
              },
              context.now,
            ),
            order: { order: moved.order, expectedVersion: order.version },
            events: [shippedEvent],
            history: {
              actor: decision.decidedBy,
              action: 'delivery shipped',
              changes: moved.changes,
              note: `R21: delivery ${step.delivery} on ${note.number}, ${shipment.carrier} waybill ${shipment.waybill}, ${shipment.boxes} boxes, ${shipment.grossWeight} kg`,
            },
            writes: [deliveries.noteSaved({ ...note, document })],
          },
        };
      });

    case 'send-note':
    case 'note-not-sent': {
      const state = await read(step);
      const number = state.delivery.deliveryNote;
      if (!number || !state.delivery.shipment) return {};
      const note = await deliveries.note(number);
      const parties = await orderParties(state.customer);
      if (step.action === 'note-not-sent') {
        await sendEachOnce(`delivery-note-not-sent:${number}`, [
          {
            to: [parties.merchandiserEmail],
            template: 'delivery-note-not-sent',
            ...deliveryNoteNotSentEmail(note.document, parties, appUrl(state.order)),
          },
        ]);
        return {};
      }
      // R22: each contact gets the note in their own language (the PDF's labels; the title is in both), and R23 the
      // link to sign for the goods: a new one on a retry, the one already sent staying good until it expires.
      const { shipment } = state.delivery;
      const secret = newLinkSecret();
      await deliveries.receiptLinkCreated(linkHash(secret), {
        orderId: step.orderId,
        delivery: step.delivery,
        expiresAt: Math.floor(state.now.getTime() / 1000) + receiptLinkDays * 86400,
      });
      const receiptLinkUrl = `${process.env.APP_URL ?? ''}${receiptLinkPath(receiptLink(state.delivery, secret))}`;
      const messages = await Promise.all(
        contactsByLanguage(state.customer.contacts).map(async ({ language, to }) => {
          const document = { ...note.document, language };
          return {
            to,
            template: 'delivery-note',
            ...deliveryNoteEmail(document, shipment, language, receiptLinkUrl),
            attachments: [
              {
                filename: deliveryNoteFileName(document),
                contentType: 'application/pdf',
                content: await renderDeliveryNote(document),
              },
            ],
          };
        }),
      );
      await sendEachOnce(`delivery-note:${number}`, messages);
      return {};
    }

    case 'transit': {
      const { delivery, now } = await read(step);
      const expected = delivery.expectedBy ?? today(now);
      return { seconds: Math.max(3600, daysBetween(today(now), expected) * 86400) };
    }

    case 'await-receipt':
      return await awaitUnlessDone(receiptWaiter(step.orderId, step.delivery), step.taskToken, 60, async () =>
        (await read(step)).delivery.status === 'delivered' ? { output: {} } : undefined,
      );

    case 'late': {
      const state = await read(step);
      if (state.delivery.status === 'delivered' || !state.delivery.shipment) return {};
      const late = domainEvent(
        'DeliveryLate',
        { kind: 'order', id: state.order.id },
        {
          order: state.order,
          delivery: step.delivery,
          parties: await orderParties(state.customer),
          expectedBy: state.delivery.expectedBy ?? today(state.now),
          waybill: state.delivery.shipment.waybill,
        },
        state.context,
      );
      const note = `R23: delivery ${step.delivery} not signed for by ${state.delivery.expectedBy}; the merchandiser is alerted`;
      await writeAtomically(table, {
        now: state.now,
        events: [late],
        writes: [eventHistoryWrite(table.name, late, 'delivery late', note)],
      });
      return {};
    }

    case 'received': {
      const { delivery } = await read(step);
      return { status: delivery.status };
    }
  }
}

const appUrl = (order: Order) => `${process.env.APP_URL ?? ''}/orders/${order.id}`;

function shippingTitle({ order, delivery, customer }: Read) {
  const count = plannedDeliveries(order).length;
  const which = delivery.replacementFor
    ? ` — 补发 replacement ${delivery.replacementFor.complaintNumber}`
    : count > 1
      ? ` — 第 ${delivery.delivery}/${count} 批 delivery ${delivery.delivery} of ${count}`
      : '';
  return orderTitle(order, customer.name, which);
}

export const handler = observed(shippingStep, correlationIdIn);
