import type { Customer } from '../schemas/customer.ts';
import type { AccountTeam } from '../schemas/events.ts';
import type { HistoryEntry } from '../schemas/order.ts';
import type { CustomerTerms, NewTermsChange, TermsChange, TermsChangeLine } from '../schemas/terms-change.ts';
import type { AmountsPerCurrency } from './amounts-per-currency.ts';
import { customerTitle, summarisedFacts } from './approval-summary.ts';
import { companyTime } from './company.ts';
import { Conflict, type FieldIssue, ValidationFailed } from './errors.ts';
import { domainEvent, type EventContext, type EventOf, edited, fieldChanges, sameValue } from './events.ts';
import { settlementTerms } from './onboarding.ts';

/**
 * A customer's terms — settlement (R9; the credit limit of monthly settlement, F7) and account owner — are not edited:
 * a change is a request the customer's sales manager approves (the account owner's leader, who owns the customer
 * relationship); until then the old values apply, so no order is priced or released on terms nobody approved.
 */

/** A change of terms was asked for; its workflow asks the sales manager. */
export type TermsChangeRequested = EventOf<'TermsChangeRequested'>;
/** The approved change: the customer has the new values. */
export type CustomerTermsChanged = EventOf<'CustomerTermsChanged'>;
/** How a terms change ended: applied, refused in writing, or lapsed (nobody decided in time). */
export type TermsChangeEnded = EventOf<'CustomerTermsChanged' | 'TermsChangeRefused' | 'TermsChangeLapsed'>;

/** The fields that change only through a terms change, in the order they are shown. */
export const termsFields = ['settlement', 'accountOwner'] as const;

/** A terms change as asked: the account owner already resolved to a staff id (an active merchandiser). */
export type TermsAsked = Omit<NewTermsChange, 'accountOwner'> & { accountOwner?: string };

const subjectOf = (customer: Pick<Customer, 'id'>) => ({ kind: 'customer', id: customer.id });

const askedFields = (terms: CustomerTerms) => termsFields.filter((field) => terms[field] !== undefined);

/** The customer's values of the fields named. */
const termsOf = (customer: Customer, fields: readonly (typeof termsFields)[number][]): CustomerTerms => ({
  ...(fields.includes('settlement') ? { settlement: customer.settlement } : {}),
  ...(fields.includes('accountOwner') ? { accountOwner: customer.accountOwner } : {}),
});

const sameAsNow = {
  settlement: 'are the customer’s settlement terms already: ask only for a change',
  accountOwner: 'owns the account already: ask only for a change',
};

/** Why the customer's terms cannot be changed as asked, field by field (400), or nothing when they can. */
export function termsChangeIssues(customer: Customer, asked: CustomerTerms): FieldIssue[] {
  const fields = askedFields(asked);
  if (fields.length === 0) {
    return [{ field: 'settlement', message: 'or accountOwner is required: name the terms that are to change' }];
  }
  return fields
    .filter((field) => sameValue(customer[field], asked[field]))
    .map((field) => ({ field, message: sameAsNow[field] }));
}

/**
 * A change of terms is asked for, with its reason in writing; the customer is unchanged until the sales manager
 * approves. The values before are kept with the request, so the approver sees what changes and the approval applies
 * exactly that. A rejected customer (R10) is not dealt with: 409.
 */
export function requestTermsChange(customer: Customer, asked: TermsAsked, context: EventContext) {
  const requested: CustomerTerms = {
    ...(asked.settlement ? { settlement: asked.settlement } : {}),
    ...(asked.accountOwner ? { accountOwner: asked.accountOwner } : {}),
  };
  const issues = termsChangeIssues(customer, requested);
  if (issues.length) throw new ValidationFailed(issues);
  if (customer.status === 'rejected') {
    throw new Conflict(`Customer ${customer.code} was rejected in its review (R10); its terms are not changed.`);
  }
  const termsChange: TermsChange = {
    id: `tch_${context.newId()}`,
    customerId: customer.id,
    customerCode: customer.code,
    status: 'pending',
    requested,
    before: termsOf(customer, askedFields(requested)),
    reason: asked.reason,
    requestedBy: context.actor,
    requestedAt: context.now,
    updatedAt: context.now,
    version: 1,
  };
  const event: TermsChangeRequested = domainEvent(
    'TermsChangeRequested',
    subjectOf(customer),
    { termsChange },
    context,
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: context.actor,
    action: 'terms change requested',
    note: `${termsChange.id}: ${askedFields(requested).join(', ')}: ${asked.reason}`,
  };
  return { termsChange, event, history };
}

/** The changed terms in words, before → after: the approver's facts and the outcome's e-mail say the same. */
export function describeTermsChange(
  change: Pick<TermsChange, 'requested' | 'before'>,
  currency: Customer['currency'],
  nameOf: (staffId: string) => string,
): TermsChangeLine[] {
  const lines: TermsChangeLine[] = [];
  const { requested, before } = change;
  if (requested.settlement) {
    lines.push({
      label: '结算方式 Settlement terms',
      before: before.settlement ? settlementTerms({ settlement: before.settlement, currency }) : '—',
      after: settlementTerms({ settlement: requested.settlement, currency }),
    });
  }
  if (requested.accountOwner) {
    lines.push({
      label: '跟单员（客户负责人）Account owner',
      before: before.accountOwner ? nameOf(before.accountOwner) : '—',
      after: nameOf(requested.accountOwner),
    });
  }
  return lines;
}

/** The credit a customer may run up on its settlement terms (F7): a monthly settlement's limit; none before shipping. */
const creditOf = (settlement: Customer['settlement'] | undefined) =>
  settlement?.type === 'monthly' ? settlement.creditLimit : 0;

/**
 * A change that raises the customer's credit by more than the threshold of its currency (any raise, for a currency
 * without one) is money at risk: deciding it from the link also needs a one-time code mailed to the decider
 * (docs/decisions/approval-codes.md). A lower limit, or a change of account owner alone, needs none.
 */
export function termsChangeNeedsCode(
  change: Pick<TermsChange, 'requested' | 'before'>,
  currency: Customer['currency'],
  thresholds: AmountsPerCurrency,
) {
  if (!change.requested.settlement) return false;
  const raise = creditOf(change.requested.settlement) - creditOf(change.before.settlement);
  return raise > (thresholds[currency] ?? 0);
}

/** The customer by code and name (shortened to fit an approval's title), with the request's id. */
const titleOf = (customer: Customer, change: TermsChange) => customerTitle(customer, ` (${change.id})`);

/**
 * What the sales manager sees, and whom the workflow asks: the leader of the customer's CURRENT account owner (a
 * change of owner is decided by the sales manager who owns the relationship now).
 */
export function termsChangeSubject(customer: Customer, change: TermsChange, terms: TermsChangeLine[]) {
  return {
    customerId: customer.id,
    termsChangeId: change.id,
    title: titleOf(customer, change),
    accountOwner: customer.accountOwner,
    requestedBy: change.requestedBy,
    facts: summarisedFacts({
      head: [
        { label: '客户 Customer', value: `${customer.code} ${customer.name}` },
        ...terms.map(({ label, before, after }) => ({ label, value: `${before} → ${after}` })),
        { label: '原因 Reason', value: change.reason },
        { label: '申请人 Requested by', value: `${change.requestedBy} (${companyTime(change.requestedAt)})` },
        {
          label: '生效 Takes effect',
          value: '批准后生效，此前按原条款 On approval; until then the current terms apply',
        },
      ],
    }),
  };
}

/**
 * Why an approved change can no longer be applied, or nothing when it can: the customer was rejected meanwhile, or
 * its terms are no longer what the approver saw as "before" (they change only through these requests, one at a
 * time, so this guards against a write from outside the flow).
 */
export function whyNotApplicable(customer: Customer, change: TermsChange) {
  if (customer.status === 'rejected') {
    return `Customer ${customer.code} was rejected in its review (R10); its terms are not changed.`;
  }
  const moved = askedFields(change.requested).filter((field) => !sameValue(customer[field], change.before[field]));
  if (moved.length) {
    return `Customer ${customer.code}'s ${moved.join(' and ')} changed after the request; ask again from the current terms.`;
  }
  return undefined;
}

function pendingOrThrow(change: TermsChange) {
  if (change.status !== 'pending') throw new Conflict(`Terms change ${change.id} is ${change.status} already.`);
}

const ended = (
  change: TermsChange,
  status: TermsChange['status'],
  now: string,
  more: Partial<TermsChange>,
): TermsChange => ({ ...change, ...more, status, updatedAt: now, version: change.version + 1 });

/** Who is told how a change ended: the requester, the account team, and the new owner's team when the account moves. */
export function toldOfOutcome(data: Pick<TermsChangeEnded['data'], 'termsChange' | 'team' | 'newTeam'>) {
  const { termsChange, team, newTeam } = data;
  const addresses = [
    termsChange.requestedBy,
    team.merchandiserEmail,
    team.salesManagerEmail,
    ...(newTeam ? [newTeam.merchandiserEmail, newTeam.salesManagerEmail] : []),
  ];
  return [...new Map(addresses.map((address) => [address.toLowerCase(), address])).values()];
}

type Told = { terms: TermsChangeLine[]; team: AccountTeam; newTeam?: AccountTeam };

/**
 * The approved change, applied: the customer gets the requested values (its version moved on, before and after in
 * its history), the request is approved. `told.newTeam` is the new owner's team when the account moves.
 */
export function applyTermsChange(
  customer: Customer,
  change: TermsChange,
  decision: { by: string; at: string },
  told: Told,
  context: EventContext,
) {
  pendingOrThrow(change);
  const refusal = whyNotApplicable(customer, change);
  if (refusal) throw new Conflict(refusal);
  const changes = fieldChanges(customer, change.requested);
  const changed = edited(customer, changes, context.now, decision.by);
  const approved = ended(change, 'approved', context.now, { decidedBy: decision.by, decidedAt: decision.at });
  const event: CustomerTermsChanged = domainEvent(
    'CustomerTermsChanged',
    subjectOf(customer),
    { customer: changed, termsChange: approved, changes, ...told },
    { ...context, actor: decision.by },
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: decision.by,
    action: 'terms changed',
    changes,
    note: `${change.id} asked by ${change.requestedBy}, approved by ${decision.by}: ${change.reason}`,
  };
  return { customer: changed, termsChange: approved, event, history };
}

/** Refused in writing (the decider's reason, or why it could not apply): the customer keeps its terms. */
export function refuseTermsChange(
  customer: Customer,
  change: TermsChange,
  decision: { by: string; at: string; reason: string },
  told: Told,
  context: EventContext,
) {
  pendingOrThrow(change);
  const refused = ended(change, 'refused', context.now, {
    decidedBy: decision.by,
    decidedAt: decision.at,
    decisionReason: decision.reason,
  });
  return endedWith(customer, refused, 'TermsChangeRefused', decision.by, told, context);
}

/** Nobody decided, even after the reminder and the escalation: the request lapses; the customer keeps its terms. */
export function lapseTermsChange(customer: Customer, change: TermsChange, told: Told, context: EventContext) {
  pendingOrThrow(change);
  const lapsed = ended(change, 'lapsed', context.now, {
    decisionReason: 'nobody decided in time, even after the reminder and the escalation',
  });
  return endedWith(customer, lapsed, 'TermsChangeLapsed', context.actor, told, context);
}

function endedWith(
  customer: Customer,
  termsChange: TermsChange,
  type: 'TermsChangeRefused' | 'TermsChangeLapsed',
  actor: string,
  { terms, team }: Told,
  context: EventContext,
) {
  const event: EventOf<typeof type> = domainEvent(
    type,
    subjectOf(customer),
    { customer, termsChange, terms, team },
    { ...context, actor },
  );
  const history: HistoryEntry = {
    at: context.now,
    actor,
    action: `terms change ${termsChange.status}`,
    note: `${termsChange.id}: ${termsChange.decisionReason ?? ''}`,
  };
  return { termsChange, event, history };
}
