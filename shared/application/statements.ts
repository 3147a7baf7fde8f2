import { eachAtMost } from '../concurrency.ts';
import { linkHash, newLinkSecret } from '../domain/approval.ts';
import { Conflict } from '../domain/errors.ts';
import { domainEvent } from '../domain/events.ts';
import { cutOf, signedBack, statementLink, statementOf, statementSummary } from '../domain/statement.ts';
import { subjectHistoryWrite } from '../persistence/history.ts';
import { statementRepository } from '../persistence/statements.ts';
import { type Idempotency, type Write, writeAtomically } from '../persistence/write.ts';
import { port } from '../runtime.ts';
import type { Customer } from '../schemas/customer.ts';
import type { DomainEvent } from '../schemas/events.ts';
import type { HistoryEntry } from '../schemas/order.ts';
import type { LedgerClose, Statement, StatementSignature, StatementSignBack } from '../schemas/statement.ts';

/** What the run did for one customer: issued its statement, found it issued already, or had nothing to state. */
export type Issued = 'issued' | 'stated' | 'nothing';

/** A customer's statement made and ready to write: the statement, its close and the event that starts its workflow. */
export type Prepared = { statement: Statement; close: LedgerClose; event: DomainEvent };

/**
 * R38: one customer's statement of a month, from one read of its ledger back to the last close, or why there is none
 * to write: stated already (the month's close is met first), or nothing to state.
 */
export async function prepareStatement(customer: Customer, month: string, actor: string): Promise<Prepared | Issued> {
  const now = port('clock').now();
  const back = await statementRepository(port('table')).readBack(customer.id, month, cutOf(month, now.toISOString()));
  if (back.stated) return 'stated';
  const made = statementOf(customer, month, back, now.toISOString());
  if (!made) return 'nothing';
  const context = { now: now.toISOString(), actor, newId: port('ids').next };
  const event = domainEvent(
    'StatementIssued',
    { kind: 'customer', id: customer.id },
    { statement: statementSummary(made.statement) },
    context,
  );
  return { ...made, event };
}

/** What one transaction may hold: 100 items, 4 MB; a statement takes three items and may be large. */
const groupLimits = { statements: 33, bytes: 3_000_000 };

/**
 * Statements written together, each once: its statement, its close and its event (the customer's history records it
 * when its workflow sends it). A group is one transaction — few round trips for a month-end of thousands — and when
 * it fails (one of them written meanwhile by another run, one too large), each is written alone, so that one
 * customer's problem is that customer's only. Answers each customer's outcome: issued, stated already, or the error.
 */
export async function writeStatements(prepared: readonly Prepared[]): Promise<Map<string, Issued | Error>> {
  const table = port('table');
  const statements = statementRepository(table);
  const writes = (p: Prepared) => ({ events: [p.event], writes: statements.issued(p.statement, p.close) });
  const outcome = new Map<string, Issued | Error>();
  const alone = async (p: Prepared) => {
    try {
      await writeAtomically(table, { now: port('clock').now(), ...writes(p) });
      outcome.set(p.statement.customerId, 'issued');
    } catch (error) {
      outcome.set(p.statement.customerId, error instanceof Conflict ? 'stated' : (error as Error));
    }
  };
  await eachAtMost(groups(prepared), 4, async (group) => {
    if (group.length === 1) return await alone(group[0] as Prepared);
    try {
      const all = group.map(writes);
      await writeAtomically(table, {
        now: port('clock').now(),
        events: all.flatMap((w) => w.events),
        writes: all.flatMap((w) => w.writes),
      });
      for (const p of group) outcome.set(p.statement.customerId, 'issued');
    } catch {
      for (const p of group) await alone(p);
    }
  });
  return outcome;
}

function groups(prepared: readonly Prepared[]) {
  const all: Prepared[][] = [];
  let current: Prepared[] = [];
  let bytes = 0;
  for (const p of prepared) {
    const size = JSON.stringify(p).length * 2;
    if (current.length === groupLimits.statements || (current.length > 0 && bytes + size > groupLimits.bytes)) {
      all.push(current);
      current = [];
      bytes = 0;
    }
    current.push(p);
    bytes += size;
  }
  if (current.length) all.push(current);
  return all;
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

/**
 * A statement moved on from the version read, with an entry in its customer's history and other writes (a correction
 * on the ledger), in one transaction: a concurrent change is a conflict, read again by the caller.
 */
export async function statementMoved(
  statement: Statement,
  readVersion: number,
  history: Omit<HistoryEntry, 'at'> | undefined,
  writes: Write[] = [],
) {
  const table = port('table');
  const now = port('clock').now();
  const subject = { kind: 'customer', id: statement.customerId };
  await writeAtomically(table, {
    now,
    events: [],
    writes: [
      statementRepository(table).saved({ ...statement, version: readVersion + 1 }, readVersion),
      ...writes,
      ...(history
        ? [subjectHistoryWrite(table.name, subject, { at: now.toISOString(), ...history }, port('ids').next())]
        : []),
    ],
  });
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
  return `${process.env.APP_URL ?? ''}${statementLinkPath(statementLink(statement.id, secret))}`;
}

/** R38: the path of the link e-mailed with a statement, signed back from. */
export const statementLinkPath = (link: string) => `/statement-links/${link}`;
