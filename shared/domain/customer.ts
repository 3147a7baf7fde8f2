import type { Customer, CustomerChanges, CustomerReview, NewCustomer } from '../schemas/customer.ts';
import { Conflict } from './errors.ts';
import type { DomainEvent, FieldChange } from './events.ts';

export type CustomerCreated = DomainEvent<'CustomerCreated', { customer: Customer }>;
export type CustomerUpdated = DomainEvent<'CustomerUpdated', { customer: Customer; changes: FieldChange[] }>;

type Context = { now: string; actor: string; newId: () => string };

/** R10: a new customer starts in review; the onboarding review makes it active. */
export function openCustomer(input: NewCustomer, { now, actor, newId }: Context) {
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
  const event: CustomerCreated = {
    id: newId(),
    type: 'CustomerCreated',
    occurredAt: now,
    actor,
    subject: { kind: 'customer', id: customer.id },
    data: { customer },
  };
  return { customer, event };
}

/** Applies changes to a customer; returns nothing to write when no field really changes. */
export function changeCustomer(
  current: Customer,
  changes: Omit<CustomerChanges, 'version'>,
  { now, actor, newId }: Context,
) {
  const fieldChanges: FieldChange[] = [];
  const next: Customer = { ...current };
  for (const [field, after] of Object.entries(changes) as [keyof typeof changes, unknown][]) {
    if (after === undefined) continue;
    const before = current[field];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    fieldChanges.push({ field, before, after });
    Object.assign(next, { [field]: after });
  }
  if (fieldChanges.length === 0) return { customer: current, event: undefined };
  Object.assign(next, { version: current.version + 1, updatedAt: now, updatedBy: actor });
  const event: CustomerUpdated = {
    id: newId(),
    type: 'CustomerUpdated',
    occurredAt: now,
    actor,
    subject: { kind: 'customer', id: current.id },
    data: { customer: next, changes: fieldChanges },
  };
  return { customer: next, event };
}

export type CustomerReviewed = DomainEvent<'CustomerActivated' | 'CustomerRejected', { customer: Customer }>;

/**
 * R10: the onboarding review ends the customer's review: active, or rejected with the written reason.
 * Concluding again with the same outcome changes nothing (a retried workflow step).
 */
export function concludeOnboarding(current: Customer, review: CustomerReview, { now, actor, newId }: Context) {
  if (current.status === review.outcome) return { customer: current, event: undefined };
  if (current.status !== 'pending_review') {
    throw new Conflict(`Customer ${current.id} is ${current.status}; its onboarding review is over.`);
  }
  const customer: Customer = {
    ...current,
    status: review.outcome,
    review,
    version: current.version + 1,
    updatedAt: now,
    updatedBy: actor,
  };
  const event: CustomerReviewed = {
    id: newId(),
    type: review.outcome === 'active' ? 'CustomerActivated' : 'CustomerRejected',
    occurredAt: now,
    actor,
    subject: { kind: 'customer', id: current.id },
    data: { customer },
  };
  return { customer, event };
}
