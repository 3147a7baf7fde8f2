import * as z from 'zod';
import { decidedOnce, decisionFields } from '../../shared/application/decisions.ts';
import { orderParties } from '../../shared/application/people.ts';
import { returnApplicationFiled } from '../../shared/application/return-applications.ts';
import { awaitUnlessDone } from '../../shared/application/waiting.ts';
import { approvalTitle } from '../../shared/domain/approval-summary.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { complaintMoved, complaintSummary } from '../../shared/domain/complaint.ts';
import { Conflict, ValidationFailed } from '../../shared/domain/errors.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { replacementDelivery } from '../../shared/domain/fulfilment.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { complaintRepository } from '../../shared/persistence/complaints.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { eventHistoryWrite } from '../../shared/persistence/history.ts';
import { historyWrite, orderRepository } from '../../shared/persistence/orders.ts';
import { weightWaiter } from '../../shared/persistence/waiters.ts';
import { retryOnConflict, type Write, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { Complaint } from '../../shared/schemas/complaint.ts';
import type { DomainEvent } from '../../shared/schemas/events.ts';
import type { HistoryEntry } from '../../shared/schemas/order.ts';
import { complaintFacts } from './facts.ts';

const actor = 'workflow:complaint';

const Id = { complaintId: z.string() };
const Step = z.discriminatedUnion('action', [
  z.object({ action: z.literal('load'), ...Id }),
  z.object({ action: z.literal('await-weight'), ...Id, taskToken: z.string() }),
  z.object({ action: z.literal('weight-missing'), ...Id }),
  z.object({ action: z.literal('stage'), ...Id, stage: z.enum(['report', 'leader_review', 'qa_analysis', 'reply']) }),
  z.object({ action: z.literal('stalled'), ...Id, step: z.string() }),
  z.object({ action: z.enum(['report', 'sign', 'analyse', 'reply']), ...Id, ...decisionFields }),
]);
type Decision = Extract<z.infer<typeof Step>, { approvalId: string }>;

async function read(complaintId: string) {
  const table = port('table');
  const complaint = await complaintRepository(table).get(complaintId);
  const customer = await customerRepository(table).get(complaint.customerId);
  const now = port('clock').now();
  return {
    complaint,
    customer,
    now,
    last: complaint.lastDecision,
    context: { now: now.toISOString(), actor, newId: port('ids').next },
  };
}
type Read = Awaited<ReturnType<typeof read>>;

type Change = { history?: Omit<HistoryEntry, 'at'>; events?: DomainEvent[]; writes?: Write[] };

/** The complaint moved on, an entry of its order's history (R15), its events and other writes, in one write. */
async function commit(state: Read, complaint: Complaint, { history, events = [], writes = [] }: Change) {
  const table = port('table');
  const eventId = events[0]?.id ?? state.context.newId();
  await writeAtomically(table, {
    now: state.now,
    events,
    writes: [
      complaintRepository(table).saved(complaint, state.complaint.version),
      ...(history ? [historyWrite(table.name, complaint.orderId, { at: state.context.now, ...history }, eventId)] : []),
      ...writes,
    ],
  });
}

/** A person's decision recorded once, with where it sent the complaint. */
const once = (step: Decision, decide: (state: Read) => Promise<Change & { next: string; complaint?: Complaint }>) =>
  decidedOnce(
    step.approvalId,
    () => read(step.complaintId),
    decide,
    async (state, { next: _, complaint = state.complaint, ...change }, lastDecision) =>
      await commit(
        state,
        { ...complaintMoved(complaint, { lastDecision }, state.context.now), version: state.complaint.version + 1 },
        change,
      ),
  );

/** The report goes back to the merchandiser with why (R26: the leader or QA). */
const sentBack = (state: Read, step: Decision, action: string) => ({
  next: 'returned',
  complaint: {
    ...state.complaint,
    status: 'report' as const,
    returned: { by: step.decidedBy, reason: step.comment, at: state.context.now },
  },
  history: { actor: step.decidedBy, action, note: `R26: ${state.complaint.number}: ${step.comment}` },
});

/**
 * R27: the replacement the reply settled on, as the order's next delivery of the lines and quantities complained of:
 * written with the reply, its DeliveryFinished starts its shipping (F3). A delivery number taken meanwhile is a
 * conflict, and the step reads again.
 */
async function replaced(state: Read, by: string) {
  const table = port('table');
  const { order } = await orderRepository(table).get(state.complaint.orderId);
  const madeBefore = (await deliveryRepository(table).forOrder(order.id)).map((d) => d.delivery);
  const made = replacementDelivery(
    order,
    state.complaint,
    { madeBefore, today: calendarDateIn(state.now, companyTimeZone) },
    { ...state.context, actor: by },
  );
  return {
    link: { orderId: order.id, delivery: made.delivery.delivery },
    events: [made.event],
    writes: [
      deliveryRepository(table).created(made.delivery),
      historyWrite(table.name, order.id, made.history, made.event.id),
    ],
  };
}

/**
 * R27 → F5: a reply settling on a return files the return application of the lines complained of, in the reply's
 * write. Goods another application took already are not taken twice: the reply then says so on the history.
 */
async function returnOpened(state: Read, by: string) {
  const { complaint } = state;
  const { order } = await orderRepository(port('table')).get(complaint.orderId);
  try {
    const filed = await returnApplicationFiled(
      order,
      {
        customerId: complaint.customerId,
        orderId: complaint.orderId,
        delivery: complaint.delivery,
        lines: complaint.lines.map(({ line, quantity, note }) => ({ line, quantity, ...(note ? { note } : {}) })),
        reason: complaint.description,
        complaintId: complaint.id,
        contact: complaint.contact,
      },
      by,
    );
    return { events: [filed.event], writes: filed.writes, note: `, return ${filed.application.number}` };
  } catch (error) {
    if (!(error instanceof ValidationFailed || error instanceof Conflict)) throw error;
    return {
      events: [],
      writes: [],
      note: `; no return opened: ${error.message} ${(error.errors ?? []).map((e) => `${e.field} ${e.message}`).join('; ')}`,
    };
  }
}

async function complaintStep(event: unknown) {
  const step = Step.parse(event);
  switch (step.action) {
    case 'load': {
      const { complaint, customer } = await read(step.complaintId);
      const title = approvalTitle(`${complaint.number} `, customer.name, ` (${complaint.orderNumber})`);
      return {
        complaint: {
          id: complaint.id,
          orderId: complaint.orderId,
          title,
          accountOwner: customer.accountOwner,
          status: complaint.status,
        },
      };
    }

    case 'await-weight':
      return await awaitUnlessDone(weightWaiter(step.complaintId), step.taskToken, 4, async () =>
        (await read(step.complaintId)).complaint.status === 'awaiting_weight' ? undefined : { output: {} },
      );

    case 'weight-missing':
      // R28: moved on to the report in the same write, so that a retried step tells the owner once.
      return await retryOnConflict(async () => {
        const state = await read(step.complaintId);
        if (state.complaint.status !== 'awaiting_weight') return {};
        const complaint = complaintMoved(state.complaint, { status: 'report' }, state.context.now);
        const missing = domainEvent(
          'ComplaintWeightMissing',
          { kind: 'order', id: complaint.orderId },
          { complaint: complaintSummary(complaint), customerName: state.customer.name },
          state.context,
        );
        await commit(state, complaint, {
          events: [missing],
          history: {
            actor,
            action: 'complaint weight missing',
            note: `R28: ${complaint.number}: the customer gave no weight received; the report goes ahead without it`,
          },
        });
        return {};
      });

    case 'stage':
      return await retryOnConflict(async () => {
        const state = await read(step.complaintId);
        let { complaint } = state;
        if (complaint.status !== step.stage) {
          complaint = complaintMoved(complaint, { status: step.stage }, state.context.now);
          await commit(state, complaint, {});
        }
        return { facts: complaintFacts(complaint, state.customer), lines: [] };
      });

    case 'stalled': {
      const state = await read(step.complaintId);
      const stalled = domainEvent(
        'ComplaintStalled',
        { kind: 'order', id: state.complaint.orderId },
        { complaint: complaintSummary(state.complaint), step: step.step, parties: await orderParties(state.customer) },
        state.context,
      );
      const table = port('table');
      const note = `${state.complaint.number}, ${step.step}: nobody acted, even after the escalation; asked again`;
      await writeAtomically(table, {
        now: state.now,
        events: [stalled],
        writes: [eventHistoryWrite(table.name, stalled, 'complaint step stalled', note)],
      });
      return {};
    }

    case 'report':
      return await once(step, async (state) => {
        if (step.outcome === 'reject') return { next: 'again' };
        const values = step.values as { description: string; evidence: string; customerDemand: Complaint['demand'] };
        const { returned: _, ...rest } = state.complaint;
        const report = { ...values, writtenBy: step.decidedBy, writtenAt: step.decidedAt };
        return {
          next: 'written',
          complaint: { ...rest, report },
          history: {
            actor: step.decidedBy,
            action: 'complaint report written',
            note: `R25: ${state.complaint.number}`,
          },
        };
      });

    case 'sign':
      return await once(step, async (state) => {
        const report = state.complaint.report;
        if (step.outcome === 'reject' || !report) return sentBack(state, step, 'complaint report returned');
        return {
          next: 'signed',
          complaint: { ...state.complaint, report: { ...report, signedBy: step.decidedBy, signedAt: step.decidedAt } },
          history: { actor: step.decidedBy, action: 'complaint report signed', note: `R26: ${state.complaint.number}` },
        };
      });

    case 'analyse':
      return await once(step, async (state) => {
        if (step.outcome === 'reject') return sentBack(state, step, 'complaint report returned by QA');
        const values = step.values as Omit<NonNullable<Complaint['analysis']>, 'by' | 'at'>;
        return {
          next: 'analysed',
          complaint: { ...state.complaint, analysis: { ...values, by: step.decidedBy, at: step.decidedAt } },
          history: {
            actor: step.decidedBy,
            action: 'cause analysed',
            note: `R26: ${state.complaint.number}: caused by ${values.causedBy}`,
          },
        };
      });

    case 'reply':
      return await once(step, async (state) => {
        if (step.outcome === 'reject') return { next: 'again' };
        const { resolution, reply: text } = step.values as { resolution: Complaint['demand']; reply: string };
        const replacement = resolution === 'replacement' ? await replaced(state, step.decidedBy) : undefined;
        const opened = resolution === 'return' ? await returnOpened(state, step.decidedBy) : undefined;
        const complaint: Complaint = {
          ...state.complaint,
          status: 'answered',
          reply: { resolution, text, by: step.decidedBy, at: step.decidedAt },
          ...(replacement ? { replacement: replacement.link } : {}),
        };
        const answered = domainEvent(
          'ComplaintAnswered',
          { kind: 'order', id: complaint.orderId },
          {
            complaint: complaintSummary(complaint),
            reply: { resolution, text },
            parties: await orderParties(state.customer),
          },
          { ...state.context, actor: step.decidedBy },
        );
        return {
          next: 'answered',
          complaint,
          events: [answered, ...(replacement?.events ?? []), ...(opened?.events ?? [])],
          history: {
            actor: step.decidedBy,
            action: 'complaint answered',
            note: `R27: ${complaint.number}: ${resolution}${replacement ? `, delivery ${replacement.link.delivery}` : ''}${opened?.note ?? ''}`,
          },
          writes: [...(replacement?.writes ?? []), ...(opened?.writes ?? [])],
        };
      });
  }
}

export const handler = observed(complaintStep, correlationIdIn);
