import { linkHash, newLinkSecret } from '../domain/approval.ts';
import { Conflict } from '../domain/errors.ts';
import { domainEvent } from '../domain/events.ts';
import { cutOf, signedBack, statementOf, statementSummary } from '../domain/statement.ts';
import { subjectHistoryWrite } from '../persistence/history.ts';
import { statementRepository } from '../persistence/statements.ts';
import { type Idempotency, writeAtomically } from '../persistence/write.ts';
import { port } from '../runtime.ts';
import type { Customer } from '../schemas/customer.ts';
import type { Statement, StatementSignature, StatementSignBack } from '../schemas/statement.ts';

/** What the run did for one customer: issued its statement, found it issued already, or had nothing to state. */
export type Issued = 'issued' | 'stated' | 'nothing';

/**
 * R38: one customer's statement of a month, from one read of its ledger back to the last close: the statement, the
 * month's close, an entry in the customer's history and the event that starts its workflow, in one write — once,
 * however often the run is repeated (a repeat finds the close, or loses the race to write it).
 */
export async function issueStatement(customer: Customer, month: string, actor: string): Promise<Issued> {
  const table = port('table');
  const statements = statementRepository(table);
  const now = port('clock').now();
  const back = await statements.readBack(customer.id, month, cutOf(month, now.toISOString()));
  if (back.stated) return 'stated';
  const made = statementOf(customer, month, back, now.toISOString());
  if (!made) return 'nothing';
  const { statement, close } = made;
  const context = { now: now.toISOString(), actor, newId: port('ids').next };
  const subject = { kind: 'customer', id: customer.id };
  const event = domainEvent('StatementIssued', subject, { statement: statementSummary(statement) }, context);
  const entry = {
    at: context.now,
    actor,
    action: 'statement issued',
    note: `R38: ${statement.id} of ${month}: opening ${statement.opening}, ${statement.lines.length} entries, closing ${statement.closing} ${statement.currency}`,
  };
  try {
    await writeAtomically(table, {
      now,
      events: [event],
      writes: [...statements.issued(statement, close), subjectHistoryWrite(table.name, subject, entry, event.id)],
    });
  } catch (error) {
    if (error instanceof Conflict) return 'stated';
    throw error;
  }
  return 'issued';
}

/**
 * R38: the customer's answer to a statement, through its system or the link e-mailed with it: the statement signed
 * (who, when, how), an entry in the customer's history and the event its waiting workflow goes on with, in one write.
 */
export async function signBack<R>(
  statement: Statement,
  answer: StatementSignBack,
  how: Pick<StatementSignature, 'via' | 'link'>,
  respond: (signed: Statement) => { response: R; idempotency?: Idempotency | undefined },
) {
  const table = port('table');
  const now = port('clock').now();
  const actor = `customer:${answer.signedBy}`;
  const context = { now: now.toISOString(), actor, newId: port('ids').next };
  const signed = { ...signedBack(statement, answer, how, context.now), version: statement.version + 1 };
  const subject = { kind: 'customer', id: statement.customerId };
  const event = domainEvent(
    'StatementSignedBack',
    subject,
    { statement: statementSummary(signed), outcome: answer.outcome, signedBy: answer.signedBy, via: how.via },
    context,
  );
  const entry = {
    at: context.now,
    actor,
    action: answer.outcome === 'confirmed' ? 'statement confirmed' : 'statement disputed',
    note:
      answer.outcome === 'confirmed'
        ? `R38: ${statement.id} (revision ${statement.revision}) confirmed by ${answer.signedBy} (${how.via})`
        : `R38: ${statement.id} (revision ${statement.revision}) disputed by ${answer.signedBy} (${how.via})${answer.entries.length ? `: ${answer.entries.join(', ')}` : ''} — ${answer.comment}`,
  };
  const { response, idempotency } = respond(signed);
  await writeAtomically(table, {
    now,
    events: [event],
    writes: [
      statementRepository(table).saved(signed, statement.version),
      subjectHistoryWrite(table.name, subject, entry, event.id),
    ],
    idempotency,
  });
  return response;
}

/** R38: how long a sign-back link stays good: past the workflow's wait for the answer. */
const signBackLinkDays = 90;

/** A new sign-back link for a statement (the e-mail, a reminder, an explanation each carry their own). */
export async function signBackLink(statement: Pick<Statement, 'id'>, now: Date) {
  const secret = newLinkSecret();
  await statementRepository(port('table')).links.created(
    linkHash(secret),
    { statementId: statement.id },
    Math.floor(now.getTime() / 1000) + signBackLinkDays * 86400,
  );
  return `${process.env.APP_URL ?? ''}${statementLinkPath(secret)}`;
}

/** R38: the path of the link e-mailed with a statement, signed back from. */
export const statementLinkPath = (secret: string) => `/statement-links/${secret}`;
