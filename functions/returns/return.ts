import * as z from 'zod';
import { decidedOnce, decisionFields, type LastDecision } from '../../shared/application/decisions.ts';
import { accountTeam, documentSignature, orderParties } from '../../shared/application/people.ts';
import { sendEachOnce } from '../../shared/application/send-once.ts';
import { awaitUnlessDone } from '../../shared/application/waiting.ts';
import { renderReturnNote, returnNoteFileName } from '../../shared/documents/return-note.ts';
import { linkHash, newLinkSecret } from '../../shared/domain/approval.ts';
import { approvalTitle } from '../../shared/domain/approval-summary.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { ValidationFailed } from '../../shared/domain/errors.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import {
  analysisProblem,
  approvalRoute,
  needsGeneralManager,
  type ReturnAnalysisValues,
  receivedAgainst,
  released,
  returnMoved,
  returnNote,
  returnSummary,
} from '../../shared/domain/returns.ts';
import { contactsByLanguage } from '../../shared/mail/order-templates.ts';
import {
  returnApprovedEmail,
  returnNoteEmail,
  returnNoteNotSentEmail,
  returnShipmentLateEmail,
} from '../../shared/mail/return-templates.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { complaintRepository } from '../../shared/persistence/complaints.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { eventHistoryWrite } from '../../shared/persistence/history.ts';
import { booked } from '../../shared/persistence/ledger.ts';
import { historyWrite } from '../../shared/persistence/orders.ts';
import { returnNoteNumber, returnRepository } from '../../shared/persistence/returns.ts';
import { returnShipmentWaiter } from '../../shared/persistence/waiters.ts';
import { retryOnConflict, type Write, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { ReturnHandling } from '../../shared/schemas/documents.ts';
import type { DomainEvent } from '../../shared/schemas/events.ts';
import type { HistoryEntry } from '../../shared/schemas/order.ts';
import type { ReturnApplication } from '../../shared/schemas/return.ts';
import { returnFacts, returnLines } from './facts.ts';
import { returnLink, returnLinkPath } from './return-link.ts';

const actor = 'workflow:return';
/** R33: how long the link to announce the shipment stays good. */
const announceLinkDays = 30;

const Id = { returnId: z.string() };
const Signatures = z.array(
  z.object({ role: z.string(), outcome: z.string().nullable(), by: z.string().nullable(), at: z.string().nullable() }),
);
const Step = z.discriminatedUnion('action', [
  z.object({ action: z.literal('load'), ...Id }),
  z.object({
    action: z.literal('stage'),
    ...Id,
    stage: z.enum(['analysis', 'leader_approval', 'gm_approval', 'receiving', 'sign_off', 'return_note']),
  }),
  z.object({ action: z.literal('stalled'), ...Id, step: z.string() }),
  z.object({ action: z.enum(['approved', 'shipment-late', 'send-note', 'note-not-sent']), ...Id }),
  z.object({ action: z.literal('await-shipment'), ...Id, taskToken: z.string() }),
  z.object({
    action: z.enum(['analyse', 'confirm', 'except', 'remelt', 'receive', 'issue-note']),
    ...Id,
    ...decisionFields,
  }),
  z.object({ action: z.enum(['sign-off', 'sign-note']), ...Id, ...decisionFields, signatures: Signatures }),
]);
type Decision = Extract<z.infer<typeof Step>, { approvalId: string }>;

async function read(returnId: string) {
  const table = port('table');
  const application = await returnRepository(table).get(returnId);
  const customer = await customerRepository(table).get(application.customerId);
  const now = port('clock').now();
  return {
    application,
    customer,
    now,
    today: calendarDateIn(now, companyTimeZone),
    last: application.lastDecision,
    context: { now: now.toISOString(), actor, newId: port('ids').next },
  };
}
type Read = Awaited<ReturnType<typeof read>>;

type Change = {
  next: string;
  application?: ReturnApplication;
  history?: Omit<HistoryEntry, 'at'>;
  events?: DomainEvent[];
  writes?: Write[];
};

/** The return moved on, an entry of its order's history (R15), its events and other writes, in one transaction. */
async function commit(state: Read, application: ReturnApplication, change: Omit<Change, 'next'>) {
  const table = port('table');
  const { history, events = [], writes = [] } = change;
  const eventId = events[0]?.id ?? state.context.newId();
  await writeAtomically(table, {
    now: state.now,
    events,
    writes: [
      returnRepository(table).saved(application, state.application.version),
      ...writes,
      ...(history
        ? [historyWrite(table.name, application.orderId, { at: state.context.now, ...history }, eventId)]
        : []),
    ],
  });
}

/** A person's decision recorded once, with where it sent the return. */
const once = (step: Decision, decide: (state: Read) => Promise<Change>) =>
  decidedOnce(
    step.approvalId,
    () => read(step.returnId),
    decide,
    async (state, { next: _, application = state.application, ...change }, lastDecision: LastDecision) =>
      await commit(
        state,
        { ...returnMoved(application, { lastDecision }, state.context.now), version: state.application.version + 1 },
        change,
      ),
  );

/** The analysis goes back to the merchandiser with why (R31: not enough to decide on; R32: a leader or the GM). */
const sentBack = (state: Read, by: string, reason: string, action: string): Change => ({
  next: 'returned',
  application: { ...state.application, returned: { by, reason, at: state.context.now } },
  history: { actor: by, action, note: `${state.application.number}: ${reason}` },
});

/** Where an approved return goes next: the general manager for remelting, else the customer's instructions. */
const approvedNext = (application: ReturnApplication) =>
  application.analysis && needsGeneralManager(application.analysis.handling) ? 'remelt' : 'approved';

/** R31: the complaint a production fault rests on: the application's, or the one the analysis names by number. */
async function complaintNamed(application: ReturnApplication, number: string | undefined) {
  const complaints = complaintRepository(port('table'));
  if (!number) return application.complaint ? await complaints.get(application.complaint.id) : undefined;
  const { items } = await complaints.list({ customer: application.customerId, limit: 100 });
  return items.find((c) => c.number === number && c.orderId === application.orderId);
}

async function returnStep(event: unknown) {
  const step = Step.parse(event);
  const table = port('table');
  const returns = returnRepository(table);
  switch (step.action) {
    case 'load': {
      const { application, customer } = await read(step.returnId);
      const title = approvalTitle(`${application.number} `, customer.name, ` (${application.orderNumber})`);
      return {
        return: { id: application.id, orderId: application.orderId, title, accountOwner: customer.accountOwner },
      };
    }

    case 'stage':
      return await retryOnConflict(async () => {
        const state = await read(step.returnId);
        let { application } = state;
        if (application.status !== step.stage) {
          application = returnMoved(application, { status: step.stage }, state.context.now);
          await commit(state, application, {});
        }
        return { facts: returnFacts(application, state.customer), lines: returnLines(application) };
      });

    case 'stalled': {
      const state = await read(step.returnId);
      const stalled = domainEvent(
        'ReturnStalled',
        { kind: 'order', id: state.application.orderId },
        { return: returnSummary(state.application), step: step.step, parties: await orderParties(state.customer) },
        state.context,
      );
      const note = `${state.application.number}, ${step.step}: nobody acted, even after the escalation; asked again`;
      await writeAtomically(table, {
        now: state.now,
        events: [stalled],
        writes: [eventHistoryWrite(table.name, stalled, 'return step stalled', note)],
      });
      return {};
    }

    case 'analyse':
      return await once(step, async (state) => {
        if (step.outcome === 'reject') return { next: 'again' };
        const values = step.values as unknown as ReturnAnalysisValues;
        const complaint = await complaintNamed(state.application, values.complaintNumber);
        if (values.complaintNumber && !complaint) {
          return sentBack(
            state,
            actor,
            `R31: ${values.complaintNumber} is not a complaint about order ${state.application.orderNumber}`,
            'return analysis returned',
          );
        }
        const problem = analysisProblem(values, complaint);
        if (problem) return sentBack(state, actor, `R31: ${problem}`, 'return analysis returned');
        const { returned: _, ...rest } = state.application;
        const analysis = {
          causedBy: values.causedBy,
          cause: values.cause,
          productionFault: values.productionFault === 'yes',
          handling: values.handling,
          ...(complaint ? { complaint: { id: complaint.id, number: complaint.number } } : {}),
          by: step.decidedBy,
          at: step.decidedAt,
        };
        return {
          next: approvalRoute(analysis),
          application: { ...rest, analysis },
          history: {
            actor: step.decidedBy,
            action: 'return analysed',
            note: `R31: ${state.application.number}: caused by the ${analysis.causedBy}${analysis.productionFault ? ' (production fault)' : ''}, ${analysis.handling}`,
          },
        };
      });

    case 'confirm':
      return await once(step, async (state) => {
        if (step.outcome === 'reject') return sentBack(state, step.decidedBy, step.comment, 'return analysis disputed');
        const application = { ...state.application, approval: { by: step.decidedBy, at: step.decidedAt } };
        return {
          next: approvedNext(application),
          application,
          history: {
            actor: step.decidedBy,
            action: 'return approved',
            note: `R32: ${application.number}: caused by the company, accepted`,
          },
        };
      });

    case 'except':
      return await once(step, async (state) => {
        const { application } = state;
        if (step.outcome === 'reject') {
          const refused: ReturnApplication = {
            ...application,
            status: 'refused',
            refusal: { by: step.decidedBy, at: step.decidedAt, reason: step.comment },
          };
          const event = domainEvent(
            'ReturnRefused',
            { kind: 'order', id: application.orderId },
            { return: returnSummary(refused), reason: step.comment, parties: await orderParties(state.customer) },
            { ...state.context, actor: step.decidedBy },
          );
          const before = await returns.returned(application.orderId, application.delivery);
          return {
            next: 'refused',
            application: refused,
            events: [event],
            history: {
              actor: step.decidedBy,
              action: 'return refused',
              note: `R32: ${application.number}: ${step.comment}`,
            },
            // The goods it held go back to what may still be returned.
            writes: [returns.returnedSaved(released(before, application.lines))],
          };
        }
        const { handling, instructions } = step.values as { handling: ReturnHandling; instructions: string };
        const analysis = application.analysis && { ...application.analysis, handling };
        const excepted: ReturnApplication = {
          ...application,
          ...(analysis ? { analysis } : {}),
          approval: { by: step.decidedBy, at: step.decidedAt, exception: instructions },
        };
        return {
          next: approvedNext(excepted),
          application: excepted,
          history: {
            actor: step.decidedBy,
            action: 'return excepted',
            note: `R32: ${application.number}: caused by the customer, exception granted: ${instructions}`,
          },
        };
      });

    case 'remelt':
      return await once(step, async (state) => {
        if (step.outcome === 'reject') return sentBack(state, step.decidedBy, step.comment, 'remelting refused');
        const { approval } = state.application;
        const gm = { by: step.decidedBy, at: step.decidedAt };
        return {
          next: 'approved',
          application: { ...state.application, approval: { ...(approval ?? gm), gm } },
          history: { actor: step.decidedBy, action: 'remelting approved', note: `R32: ${state.application.number}` },
        };
      });

    case 'approved': {
      const state = await read(step.returnId);
      let { application } = state;
      if (application.status !== 'approved' && !application.shipment) {
        application = returnMoved(application, { status: 'approved' }, state.context.now);
        await commit(state, application, {
          history: {
            actor,
            action: 'return number sent',
            note: `R33: ${application.number}: the customer is sent the return number and instructions`,
          },
        });
      }
      // R33: each contact in its language, with a link to announce the shipment (a new one on a retry).
      const secret = newLinkSecret();
      await returns.announceLinkCreated(linkHash(secret), {
        returnId: application.id,
        expiresAt: Math.floor(state.now.getTime() / 1000) + announceLinkDays * 86400,
      });
      const link = `${process.env.APP_URL ?? ''}${returnLinkPath(returnLink(application.id, secret))}`;
      await sendEachOnce(
        `return-approved:${application.id}`,
        contactsByLanguage(state.customer.contacts).map(({ language, to }) => ({
          to,
          template: 'return-approved',
          ...returnApprovedEmail(application, language, link),
        })),
      );
      return {};
    }

    case 'await-shipment':
      return await awaitUnlessDone(returnShipmentWaiter(step.returnId), step.taskToken, 15, async () =>
        (await read(step.returnId)).application.shipment ? { output: {} } : undefined,
      );

    case 'shipment-late': {
      const state = await read(step.returnId);
      if (state.application.shipment) return {};
      await sendEachOnce(`return-shipment-late:${state.application.id}:${state.today}`, [
        {
          to: [state.application.owner],
          template: 'return-shipment-late',
          ...returnShipmentLateEmail(state.application, state.customer.name, appUrl()),
        },
      ]);
      return {};
    }

    case 'receive':
      return await once(step, async (state) => {
        if (step.outcome === 'reject') return { next: 'again' };
        const { application } = state;
        const { lines: counted = [], note } = step.values as {
          lines?: { line: number; quantity: number }[];
          note?: string;
        };
        let checked: ReturnType<typeof receivedAgainst>;
        try {
          checked = receivedAgainst(application, counted);
        } catch (error) {
          if (!(error instanceof ValidationFailed)) throw error;
          const reason = `R34: more counted than return ${application.number} applied for; count again`;
          return { next: 'again', history: { actor: step.decidedBy, action: 'return count refused', note: reason } };
        }
        const received: ReturnApplication = {
          ...application,
          receipt: { ...checked, by: step.decidedBy, at: step.decidedAt },
        };
        const short = checked.lines.map((l) => ({ line: l.line, quantity: l.expected - l.received }));
        const before = await returns.returned(application.orderId, application.delivery);
        const events = checked.difference
          ? [
              domainEvent(
                'ReturnReceivedWithDifference',
                { kind: 'order', id: application.orderId },
                {
                  return: returnSummary(received),
                  lines: checked.lines
                    .filter((l) => l.received !== l.expected)
                    .map((l) => ({
                      ...l,
                      productCode: application.lines.find((a) => a.line === l.line)?.productCode ?? '',
                    })),
                  ...(note ? { note } : {}),
                  parties: await orderParties(state.customer),
                },
                { ...state.context, actor: step.decidedBy },
              ),
            ]
          : [];
        return {
          next: 'checked',
          application: received,
          events,
          history: {
            actor: step.decidedBy,
            action: 'returned goods received',
            note: `R34: ${application.number}: ${checked.lines.map((l) => `line ${l.line} ${l.received}/${l.expected}`).join(', ')}${note ? ` — ${note}` : ''}`,
          },
          // What did not come back may be returned another time.
          writes: checked.difference ? [returns.returnedSaved(released(before, short))] : [],
        };
      });

    case 'sign-off':
      return await once(step, async (state) => {
        if (step.outcome === 'reject') return await stopped(state, step, 'R35');
        const signOff = step.signatures.map((s) => ({ role: s.role, by: s.by ?? '', at: s.at ?? step.decidedAt }));
        return {
          next: 'signed',
          application: { ...state.application, signOff },
          history: {
            actor: step.decidedBy,
            action: 'return signed off',
            note: `R35: ${state.application.number}: ${signOff.map((s) => s.by).join(', ')}`,
          },
        };
      });

    case 'issue-note':
      return await once(step, async (state) => {
        if (step.outcome === 'reject') return await stopped(state, step, 'R36');
        const { application, customer, today } = state;
        const month = today.slice(0, 7);
        const previous = await returns.noteSequence(month);
        const number = returnNoteNumber(month, previous + 1);
        const document = returnNote(application, customer, {
          number,
          issuedOn: today,
          language: customer.contacts[0]?.language ?? 'zh-CN',
          finance: await documentSignature(step.decidedBy, state.now),
        });
        const credit = { amount: document.totals.amount, returnNote: number, bookedAt: state.context.now };
        const issued = { ...application, returnNote: number, credit };
        return {
          next: 'issued',
          application: issued,
          history: {
            actor: step.decidedBy,
            action: 'return note issued',
            note: `R36: ${number} for ${application.number}, ${credit.amount} ${application.currency} credited`,
          },
          writes: [
            ...returns.noteIssued(
              {
                number,
                returnId: application.id,
                customerId: customer.id,
                status: 'issued',
                document,
                issuedAt: state.context.now,
              },
              month,
              previous,
            ),
            // F7: the customer owes that much less; the ledger lists the credit in the month's statement.
            ...booked(table.name, {
              customerId: customer.id,
              kind: 'return-note',
              reference: number,
              amount: -credit.amount,
              currency: application.currency,
              orderNumber: application.orderNumber,
              at: state.context.now,
            }),
          ],
        };
      });

    case 'sign-note':
      return await once(step, async (state) => {
        const { application } = state;
        const { returnNote: number, credit } = application;
        if (!number || !credit) throw new Error(`Return ${application.number} has no return note to sign.`);
        const note = await returns.note(number);
        if (step.outcome === 'reject') {
          const { returnNote: _, credit: __, ...rest } = application;
          return {
            next: 'void',
            application: rest,
            history: { actor: step.decidedBy, action: 'return note void', note: `R36: ${number}: ${step.comment}` },
            // The credit is taken back; the number stays used, the note void; finance issues another.
            writes: [
              returns.noteSaved({ ...note, status: 'void' }),
              ...booked(table.name, {
                customerId: application.customerId,
                kind: 'return-note-void',
                reference: number,
                amount: credit.amount,
                currency: application.currency,
                orderNumber: application.orderNumber,
                at: state.context.now,
              }),
            ],
          };
        }
        const signer = async (role: string) => {
          const by = step.signatures.find((s) => s.role === role)?.by;
          return by
            ? { [role === 'warehouse' ? 'warehouse' : 'salesAdmin']: await documentSignature(by, state.now) }
            : {};
        };
        const document = {
          ...note.document,
          signatures: { ...note.document.signatures, ...(await signer('warehouse')), ...(await signer('sales-admin')) },
        };
        const credited: ReturnApplication = { ...application, status: 'credited' };
        const event = domainEvent(
          'ReturnCredited',
          { kind: 'order', id: application.orderId },
          { return: returnSummary(credited), returnNote: number, amount: credit.amount },
          { ...state.context, actor: step.decidedBy },
        );
        return {
          next: 'signed',
          application: credited,
          events: [event],
          history: { actor: step.decidedBy, action: 'return note signed', note: `R36: ${number}` },
          writes: [returns.noteSaved({ ...note, status: 'signed', document })],
        };
      });

    case 'send-note':
    case 'note-not-sent': {
      const state = await read(step.returnId);
      const number = state.application.returnNote;
      if (!number) return {};
      const note = await returns.note(number);
      if (step.action === 'note-not-sent') {
        await sendEachOnce(`return-note-not-sent:${number}`, [
          {
            to: [state.application.owner],
            template: 'return-note-not-sent',
            ...returnNoteNotSentEmail(note.document, state.customer.name, appUrl()),
          },
        ]);
        return {};
      }
      // R36: each contact gets the note in its own language.
      const messages = await Promise.all(
        contactsByLanguage(state.customer.contacts).map(async ({ language, to }) => {
          const document = { ...note.document, language };
          return {
            to,
            template: 'return-note',
            ...returnNoteEmail(document, language),
            attachments: [
              {
                filename: returnNoteFileName(document),
                contentType: 'application/pdf',
                content: await renderReturnNote(document),
              },
            ],
          };
        }),
      );
      await sendEachOnce(`return-note:${number}`, messages);
      return {};
    }
  }
}

/** R35, R36: one refusal stops the return with its reason; its owner and the sales leader are told. */
async function stopped(state: Read, step: Decision, rule: string): Promise<Change> {
  const application: ReturnApplication = {
    ...state.application,
    status: 'stopped',
    stopped: { by: step.decidedBy, at: step.decidedAt, reason: step.comment },
  };
  const event = domainEvent(
    'ReturnStopped',
    { kind: 'order', id: application.orderId },
    {
      return: returnSummary(application),
      reason: step.comment,
      by: step.decidedBy,
      parties: await orderParties(state.customer),
      salesManagerEmail: (await accountTeam(state.customer)).salesManagerEmail,
    },
    { ...state.context, actor: step.decidedBy },
  );
  return {
    next: 'stopped',
    application,
    events: [event],
    history: {
      actor: step.decidedBy,
      action: 'return stopped',
      note: `${rule}: ${application.number}: ${step.comment}`,
    },
  };
}

const appUrl = () => process.env.APP_URL ?? '';

export const handler = observed(returnStep, correlationIdIn);
