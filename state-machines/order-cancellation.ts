import { chosen } from './kit/approvers.ts';
import { at } from './kit/asl.ts';
import { hours } from './kit/policy.ts';
import { defineWorkflow } from './kit/workflow.ts';

const request = { orderId: at('$.cancellation.orderId'), cancellationId: at('$.cancellation.cancellationId') };
const decided = { decidedBy: at('$.decision.decidedBy'), decidedAt: at('$.decision.decidedAt') };

/** R16: an order is never cancelled unilaterally; who approves depends on its amount. */
export const orderCancellation = defineWorkflow({
  name: 'order-cancellation',
  description:
    'R16 order cancellation: never unilateral; approved by the authority its amount needs (sales manager up to the limit of its currency, general manager above), then the order is cancelled and its workflows stopped.',
  worker: 'order-cancellation',
  subject: { kind: 'order', idField: 'orderId' },
  startedBy: {
    event: 'CancellationRequested',
    start: ({ data: { cancellation } }) => ({
      id: cancellation.id,
      input: { orderId: cancellation.orderId, cancellationId: cancellation.id },
    }),
  },
  startAt: 'LoadCancellation',
  states: ({ step, approval, onOutcome }) => ({
    LoadCancellation: step(
      'load',
      { orderId: at('$.orderId'), cancellationId: at('$.cancellationId') },
      {
        comment:
          "R16: who decides, by the order's amount: the sales manager up to the limit of its currency, the general manager above it.",
        select: { cancellation: at('$.Payload') },
        resultPath: '$',
        next: 'Approval',
      },
    ),
    ...approval('Approval', {
      step: 'cancellation-approval',
      ask: '订单取消审批 Approve the cancellation of an order (R16)',
      subject: { kind: 'order', id: at('$.cancellation.orderId'), title: at('$.cancellation.title') },
      facts: at('$.cancellation.facts'),
      assignee: chosen(at('$.cancellation.role'), at('$.cancellation.approver')),
      requestedBy: at('$.cancellation.requestedBy'),
      // Above the sales manager's limit (the general manager's decision), the link also asks for a one-time code.
      needsCode: at('$.cancellation.needsCode'),
      wait: hours(24),
      reminder: { after: hours(24) },
      // To the decider's leader (above a sales manager, the general manager); above the general manager, nobody: it lapses.
      escalation: { after: hours(48) },
      resultPath: '$.decision',
      next: 'Decided',
      lapse: 'Lapse',
    }),
    Decided: onOutcome(
      '$.decision',
      { reject: 'Refuse', approve: 'Cancel' },
      "A refusal always carries the decider's reason in writing (the approval requires it).",
    ),
    Cancel: step(
      'cancel',
      { ...request, ...decided },
      {
        comment:
          'R16: the order is cancelled in one transaction (history, event, request approved); a deposit received becomes a credit owed to the customer. A repeated step changes nothing.',
        next: 'WindDown',
      },
    ),
    WindDown: step('wind-down', request, {
      comment:
        'Cancelled orders stop their running workflows cleanly: the intake is stopped, an open change request withdrawn, pending approvals closed.',
      end: true,
    }),
    Refuse: step(
      'refuse',
      { ...request, ...decided, comment: at('$.decision.comment') },
      {
        comment: "R16: refused in writing; the customer receives the decider's reason and the order is unchanged.",
        end: true,
      },
    ),
    Lapse: step('lapse', request, {
      comment:
        'Nobody decided, even after the escalation: the request lapses, the order stays as it is, the merchandiser is told.',
      end: true,
    }),
  }),
});
