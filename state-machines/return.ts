import { accountOwner, onDuty, salesManager } from './kit/approvers.ts';
import { at } from './kit/asl.ts';
import { decided, type FlowContext, personStep, signOffDecision } from './kit/person-steps.ts';
import { days } from './kit/policy.ts';
import { defineWorkflow } from './kit/workflow.ts';

const ids = { returnId: at('$.return.id') };
const flow: FlowContext = {
  ids,
  subject: { kind: 'order', id: at('$.return.orderId'), title: at('$.return.title') },
  round: '$.round',
};
const owner = at('$.return.accountOwner');

/** F5: a return application from the cause analysis to the return note and the credit (R31–R36). */
export const returnFlow = defineWorkflow({
  name: 'return',
  description:
    "F5 return: the merchandiser's cause analysis (R31), the leader's approval or exception and the GM's for remelting (R32), the customer's shipment (R33), the warehouse's count (R34), five signatures (R35), the return note, its signatures and the credit (R36).",
  worker: 'return',
  subject: { kind: 'order', idField: 'orderId' },
  startedBy: {
    event: 'ReturnApplied',
    start: (event) => ({
      id: event.data.return.id,
      input: { returnId: event.data.return.id, orderId: event.subject.id },
    }),
  },
  startAt: 'LoadReturn',
  states: (kit) => ({
    LoadReturn: kit.step(
      'load',
      { returnId: at('$.returnId') },
      {
        comment: 'Whose return, and who follows it: the account owner (their leader approves).',
        select: { return: at('$.Payload.return') },
        resultPath: '$',
        next: 'ToAnalysis',
      },
    ),
    ...personStep(kit, flow, 'Analysis', 'analysis', {
      step: 'return-analysis',
      ask: '客户退货申请表 Analyse the cause of the return (R31)',
      assignee: accountOwner(owner),
      form: 'return-analysis',
      resultPath: '$.analysis',
      next: 'Analysed',
    }),
    ...decided(
      kit,
      flow,
      'Analysed',
      'analyse',
      '$.analysis',
      { company: 'ToConfirm', customer: 'ToException', again: 'ToAnalysis' },
      "R31: the company's fault goes to a leader to confirm, the customer's to a leader for an exception; a production fault without its complaint report is asked again.",
    ),
    ...personStep(kit, flow, 'Confirm', 'leader_approval', {
      step: 'return-confirm',
      ask: '退货审批 Approve the return: the company caused it (R32)',
      assignee: salesManager(owner),
      requestedBy: at('$.analysis.decidedBy'),
      resultPath: '$.confirmation',
      next: 'Confirmed',
    }),
    ...decided(
      kit,
      flow,
      'Confirmed',
      'confirm',
      '$.confirmation',
      { remelt: 'ToRemelt', approved: 'Approved', returned: 'ToAnalysis' },
      "R32: the company's fault is accepted; remelting needs the general manager; a leader who disputes the cause returns the analysis.",
    ),
    ...personStep(kit, flow, 'Exception', 'leader_approval', {
      step: 'return-exception',
      ask: '退货特批 The customer caused it: grant an exception, saying how the goods are handled, or refuse (R32)',
      assignee: salesManager(owner),
      requestedBy: at('$.analysis.decidedBy'),
      form: 'return-exception',
      resultPath: '$.exception',
      next: 'Excepted',
    }),
    ...decided(
      kit,
      flow,
      'Excepted',
      'except',
      '$.exception',
      { remelt: 'ToRemelt', approved: 'Approved', refused: 'Refused' },
      "R32: without a leader's exception the customer's return is refused; with one, remelting still needs the general manager.",
    ),
    ...personStep(kit, flow, 'Remelt', 'gm_approval', {
      step: 'return-remelt',
      ask: '退回工厂回炉审批 Approve sending the goods back to the furnace (R32)',
      assignee: onDuty('gm'),
      resultPath: '$.remelt',
      next: 'Remelted',
    }),
    ...decided(
      kit,
      flow,
      'Remelted',
      'remelt',
      '$.remelt',
      { approved: 'Approved', returned: 'ToAnalysis' },
      'R32: approved by the general manager; refused, the analysis returns to the merchandiser to settle the goods otherwise.',
    ),
    Approved: kit.step('approved', ids, {
      comment:
        'R33: the customer is sent the return number and instructions in writing, with a link to announce the shipment.',
      next: 'AwaitShipment',
    }),
    AwaitShipment: kit.waitFor('await-shipment', ids, {
      comment:
        'R33: waits until the customer announces the goods on their way (resume-waiters on ReturnShipmentAnnounced).',
      timeoutSeconds: days(14),
      catch: [{ errors: ['States.Timeout'], next: 'ShipmentLate' }],
      next: 'ToReceiving',
    }),
    ShipmentLate: kit.step('shipment-late', ids, {
      comment: 'R33: two weeks without the shipment: the merchandiser is told to follow it up; the wait goes on.',
      next: 'AwaitShipment',
    }),
    ...personStep(kit, flow, 'Receiving', 'receiving', {
      step: 'return-receiving',
      ask: '退货收货确认 Receive the returned goods: check model and quantity per line (R34)',
      assignee: onDuty('warehouse'),
      form: 'return-received',
      lines: at('$.round.lines'),
      resultPath: '$.received',
      next: 'Received',
    }),
    ...decided(
      kit,
      flow,
      'Received',
      'receive',
      '$.received',
      { checked: 'ToSignOff', again: 'ToReceiving' },
      'R34: the count recorded per line; a difference goes to the merchandiser and the customer; the return is credited for what came back.',
    ),
    ...personStep(kit, flow, 'SignOff', 'sign_off', {
      step: 'return-sign-off',
      ask: '退货会签 Sign off the return (R35)',
      assignee: {
        signers: [
          onDuty('warehouse'),
          { role: 'leader', approver: { rule: 'leader-of', staff: at('$.received.decidedBy') } },
          onDuty('sales-admin'),
          salesManager(owner),
          onDuty('finance'),
        ],
      },
      resultPath: '$.signOff',
      next: 'SignedOff',
    }),
    ...decided(
      kit,
      flow,
      'SignedOff',
      'sign-off',
      '$.signOff',
      { signed: 'ToIssueNote', stopped: 'Stopped' },
      'R35: the warehouse keeper, the warehouse supervisor, sales admin, the sales leader and finance all sign; one refusal stops the return with its reason.',
      signOffDecision('$.signOff'),
    ),
    ...personStep(kit, flow, 'IssueNote', 'return_note', {
      step: 'issue-return-note',
      ask: '开退货单 Issue the return note and book the credit (R36)',
      assignee: onDuty('finance'),
      resultPath: '$.issue',
      next: 'NoteIssued',
    }),
    ...decided(
      kit,
      flow,
      'NoteIssued',
      'issue-note',
      '$.issue',
      { issued: 'ToSignNote', stopped: 'Stopped' },
      "R36: the return note takes the next number of its own sequence and the credit lowers the customer's receivable; finance refusing stops the return.",
    ),
    ...personStep(kit, flow, 'SignNote', 'return_note', {
      step: 'sign-return-note',
      ask: '退货单签名 Sign the return note (R36)',
      assignee: { signers: [onDuty('warehouse'), onDuty('sales-admin')] },
      resultPath: '$.noteSignatures',
      next: 'NoteSigned',
    }),
    ...decided(
      kit,
      flow,
      'NoteSigned',
      'sign-note',
      '$.noteSignatures',
      { signed: 'SendNote', void: 'ToIssueNote' },
      'R36: the warehouse and sales admin sign; a refusal voids the note (its number stays used), takes the credit back and asks finance again.',
      signOffDecision('$.noteSignatures'),
    ),
    SendNote: kit.step('send-note', ids, {
      comment: "R36: the return note (PDF, in the customer's language) to the customer; retried for about four hours.",
      retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 300, MaxAttempts: 8, BackoffRate: 1.5 }],
      catch: [{ errors: ['States.ALL'], resultPath: '$.noteError', next: 'NoteNotSent' }],
      end: true,
    }),
    NoteNotSent: kit.step('note-not-sent', ids, {
      comment: 'R36: the merchandiser is told to send the return note another way.',
      end: true,
    }),
    Refused: kit.succeed('R32: refused; the customer was told in writing why, and the goods held for it released.'),
    Stopped: kit.succeed('R35, R36: stopped with its reason; the merchandiser settles it with the customer.'),
  }),
});
