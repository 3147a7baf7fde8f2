import { accountOwner, onDuty, salesManager } from './kit/approvers.ts';
import { at } from './kit/asl.ts';
import { decided, type FlowContext, personStep } from './kit/person-steps.ts';
import { days } from './kit/policy.ts';
import { defineWorkflow } from './kit/workflow.ts';

const ids = { complaintId: at('$.complaint.id') };
const flow: FlowContext = {
  ids,
  subject: { kind: 'order', id: at('$.complaint.orderId'), title: at('$.complaint.title') },
  round: '$.round',
};

/** R28: how long a short shipment waits for the weight the customer received before the report goes ahead without it. */
const weightWaitDays = 3;

/** F4: a registered complaint taken to the customer's written answer: report, leader, QA, reply (R25–R27). */
export const complaint = defineWorkflow({
  name: 'complaint',
  description:
    "F4 complaint: a short shipment waits for the weight received (R28), then the merchandiser's report (R25), the leader's signature and QA's 8D analysis (R26), the written reply with its resolution (R27); every step reminded and escalated (R29).",
  worker: 'complaint',
  subject: { kind: 'order', idField: 'orderId' },
  startedBy: {
    event: 'ComplaintRegistered',
    start: (event) => ({
      id: event.data.complaint.id,
      input: { complaintId: event.data.complaint.id, orderId: event.subject.id },
    }),
  },
  startAt: 'LoadComplaint',
  states: (kit) => ({
    LoadComplaint: kit.step(
      'load',
      { complaintId: at('$.complaintId') },
      {
        comment: 'Whose complaint, and who follows it: the account owner (their leader signs the report).',
        select: { complaint: at('$.Payload.complaint') },
        resultPath: '$',
        next: 'WeightGate',
      },
    ),
    WeightGate: kit.choice(
      [{ Variable: '$.complaint.status', StringEquals: 'awaiting_weight', Next: 'AwaitWeight' }],
      'ToReport',
      'R28: a short shipment registered without the weight received waits for it first.',
    ),
    AwaitWeight: kit.waitFor('await-weight', ids, {
      comment:
        'R28: waits for POST /complaints/{id}/weight (resume-waiters answers on ComplaintWeighed); 3 days on, the report goes ahead without it.',
      timeoutSeconds: days(weightWaitDays),
      catch: [{ errors: ['States.Timeout'], next: 'WeightMissing' }],
      next: 'ToReport',
    }),
    WeightMissing: kit.step('weight-missing', ids, {
      comment: 'R28: the owner is told the customer gave no weight; the report can be written without it.',
      next: 'ToReport',
    }),
    ...personStep(kit, flow, 'Report', 'report', {
      step: 'complaint-report',
      ask: '产品投诉处理报告 Write the complaint report (R25)',
      assignee: accountOwner(at('$.complaint.accountOwner')),
      form: 'complaint-report',
      resultPath: '$.report',
      next: 'ReportWritten',
    }),
    ...decided(
      kit,
      flow,
      'ReportWritten',
      'report',
      '$.report',
      { written: 'ToLeaderSign', again: 'ToReport' },
      'R25: the report as written goes to the leader; a refusal asks the merchandiser again.',
    ),
    ...personStep(kit, flow, 'LeaderSign', 'leader_review', {
      step: 'leader-sign',
      ask: '投诉报告签核 Sign the complaint report (R26)',
      assignee: salesManager(at('$.complaint.accountOwner')),
      requestedBy: at('$.report.decidedBy'),
      resultPath: '$.signature',
      next: 'LeaderSigned',
    }),
    ...decided(
      kit,
      flow,
      'LeaderSigned',
      'sign',
      '$.signature',
      { signed: 'ToAnalysis', returned: 'ToReport' },
      "R26: signed, the report goes to QA; refused, it returns to the merchandiser with the leader's reason.",
    ),
    ...personStep(kit, flow, 'Analysis', 'qa_analysis', {
      step: 'cause-analysis',
      ask: '原因分析与纠正预防措施 Analyse the cause: containment, corrective and preventive actions (R26)',
      assignee: onDuty('qa'),
      form: 'cause-analysis',
      resultPath: '$.analysis',
      next: 'Analysed',
    }),
    ...decided(
      kit,
      flow,
      'Analysed',
      'analyse',
      '$.analysis',
      { analysed: 'ToReply', returned: 'ToReport' },
      "R26: QA's analysis returns to the merchandiser for the reply; a refusal (the report does not say enough) returns the report.",
    ),
    ...personStep(kit, flow, 'Reply', 'reply', {
      step: 'complaint-reply',
      ask: '答复客户 Reply to the customer in writing with the resolution (R27)',
      assignee: accountOwner(at('$.complaint.accountOwner')),
      form: 'complaint-reply',
      resultPath: '$.reply',
      next: 'Replied',
    }),
    ...decided(
      kit,
      flow,
      'Replied',
      'reply',
      '$.reply',
      { answered: 'Answered', again: 'ToReply' },
      'R27: the reply goes to the customer in its language, and the complaint is answered.',
    ),
    Answered: { Type: 'Succeed' },
  }),
});
