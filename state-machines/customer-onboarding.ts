import { accountOwner, salesManager } from './kit/approvers.ts';
import { at } from './kit/asl.ts';
import { hours } from './kit/policy.ts';
import { defineWorkflow } from './kit/workflow.ts';

const subject = { kind: 'customer', id: at('$.customer.customerId'), title: at('$.customer.title') };
const owner = at('$.customer.accountOwner');

/** R10: a new customer is reviewed (the contract/order review checklist) before its first order goes to planning. */
export const customerOnboarding = defineWorkflow({
  name: 'customer-onboarding',
  description:
    'R10 customer onboarding review: the merchandiser reviews the new customer, the sales manager approves; each step is reminded, then escalated, when nobody answers.',
  worker: 'customer-onboarding',
  subject: { kind: 'customer', idField: 'customerId' },
  startedBy: {
    event: 'CustomerCreated',
    start: (event) => ({ id: event.subject.id, input: { customerId: event.subject.id } }),
  },
  startAt: 'LoadCustomer',
  states: ({ step, approval, onOutcome }) => ({
    LoadCustomer: step(
      'load',
      { customerId: at('$.customerId') },
      { select: { customer: at('$.Payload') }, resultPath: '$', next: 'MerchandiserReview' },
    ),
    ...approval('MerchandiserReview', {
      step: 'merchandiser-review',
      ask: '客户建档评审（合同/订单评审检查清单）Customer onboarding review (R10 checklist)',
      subject,
      facts: at('$.customer.facts'),
      assignee: accountOwner(owner),
      wait: hours(48),
      reminder: { after: hours(24) },
      escalation: { after: hours(48) },
      resultPath: '$.review',
      next: 'MerchandiserReviewed',
      lapse: 'ReviewLapsed',
    }),
    MerchandiserReviewed: onOutcome('$.review', { reject: 'Reject', approve: 'SalesManagerApproval' }),
    ...approval('SalesManagerApproval', {
      step: 'sales-manager-approval',
      ask: '批准新客户 Approve the new customer (R10)',
      subject,
      facts: at('$.customer.facts'),
      assignee: salesManager(owner),
      requestedBy: at('$.customer.requestedBy'),
      wait: hours(48),
      reminder: { after: hours(24) },
      escalation: { after: hours(48) },
      resultPath: '$.review',
      next: 'SalesManagerDecided',
      lapse: 'ReviewLapsed',
    }),
    SalesManagerDecided: onOutcome('$.review', { reject: 'Reject', approve: 'Activate' }),
    Activate: step(
      'conclude',
      {
        customerId: at('$.customer.customerId'),
        outcome: 'active',
        decidedBy: at('$.review.decidedBy'),
        decidedAt: at('$.review.decidedAt'),
      },
      { comment: 'The customer may now place orders that go to planning.', end: true },
    ),
    Reject: step(
      'conclude',
      {
        customerId: at('$.customer.customerId'),
        outcome: 'rejected',
        reason: at('$.review.comment'),
        decidedBy: at('$.review.decidedBy'),
        decidedAt: at('$.review.decidedAt'),
      },
      { comment: "R13: the refusal carries the approver's written reason.", end: true },
    ),
    ReviewLapsed: step(
      'lapse',
      { customerId: at('$.customer.customerId') },
      {
        comment:
          'Nobody decided, even after the escalation: the customer stays in review and the people concerned are told.',
        end: true,
      },
    ),
  }),
});
