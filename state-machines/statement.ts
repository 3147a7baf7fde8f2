import { onDuty } from './kit/approvers.ts';
import { at } from './kit/asl.ts';
import { decided, type FlowContext, personStep } from './kit/person-steps.ts';
import { days } from './kit/policy.ts';
import { defineWorkflow } from './kit/workflow.ts';

const ids = { statementId: at('$.statement.id') };
const flow: FlowContext = {
  ids,
  subject: { kind: 'customer', id: at('$.statement.customerId'), title: at('$.statement.title') },
  round: '$.round',
};

/**
 * R38: one customer's statement of a month, from the month-end run to its signature: mailed with its sign-back link,
 * waited for (the daily follow-up reminds the customer and asks the merchandiser to chase), and a dispute answered by
 * finance — corrected with the finance leader's approval and issued again as a new revision, or explained.
 */
export const statement = defineWorkflow({
  name: 'statement',
  description:
    "R38 statement: the month's statement mailed to the customer with a sign-back link; confirmed, it is filed as signed; disputed, finance corrects it (the finance leader approves, a new revision is mailed) or explains it; never signed, the merchandiser and finance are told.",
  worker: 'statement',
  subject: { kind: 'customer', idField: 'customerId' },
  startedBy: {
    event: 'StatementIssued',
    start: (event) => ({
      id: event.data.statement.id,
      input: { statementId: event.data.statement.id, customerId: event.subject.id },
    }),
  },
  startAt: 'LoadStatement',
  states: (kit) => ({
    LoadStatement: kit.step(
      'load',
      { statementId: at('$.statementId') },
      {
        comment: 'Whose statement, and its title for the people asked.',
        select: { statement: at('$.Payload.statement') },
        resultPath: '$',
        next: 'SendStatement',
      },
    ),
    SendStatement: kit.step('send', ids, {
      comment:
        "R38: the statement (PDF, in the customer's language) to the customer's contacts with a sign-back link; retried for about four hours.",
      retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 300, MaxAttempts: 8, BackoffRate: 1.5 }],
      catch: [{ errors: ['States.ALL'], resultPath: '$.sendError', next: 'NotSent' }],
      next: 'AwaitSignBack',
    }),
    NotSent: kit.step('not-sent', ids, {
      comment:
        'R38: the merchandiser and finance are told to send it another way; the customer may still sign it back.',
      next: 'AwaitSignBack',
    }),
    AwaitSignBack: kit.waitFor('await-sign-back', ids, {
      comment:
        'R38: waits for the customer to confirm or dispute it (resume-waiters on StatementSignedBack); the daily follow-up reminds and chases meanwhile.',
      timeoutSeconds: days(60),
      catch: [{ errors: ['States.Timeout'], next: 'Unsigned' }],
      next: 'SignedBack',
    }),
    SignedBack: kit.step('signed-back', ids, {
      comment: 'R38: where the statement stands now: confirmed, disputed, or (a stale answer) still waiting.',
      select: { next: at('$.Payload.next') },
      resultPath: '$.outcome',
      next: 'SignedBackRoute',
    }),
    SignedBackRoute: kit.choice(
      [
        { Variable: '$.outcome.next', StringEquals: 'confirmed', Next: 'Filed' },
        { Variable: '$.outcome.next', StringEquals: 'disputed', Next: 'ToAnswer' },
      ],
      'AwaitSignBack',
    ),
    ...personStep(kit, flow, 'Answer', 'disputed', {
      step: 'statement-dispute',
      ask: '对账单异议 Answer the customer: approve to correct the statement, refuse if it stands (the customer reads your reason) (R38)',
      assignee: onDuty('finance'),
      form: 'statement-correction',
      resultPath: '$.answer',
      next: 'Answered',
    }),
    ...decided(
      kit,
      flow,
      'Answered',
      'answer',
      '$.answer',
      { correction: 'ToApproveCorrection', explained: 'AwaitSignBack' },
      'R38: a correction goes to the finance leader; a statement that stands is explained to the customer, who is asked to sign it again.',
    ),
    ...personStep(kit, flow, 'ApproveCorrection', 'correction', {
      step: 'statement-correction-approval',
      ask: '对账单更正审批 Approve the correction of a statement (R38, R40)',
      assignee: { role: 'leader', approver: { rule: 'leader-of', staff: at('$.answer.decidedBy') } },
      requestedBy: at('$.answer.decidedBy'),
      resultPath: '$.approval',
      next: 'CorrectionDecided',
    }),
    ...decided(
      kit,
      flow,
      'CorrectionDecided',
      'correct',
      '$.approval',
      { corrected: 'SendStatement', refused: 'ToAnswer' },
      'R38, R40: approved, the correction is booked on the ledger and the statement issued again as a new revision; refused, finance answers again.',
    ),
    Unsigned: kit.step('unsigned', ids, {
      comment: 'R38: two months without an answer: recorded as never signed; the merchandiser and finance are told.',
      end: true,
    }),
    Filed: kit.succeed('R38: confirmed; filed as signed (who, when, from which link).'),
  }),
});
