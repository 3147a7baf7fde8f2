import { leaderOf } from './kit/approvers.ts';
import { at } from './kit/asl.ts';
import { hours } from './kit/policy.ts';
import { defineWorkflow } from './kit/workflow.ts';

const request = { customerId: at('$.adjustment.customerId'), adjustmentId: at('$.adjustment.adjustmentId') };
const decided = { decidedBy: at('$.decision.decidedBy'), decidedAt: at('$.decision.decidedAt') };

/**
 * R40: a manual adjustment of a customer's receivable is booked only once the requester's leader (the finance leader)
 * approves; refused or lapsed, nothing is booked (docs/decisions/ledger-adjustments.md).
 */
export const ledgerAdjustment = defineWorkflow({
  name: 'ledger-adjustment',
  description:
    "A manual adjustment of a customer's receivables ledger (a debit or a credit, with its reason): the requester's leader (the finance leader) approves, then it is booked; refused or lapsed, nothing is.",
  worker: 'ledger-adjustment',
  subject: { kind: 'customer', idField: 'customerId' },
  startedBy: {
    event: 'LedgerAdjustmentRequested',
    start: ({ data: { adjustment } }) => ({
      id: adjustment.id,
      input: { customerId: adjustment.customerId, adjustmentId: adjustment.id },
    }),
  },
  startAt: 'LoadAdjustment',
  states: ({ step, approval, onOutcome }) => ({
    LoadAdjustment: step(
      'load',
      { customerId: at('$.customerId'), adjustmentId: at('$.adjustmentId') },
      {
        comment: 'The adjustment, the customer and its balance now and after; who asked, whose leader decides.',
        select: { adjustment: at('$.Payload') },
        resultPath: '$',
        next: 'FinanceLeaderApproval',
      },
    ),
    ...approval('FinanceLeaderApproval', {
      step: 'ledger-adjustment-approval',
      ask: '应收账款调整审批 Approve a ledger adjustment',
      subject: { kind: 'customer', id: at('$.adjustment.customerId'), title: at('$.adjustment.title') },
      facts: at('$.adjustment.facts'),
      // The requester never decides: their leader does (the finance leader for a clerk; above them for the leader).
      assignee: leaderOf(at('$.adjustment.requestedBy')),
      requestedBy: at('$.adjustment.requestedBy'),
      wait: hours(48),
      reminder: { after: hours(24) },
      escalation: { after: hours(48) },
      resultPath: '$.decision',
      next: 'Decided',
      lapse: 'Lapse',
    }),
    Decided: onOutcome(
      '$.decision',
      { reject: 'Refuse', approve: 'Book' },
      "A refusal always carries the decider's reason in writing (the approval requires it).",
    ),
    Book: step(
      'book',
      { ...request, ...decided },
      {
        comment:
          'Booked on the ledger (an adjustment entry with its reason and approver, the receivable moved) with the adjustment approved, in one transaction; a repeated step books nothing twice.',
        end: true,
      },
    ),
    Refuse: step(
      'refuse',
      { ...request, ...decided, comment: at('$.decision.comment') },
      { comment: "Refused in writing: nothing is booked; the requester gets the decider's reason.", end: true },
    ),
    Lapse: step('lapse', request, {
      comment: 'Nobody decided, even after the escalation: the adjustment lapses and nothing is booked.',
      end: true,
    }),
  }),
});
