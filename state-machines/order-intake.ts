import { accountOwner, chosen, onDuty } from './kit/approvers.ts';
import { at } from './kit/asl.ts';
import { days, hours } from './kit/policy.ts';
import { defineWorkflow } from './kit/workflow.ts';

const order = at('$.order.orderId');
const subject = { kind: 'order', id: order, title: at('$.order.title') };
const facts = at('$.order.facts');
const requestedBy = at('$.order.requestedBy');

/** F1: from a customer's order to a confirmed order in production (R1–R10). */
export const orderIntake = defineWorkflow({
  name: 'order-intake',
  description:
    "F1 order intake: initial review (R2), special prices (R37), planner review (R4), PMC's promised date (R5), acknowledgement (R6), deposit (R8, R9), release to production.",
  worker: 'order-intake',
  subject: { kind: 'order', idField: 'orderId' },
  startedBy: {
    event: 'OrderPlaced',
    start: (event) => ({ id: event.subject.id, input: { orderId: event.subject.id } }),
  },
  startAt: 'LoadOrder',
  states: ({ step, approval, waitFor, choice, onOutcome }) => ({
    LoadOrder: step(
      'load',
      { orderId: at('$.orderId') },
      {
        comment:
          "R2: blocking findings are not a machine's refusal: the merchandiser decides with them in front of them.",
        select: { order: at('$.Payload') },
        resultPath: '$',
        next: 'MerchandiserReview',
      },
    ),
    ...approval('MerchandiserReview', {
      step: 'merchandiser-review',
      ask: at('$.order.reviewAsk'),
      subject,
      facts,
      // The merchandiser checks the customer's order, also one they keyed in for the customer (docs/decisions).
      assignee: accountOwner(at('$.order.accountOwner')),
      wait: hours(24),
      reminder: { after: hours(24) },
      escalation: { after: hours(48) },
      resultPath: '$.review',
      next: 'MerchandiserReviewed',
      lapse: 'Lapsed',
    }),
    MerchandiserReviewed: onOutcome('$.review', { reject: 'Reject', approve: 'SpecialPriceNeeded' }),
    SpecialPriceNeeded: choice(
      [{ Variable: '$.order.specialPrice', BooleanEquals: true, Next: 'SpecialPriceApproval' }],
      'CustomerReviewed',
      'R37: a line below list without an approved, valid quotation is a special price the merchandiser cannot accept alone.',
    ),
    ...approval('SpecialPriceApproval', {
      step: 'special-price-approval',
      ask: '订单特价审批 Approve special prices in an order (R37)',
      subject,
      facts,
      // The deputy GM up to the limit below list (SPECIAL_PRICE_DEPUTY_LIMIT), the general manager beyond it.
      assignee: chosen(at('$.order.specialPriceRole'), at('$.order.specialPriceApprover')),
      requestedBy,
      form: 'special-price',
      wait: hours(24),
      reminder: { after: hours(24) },
      escalation: { after: hours(48) },
      resultPath: '$.specialPrice',
      next: 'SpecialPriceDecided',
      lapse: 'Lapsed',
    }),
    SpecialPriceDecided: onOutcome('$.specialPrice', { reject: 'RejectSpecialPrice', approve: 'SpecialPriceApproved' }),
    SpecialPriceApproved: step(
      'special-price',
      { orderId: order, decidedBy: at('$.specialPrice.decidedBy'), values: at('$.specialPrice.values') },
      {
        comment: "R37, R15: the special prices granted, on the approver's basis, in the order's history.",
        next: 'CustomerReviewed',
      },
    ),
    RejectSpecialPrice: step(
      'reject',
      { orderId: order, decidedBy: at('$.specialPrice.decidedBy'), comment: at('$.specialPrice.comment') },
      { end: true },
    ),
    CustomerReviewed: choice(
      [{ Variable: '$.order.customerActive', BooleanEquals: true, Next: 'ToPlanning' }],
      'AwaitCustomerReview',
      "R10: a new customer's first order goes to planning only once the customer passed its review.",
    ),
    AwaitCustomerReview: waitFor(
      'await-customer',
      { orderId: order },
      {
        comment:
          "Waits until the customer's onboarding review ends (resume-waiters answers on CustomerActivated / CustomerRejected).",
        timeoutSeconds: days(14),
        catch: [
          { errors: ['CustomerRejected'], next: 'RejectCustomerNotApproved' },
          { errors: ['States.Timeout'], next: 'Lapsed' },
        ],
        next: 'ToPlanning',
      },
    ),
    RejectCustomerNotApproved: step(
      'reject',
      {
        orderId: order,
        decidedBy: 'workflow:order-intake',
        comment: '客户未通过建档评审 The customer did not pass its review (R10).',
      },
      { end: true },
    ),
    ToPlanning: step(
      'accept',
      { orderId: order, to: 'planning', decidedBy: at('$.review.decidedBy'), comment: at('$.review.comment') },
      { next: 'PlannerReview' },
    ),
    ...approval('PlannerReview', {
      step: 'planner-review',
      ask: '订单汇审 Planner review (R4)',
      subject,
      facts,
      assignee: onDuty('planner'),
      requestedBy,
      wait: hours(24),
      reminder: { after: hours(24) },
      escalation: { after: hours(48) },
      resultPath: '$.review',
      next: 'PlannerReviewed',
      lapse: 'Lapsed',
    }),
    PlannerReviewed: onOutcome('$.review', { reject: 'Reject', approve: 'ToPmc' }),
    ToPmc: step(
      'accept',
      { orderId: order, to: 'awaiting_promise', decidedBy: at('$.review.decidedBy'), comment: at('$.review.comment') },
      {
        comment: 'R5: PMC replies by 15:00 the next day (company time zone); the worker says how long that is.',
        select: { reminderAfterSeconds: at('$.Payload.reminderAfterSeconds') },
        resultPath: '$.pmc',
        next: 'PmcPromise',
      },
    ),
    ...approval('PmcPromise', {
      step: 'pmc-promise',
      ask: '回复交期 Promise a delivery date (R5)',
      subject,
      facts,
      assignee: onDuty('pmc'),
      requestedBy,
      form: 'promised-date',
      wait: at('$.pmc.reminderAfterSeconds'),
      whenLate: 'PmcLate',
      reminder: { after: hours(24) },
      escalation: { after: hours(48) },
      resultPath: '$.promise',
      next: 'Promised',
      lapse: 'Lapsed',
    }),
    PmcLate: step(
      'promise-late',
      { orderId: order },
      {
        comment: 'R5: PMC has not replied in time: the merchandiser is told, and PMC reminded.',
        next: 'PmcPromiseReminder',
      },
    ),
    Promised: onOutcome('$.promise', { reject: 'RejectByPmc', approve: 'Acknowledge' }),
    RejectByPmc: step(
      'reject',
      { orderId: order, decidedBy: at('$.promise.decidedBy'), comment: at('$.promise.comment') },
      { end: true },
    ),
    Acknowledge: step(
      'promise',
      {
        orderId: order,
        promisedDate: at('$.promise.values.promisedDate'),
        decidedBy: at('$.promise.decidedBy'),
        decidedAt: at('$.promise.decidedAt'),
      },
      {
        comment: 'R5: the promised date is recorded; the deposit customer now waits for its deposit (R9).',
        next: 'SendAcknowledgement',
      },
    ),
    SendAcknowledgement: step(
      'acknowledge',
      { orderId: order },
      {
        comment:
          'R6: the written acknowledgement (number, lines, amounts, promised date, deposit due) to the customer, in its language; retried for about four hours, well within the 48 hours.',
        retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 300, MaxAttempts: 8, BackoffRate: 1.5 }],
        catch: [{ errors: ['States.ALL'], resultPath: '$.acknowledgementError', next: 'AcknowledgementFailed' }],
        next: 'DepositRequired',
      },
    ),
    AcknowledgementFailed: step(
      'acknowledgement-failed',
      { orderId: order },
      { comment: 'R6: the merchandiser is told to reply to the customer another way.', next: 'DepositRequired' },
    ),
    DepositRequired: choice(
      [{ Variable: '$.order.depositRequired', BooleanEquals: true, Next: 'AwaitDeposit' }],
      'Release',
    ),
    AwaitDeposit: waitFor(
      'await-deposit',
      { orderId: order },
      {
        comment:
          'R9: waits until the payments finance records against the order reach its deposit (resume-waiters answers on PaymentRecorded); one recorded before is seen at once.',
        timeoutSeconds: days(7),
        catch: [{ errors: ['States.Timeout'], next: 'DepositLate' }],
        next: 'RecordDeposit',
      },
    ),
    DepositLate: step(
      'deposit-late',
      { orderId: order },
      {
        comment: 'R9: no deposit after 7 days: finance and the merchandiser are told what is due and what was paid.',
        next: 'AwaitDepositAgain',
      },
    ),
    AwaitDepositAgain: waitFor(
      'await-deposit',
      { orderId: order },
      {
        comment: 'R9: another 7 days for the deposit; then the intake lapses (the merchandiser is told).',
        timeoutSeconds: days(7),
        catch: [{ errors: ['States.Timeout'], next: 'Lapsed' }],
        next: 'RecordDeposit',
      },
    ),
    RecordDeposit: step(
      'deposit',
      { orderId: order },
      {
        comment:
          'R8: the lead time counts from the latest of confirmation and deposit; the promised date moves if it did.',
        next: 'Release',
      },
    ),
    Release: step(
      'release',
      { orderId: order },
      { comment: 'R9: production starts; PMC is told by an event.', end: true },
    ),
    Reject: step(
      'reject',
      { orderId: order, decidedBy: at('$.review.decidedBy'), comment: at('$.review.comment') },
      { end: true },
    ),
    Lapsed: step(
      'lapse',
      { orderId: order },
      {
        comment:
          'Nobody answered, even after escalation: the order stays where it is; its history and the merchandiser are told.',
        end: true,
      },
    ),
  }),
});
