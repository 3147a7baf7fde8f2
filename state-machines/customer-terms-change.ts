import { salesManager } from './kit/approvers.ts';
import { at } from './kit/asl.ts';
import { hours } from './kit/policy.ts';
import { defineWorkflow } from './kit/workflow.ts';

const request = { customerId: at('$.change.customerId'), termsChangeId: at('$.change.termsChangeId') };
const decided = { decidedBy: at('$.decision.decidedBy'), decidedAt: at('$.decision.decidedAt') };

/**
 * A customer's settlement terms, credit limit or account owner change only once the sales manager approves; until
 * then the old values apply (docs/decisions/customer-terms-by-request.md).
 */
export const customerTermsChange = defineWorkflow({
  name: 'customer-terms-change',
  description:
    "A change of a customer's settlement terms, credit limit or account owner: the sales manager (the current account owner's leader) approves, then the customer takes the new values; until then the old ones apply.",
  worker: 'customer-terms-change',
  subject: { kind: 'customer', idField: 'customerId' },
  startedBy: {
    event: 'TermsChangeRequested',
    start: ({ data: { termsChange } }) => ({
      id: termsChange.id,
      input: { customerId: termsChange.customerId, termsChangeId: termsChange.id },
    }),
  },
  startAt: 'LoadTermsChange',
  states: ({ step, approval, onOutcome }) => ({
    LoadTermsChange: step(
      'load',
      { customerId: at('$.customerId'), termsChangeId: at('$.termsChangeId') },
      {
        comment: "What changes, before and after; the customer's current account owner, whose leader decides.",
        select: { change: at('$.Payload') },
        resultPath: '$',
        next: 'SalesManagerApproval',
      },
    ),
    ...approval('SalesManagerApproval', {
      step: 'terms-change-approval',
      ask: '客户条款变更审批 Approve a change of customer terms',
      subject: { kind: 'customer', id: at('$.change.customerId'), title: at('$.change.title') },
      facts: at('$.change.facts'),
      // The requester never decides: a sales manager asking about their own customer is decided by their leader.
      assignee: salesManager(at('$.change.accountOwner')),
      requestedBy: at('$.change.requestedBy'),
      // A credit limit raised beyond the threshold of its currency: the link also asks for a one-time code.
      needsCode: at('$.change.needsCode'),
      wait: hours(48),
      reminder: { after: hours(24) },
      // To the leader of the person asked (above the sales manager, the general manager); nobody above: it lapses.
      escalation: { after: hours(48) },
      resultPath: '$.decision',
      next: 'Decided',
      lapse: 'Lapse',
    }),
    Decided: onOutcome(
      '$.decision',
      { reject: 'Refuse', approve: 'Apply' },
      "A refusal always carries the decider's reason in writing (the approval requires it).",
    ),
    Apply: step(
      'apply',
      { ...request, ...decided },
      {
        comment:
          'The customer takes the new values in one transaction (version-checked, before and after in its history), the request approved. A repeated step changes nothing.',
        end: true,
      },
    ),
    Refuse: step(
      'refuse',
      { ...request, ...decided, comment: at('$.decision.comment') },
      {
        comment: "Refused in writing: the customer keeps its terms; the requester gets the decider's reason.",
        end: true,
      },
    ),
    Lapse: step('lapse', request, {
      comment: 'Nobody decided, even after the escalation: the request lapses and the customer keeps its terms.',
      end: true,
    }),
  }),
});
