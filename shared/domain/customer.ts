import type { Customer, CustomerChanges, CustomerReview, NewCustomer } from '../schemas/customer.ts';
import type { AccountTeam } from '../schemas/events.ts';
import { Conflict } from './errors.ts';
import { domainEvent, type EventContext, type EventOf, edited, fieldChanges } from './events.ts';

export type CustomerCreated = EventOf<'CustomerCreated'>;
export type CustomerUpdated = EventOf<'CustomerUpdated'>;
export type CustomerReviewed = EventOf<'CustomerActivated' | 'CustomerRejected'>;

const subjectOf = (customer: Customer) => ({ kind: 'customer', id: customer.id });

/**
 * R10: a new customer starts in review; the onboarding review makes it active. `input.accountOwner` is the staff id
 * the directory resolved; `team` the people its events go to.
 */
export function openCustomer(input: NewCustomer, team: AccountTeam, context: EventContext) {
  const { now, actor, newId } = context;
  const customer: Customer = {
    ...input,
    id: `cus_${newId()}`,
    status: 'pending_review',
    version: 1,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
  };
  const event: CustomerCreated = domainEvent('CustomerCreated', subjectOf(customer), { customer, team }, context);
  return { customer, event };
}

const listFields = new Set(['contacts', 'addresses']);

/** Applies changes to a customer; returns nothing to write when no field really changes. */
export function changeCustomer(current: Customer, changes: Omit<CustomerChanges, 'version'>, context: EventContext) {
  const changed = fieldChanges(current, changes);
  if (changed.length === 0) return { customer: current, event: undefined };
  const customer = edited(current, changed, context.now, context.actor);
  // Twenty contacts and twenty addresses, before and after, would not fit an event: those are named, not copied.
  const named = changed.map((change) => (listFields.has(change.field) ? { field: change.field } : change));
  const event: CustomerUpdated = domainEvent(
    'CustomerUpdated',
    subjectOf(customer),
    { customer, changes: named },
    context,
  );
  return { customer, event };
}

/**
 * R10: the onboarding review ends the customer's review: active, or rejected with the written reason.
 * Concluding again with the same outcome changes nothing (a retried workflow step).
 */
export function concludeOnboarding(
  current: Customer,
  review: CustomerReview,
  team: AccountTeam,
  context: EventContext,
) {
  if (current.status === review.outcome) return { customer: current, event: undefined };
  if (current.status !== 'pending_review') {
    throw new Conflict(`Customer ${current.id} is ${current.status}; its onboarding review is over.`);
  }
  const customer: Customer = {
    ...current,
    status: review.outcome,
    review,
    version: current.version + 1,
    updatedAt: context.now,
    updatedBy: context.actor,
  };
  const type = review.outcome === 'active' ? 'CustomerActivated' : 'CustomerRejected';
  const event: CustomerReviewed = domainEvent(type, subjectOf(customer), { customer, team }, context);
  return { customer, event };
}
