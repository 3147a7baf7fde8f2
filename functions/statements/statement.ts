import * as z from 'zod';
import { decidedOnce, decisionFields, type LastDecision } from '../../shared/application/decisions.ts';
import { accountTeam, onDutyEmail } from '../../shared/application/people.ts';
import { sendEachOnce } from '../../shared/application/send-once.ts';
import { signBackLink, statementMoved } from '../../shared/application/statements.ts';
import { awaitUnlessDone } from '../../shared/application/waiting.ts';
import { renderStatement, statementFileName } from '../../shared/documents/statement.ts';
import { approvalTitle } from '../../shared/domain/approval-summary.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { corrected, correctionReference, lastDispute } from '../../shared/domain/statement.ts';
import { contactsByLanguage } from '../../shared/mail/order-templates.ts';
import {
  statementAlertEmail,
  statementDisputedEmail,
  statementEmail,
  statementExplainedEmail,
} from '../../shared/mail/statement-templates.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { booked } from '../../shared/persistence/ledger.ts';
import { statementRepository } from '../../shared/persistence/statements.ts';
import { statementWaiter } from '../../shared/persistence/waiters.ts';
import { retryOnConflict, type Write } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { HistoryEntry } from '../../shared/schemas/order.ts';
import type { Statement } from '../../shared/schemas/statement.ts';
import { statementFacts } from './facts.ts';

const actor = 'workflow:statement';

const Id = { statementId: z.string() };
const Step = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['load', 'send', 'not-sent', 'signed-back', 'unsigned']), ...Id }),
  z.object({ action: z.literal('stage'), ...Id, stage: z.enum(['disputed', 'correction']) }),
  z.object({ action: z.literal('stalled'), ...Id, step: z.string() }),
  z.object({ action: z.literal('await-sign-back'), ...Id, taskToken: z.string() }),
  z.object({ action: z.enum(['answer', 'correct']), ...Id, ...decisionFields }),
]);
type Decision = Extract<z.infer<typeof Step>, { approvalId: string }>;

const CorrectionValues = z.object({ direction: z.enum(['credit', 'debit']), amount: z.number(), reason: z.string() });

async function read(statementId: string) {
  const table = port('table');
  const statement = await statementRepository(table).get(statementId);
  const customer = await customerRepository(table).get(statement.customerId);
  const now = port('clock').now();
  return {
    statement,
    customer,
    now,
    last: statement.lastDecision,
    context: { now: now.toISOString(), actor, newId: port('ids').next },
  };
}
type Read = Awaited<ReturnType<typeof read>>;

/** The statement moved on from the version this step read (shared/application/statements.ts `statementMoved`). */
const commit = (state: Read, statement: Statement, history?: Omit<HistoryEntry, 'at'>, writes: Write[] = []) =>
  statementMoved(statement, state.statement.version, history, writes);

/** A person's decision recorded once, with where it sent the statement. */
const once = (
  step: Decision,
  decide: (
    state: Read,
  ) => Promise<{ next: string; statement: Statement; history: Omit<HistoryEntry, 'at'>; writes?: Write[] }>,
) =>
  decidedOnce(
    step.approvalId,
    () => read(step.statementId),
    decide,
    async (state, change, lastDecision: LastDecision) =>
      commit(state, { ...change.statement, lastDecision }, change.history, change.writes),
  );

/** Who follows a statement on the company's side: the account's merchandiser and finance on duty. */
async function followers(state: Read) {
  return [(await accountTeam(state.customer)).merchandiserEmail, await onDutyEmail('finance')];
}

const appUrl = () => process.env.APP_URL ?? '';

async function statementStep(input: unknown) {
  const step = Step.parse(input);
  switch (step.action) {
    case 'load': {
      const { statement, customer } = await read(step.statementId);
      const title = approvalTitle(`${statement.id} `, customer.name, ` (${statement.month})`);
      return { statement: { id: statement.id, customerId: statement.customerId, title } };
    }

    case 'send': {
      const state = await read(step.statementId);
      const { statement } = state;
      // R38: each contact in its language, the PDF attached and a link to sign it back (a new one on a retry).
      const link = await signBackLink(statement, state.now);
      const messages = await Promise.all(
        contactsByLanguage(state.customer.contacts).map(async ({ language, to }) => {
          const document = { ...statement, language };
          return {
            to,
            template: 'statement',
            ...statementEmail(document, language, link),
            attachments: [
              {
                filename: statementFileName(document),
                contentType: 'application/pdf',
                content: await renderStatement(document),
              },
            ],
          };
        }),
      );
      await sendEachOnce(`statement:${statement.id}:r${statement.revision}`, messages);
      await sent(
        step.statementId,
        'statement sent',
        `R38: ${statement.id} revision ${statement.revision} e-mailed to ${state.customer.contacts.length} contact(s)`,
      );
      return {};
    }

    case 'not-sent': {
      const state = await read(step.statementId);
      await sendEachOnce(`statement-not-sent:${state.statement.id}:r${state.statement.revision}`, [
        {
          to: await followers(state),
          template: 'statement-not-sent',
          ...statementAlertEmail(state.statement, 'not-sent', appUrl()),
        },
      ]);
      await sent(
        step.statementId,
        'statement not sent',
        `R38: ${state.statement.id} could not be e-mailed; the merchandiser and finance send it another way`,
      );
      return {};
    }

    case 'await-sign-back':
      return await awaitUnlessDone(statementWaiter(step.statementId), step.taskToken, 61, async () =>
        answered((await read(step.statementId)).statement) ? { output: {} } : undefined,
      );

    case 'signed-back': {
      const state = await read(step.statementId);
      const { statement } = state;
      if (statement.status === 'disputed') {
        const dispute = lastDispute(statement);
        if (dispute) {
          await sendEachOnce(`statement-disputed:${statement.id}:r${statement.revision}`, [
            {
              to: [(await accountTeam(state.customer)).merchandiserEmail],
              template: 'statement-disputed',
              ...statementDisputedEmail(statement, dispute, appUrl()),
            },
          ]);
        }
      }
      return { next: answered(statement) ? statement.status : 'waiting' };
    }

    case 'stage': {
      const { statement } = await read(step.statementId);
      return { facts: statementFacts(statement), lines: [] };
    }

    case 'stalled': {
      const state = await read(step.statementId);
      await sendEachOnce(
        `statement-stalled:${state.statement.id}:${step.step}:${calendarDateIn(state.now, companyTimeZone)}`,
        [
          {
            to: await followers(state),
            template: 'statement-stalled',
            ...statementAlertEmail(state.statement, 'stalled', appUrl()),
          },
        ],
      );
      return {};
    }

    case 'answer':
      return await once(step, async (state) => {
        const { statement } = state;
        if (step.outcome === 'reject') {
          // R38: the statement stands: the customer is told why and asked to sign it as it is.
          const link = await signBackLink(statement, state.now);
          await sendEachOnce(
            `statement-explained:${step.approvalId}`,
            contactsByLanguage(state.customer.contacts).map(({ language, to }) => ({
              to,
              template: 'statement-explained',
              ...statementExplainedEmail({ ...statement, language }, language, step.comment, link),
            })),
          );
          return {
            next: 'explained',
            statement: { ...statement, status: 'sent', explanation: step.comment },
            history: {
              actor: step.decidedBy,
              action: 'statement explained',
              note: `R38: ${statement.id} stands: ${step.comment}`,
            },
          };
        }
        const values = CorrectionValues.parse(step.values);
        const amount = values.direction === 'credit' ? -values.amount : values.amount;
        return {
          next: 'correction',
          statement: { ...statement, pendingCorrection: { amount, reason: values.reason, by: step.decidedBy } },
          history: {
            actor: step.decidedBy,
            action: 'statement correction proposed',
            note: `R38: ${statement.id}: ${amount} ${statement.currency} — ${values.reason}; the finance leader approves`,
          },
        };
      });

    case 'correct':
      return await once(step, async (state) => {
        const { statement } = state;
        const pending = statement.pendingCorrection;
        if (!pending || step.outcome === 'reject') {
          const { pendingCorrection: _, ...rest } = statement;
          return {
            next: 'refused',
            statement: rest,
            history: {
              actor: step.decidedBy,
              action: 'statement correction refused',
              note: `R38: ${statement.id}: ${step.comment}`,
            },
          };
        }
        // R40: the correction is an adjustment of the ledger, booked now (a closed month stays closed).
        const reference = correctionReference(statement);
        const correction = {
          reference,
          amount: pending.amount,
          reason: pending.reason,
          bookedOn: calendarDateIn(state.now, companyTimeZone),
          by: pending.by,
          approvedBy: step.decidedBy,
        };
        const entry = {
          customerId: statement.customerId,
          kind: 'adjustment' as const,
          reference,
          amount: pending.amount,
          currency: statement.currency,
          reason: `${statement.id}: ${pending.reason}`,
          approvedBy: step.decidedBy,
          at: state.context.now,
        };
        return {
          next: 'corrected',
          statement: corrected(statement, correction),
          history: {
            actor: step.decidedBy,
            action: 'statement corrected',
            note: `R38: ${statement.id} revision ${statement.revision + 1}: ${pending.amount} ${statement.currency} booked (${reference})`,
          },
          writes: booked(port('table').name, entry),
        };
      });

    case 'unsigned':
      return await retryOnConflict(async () => {
        const state = await read(step.statementId);
        if (answered(state.statement)) return {};
        await sendEachOnce(`statement-unsigned:${state.statement.id}:r${state.statement.revision}`, [
          {
            to: await followers(state),
            template: 'statement-unsigned',
            ...statementAlertEmail(state.statement, 'unsigned', appUrl()),
          },
        ]);
        await commit(
          state,
          { ...state.statement, status: 'unsigned' },
          {
            actor,
            action: 'statement unsigned',
            note: `R38: ${state.statement.id} was never signed back`,
          },
        );
        return {};
      });
  }
}

const answered = (statement: Statement) => statement.status === 'confirmed' || statement.status === 'disputed';

/** The statement on its way to the customer (or to be sent by hand): it waits for its signature from now. */
async function sent(statementId: string, action: string, note: string) {
  await retryOnConflict(async () => {
    const state = await read(statementId);
    if (state.statement.status !== 'issued') return;
    await commit(state, { ...state.statement, status: 'sent', sentAt: state.context.now }, { actor, action, note });
  });
}

export const handler = observed(statementStep, correlationIdIn);
