import { onDuty } from './kit/approvers.ts';
import { at } from './kit/asl.ts';
import { hours } from './kit/policy.ts';
import { defineWorkflow } from './kit/workflow.ts';

const request = { orderId: at('$.orderId'), changeRequestId: at('$.changeRequestId') };
const subject = { kind: 'order', id: at('$.orderId'), title: at('$.change.title') };
const requestedBy = at('$.change.requestedBy');

/** F2: a change request assessed by PMC and approved on its contract modification form (R11–R15). */
export const orderChange = defineWorkflow({
  name: 'order-change',
  description:
    'F2 order change: PMC assesses feasibility (R11, R12), refusals go to the customer in writing (R13), the planner approves the contract modification form (R14), the order becomes its next revision (R15).',
  worker: 'order-change',
  subject: { kind: 'order', idField: 'orderId' },
  startedBy: {
    event: 'ChangeRequested',
    start: ({ data: { changeRequest } }) => ({
      id: changeRequest.id,
      input: { orderId: changeRequest.orderId, changeRequestId: changeRequest.id },
    }),
  },
  startAt: 'LoadChange',
  states: ({ step, approval, choice, onOutcome, succeed }) => ({
    LoadChange: step('load', request, {
      select: {
        title: at('$.Payload.title'),
        facts: at('$.Payload.facts'),
        blocking: at('$.Payload.blocking'),
        obstacle: at('$.Payload.obstacle'),
        requestedBy: at('$.Payload.requestedBy'),
      },
      resultPath: '$.change',
      next: 'Reviewed',
    }),
    Reviewed: choice(
      [
        { Variable: '$.change.blocking', BooleanEquals: true, Next: 'RefuseForFindings' },
        { Variable: '$.change.obstacle', BooleanEquals: true, Next: 'RefuseObstacle' },
      ],
      'PmcAssessment',
    ),
    RefuseForFindings: step('refuse-findings', request, {
      comment: "R13: the refusal, with the review's blocking findings, goes to the customer in writing.",
      end: true,
    }),
    RefuseObstacle: step('refuse-obstacle', request, {
      comment: 'R12, R13: the lines already in production are named in the written refusal.',
      end: true,
    }),
    ...approval('PmcAssessment', {
      step: 'pmc-assessment',
      ask: '变更评估 Can this change still be made? (R11, R12)',
      subject,
      facts: at('$.change.facts'),
      assignee: onDuty('pmc'),
      requestedBy,
      form: 'changed-promised-date',
      wait: hours(24),
      reminder: { after: hours(24) },
      escalation: { after: hours(48) },
      resultPath: '$.assessment',
      next: 'Assessed',
      lapse: 'Lapse',
    }),
    Assessed: onOutcome('$.assessment', { reject: 'Refuse', approve: 'PrepareForm' }),
    Refuse: step(
      'refuse',
      { ...request, decidedBy: at('$.assessment.decidedBy'), comment: at('$.assessment.comment') },
      { comment: "R12 case A, R13: PMC's written reason goes to the customer.", end: true },
    ),
    PrepareForm: step(
      'prepare-form',
      { ...request, decidedBy: at('$.assessment.decidedBy'), promisedDate: at('$.assessment.values.promisedDate') },
      {
        comment: "R14: the contract modification form, with PMC's date; checked again against the order as it is now.",
        select: { status: at('$.Payload.status'), facts: at('$.Payload.facts') },
        resultPath: '$.form',
        next: 'FormPrepared',
      },
    ),
    FormPrepared: choice(
      [{ Variable: '$.form.status', StringEquals: 'awaiting_approval', Next: 'PlannerApproval' }],
      'Ended',
      "Production may have started a line since PMC's assessment: then the step refused it.",
    ),
    ...approval('PlannerApproval', {
      step: 'planner-approval',
      ask: '合同修改单审批 Approve the contract modification form (R14)',
      subject,
      facts: at('$.form.facts'),
      assignee: onDuty('planner'),
      requestedBy,
      wait: hours(24),
      reminder: { after: hours(24) },
      escalation: { after: hours(48) },
      resultPath: '$.approval',
      next: 'Approved',
      lapse: 'Lapse',
    }),
    Approved: onOutcome('$.approval', { reject: 'Reject', approve: 'Apply' }),
    Reject: step(
      'reject',
      { ...request, decidedBy: at('$.approval.decidedBy'), comment: at('$.approval.comment') },
      { comment: "The planner's written reply goes to the customer.", end: true },
    ),
    Apply: step(
      'apply',
      { ...request, decidedBy: at('$.approval.decidedBy') },
      {
        comment:
          'R14, R15: the order becomes its next revision in one transaction (or the change is refused if the order moved on).',
        end: true,
      },
    ),
    Lapse: step('lapse', request, {
      comment: 'Nobody answered even after the escalation: the merchandiser is told; the request ends.',
      end: true,
    }),
    Ended: succeed(),
  }),
});
