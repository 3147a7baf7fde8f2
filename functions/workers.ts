import { eventSource } from '../shared/domain/events.ts';
import { countedEventTypes } from '../shared/domain/report-figures.ts';
import type { Grant } from '../shared/http/route.ts';
import { sesDetailTypes, sesSource } from '../shared/schemas/ses-event.ts';
import type { Setting } from '../shared/settings.ts';
import { workflows } from '../state-machines/index.ts';

export type EventPattern = { source: string[]; 'detail-type': string[] };

export { type Setting, settings } from '../shared/settings.ts';

export type WorkerDefinition = {
  name: string;
  description: string;
  handler: string;
  grants: readonly Grant[];
  /** Invoked by the table's stream, for the records matching the filter (the outbox's events). */
  tableStream?: { eventName: string[]; entity: string[] };
  /**
   * Invoked by the event bus, one rule per entry: the app's bus, or the account's default bus for what AWS services
   * publish there (SES's e-mail events; infra/ narrows such a rule to this stage's configuration set).
   */
  rules?: { name: string; description: string; pattern: EventPattern; bus?: 'default' }[];
  settings?: readonly Setting[];
};

const on = (...types: string[]): EventPattern => ({ source: [eventSource], 'detail-type': types });

/**
 * The functions that no HTTP route calls, with their triggers: read by infra/ (event source mapping, rules,
 * DLQs) and by the offline stack (stream poller, local bus), so that both wire the same things.
 */
export const workers: readonly WorkerDefinition[] = [
  {
    name: 'publish-events',
    description: 'Carries domain events from the table stream (the outbox) to the event bus',
    handler: 'functions/events/publish.ts',
    grants: ['events:put', 'table:write'],
    tableStream: { eventName: ['INSERT'], entity: ['event'] },
  },
  {
    name: 'republish-events',
    description:
      'The outbox sweep: publishes the events the stream relay missed (still unpublished minutes later), oldest first',
    handler: 'functions/events/sweep.ts',
    grants: ['table:read', 'table:write', 'events:put'],
  },
  {
    name: 'notify',
    description: 'Sends the e-mails that domain events call for',
    handler: 'functions/notifications/notify.ts',
    grants: ['table:write', 'mail:send'],
    rules: [
      {
        name: 'customer-created',
        description: 'Tell the merchandiser about a new customer',
        pattern: on('CustomerCreated'),
      },
      {
        name: 'customer-reviewed',
        description: 'Tell merchandiser and sales manager the outcome of an onboarding review',
        pattern: on('CustomerActivated', 'CustomerRejected', 'CustomerReviewLapsed'),
      },
      {
        name: 'customer-terms-changes',
        description: "Tell the requester and the account team how a change of a customer's terms ended",
        pattern: on('CustomerTermsChanged', 'TermsChangeRefused', 'TermsChangeLapsed'),
      },
      {
        name: 'order-news',
        description: 'Tell the customer and the people concerned where an order stands (R6, R13)',
        pattern: on('OrderRejected', 'OrderReleased', 'OrderPromiseLate', 'OrderDepositLate', 'OrderIntakeLapsed'),
      },
      {
        name: 'order-changes',
        description: 'Tell the customer and the departments how a change request ended (R13, R14)',
        pattern: on('ChangeRequestRefused', 'ChangeRequestLapsed', 'OrderChanged'),
      },
      {
        name: 'order-cancellations',
        description: 'Tell the customer, PMC and the merchandiser how a cancellation request ended (R16)',
        pattern: on('OrderCancelled', 'CancellationRefused', 'CancellationLapsed'),
      },
      {
        name: 'shipping-news',
        description:
          'Tell the customer of the balance due (R9), and the merchandiser and finance of a late balance, a held, stalled or late delivery, a delivery signed for (F3)',
        pattern: on(
          'BalanceRequested',
          'BalanceLate',
          'DeliveryHeld',
          'DeliveryStalled',
          'DeliveryLate',
          'DeliverySignedFor',
        ),
      },
      {
        name: 'complaint-news',
        description:
          'Acknowledge a complaint to the customer with its number (R25) and tell its owner (R29); the written reply to the customer (R27); a stalled step, a weight not given (R28) to its owner; an overdue complaint to its owner and their leader (R29)',
        pattern: on(
          'ComplaintRegistered',
          'ComplaintAnswered',
          'ComplaintStalled',
          'ComplaintWeightMissing',
          'ComplaintOverdue',
        ),
      },
      {
        name: 'return-news',
        description:
          'Acknowledge a return application to the customer with its number and tell its owner (R30); a refusal (R32), a difference on receipt (R34) to the customer; goods held (R33), a return stopped (R35) or stalled to its owner; goods held and settled to the warehouse (R30, R33)',
        pattern: on(
          'ReturnApplied',
          'ReturnRefused',
          'ReturnArrivalHeld',
          'ReturnArrivalSettled',
          'ReturnReceivedWithDifference',
          'ReturnStopped',
          'ReturnStalled',
        ),
      },
      {
        name: 'receivables-news',
        description:
          "Tell the requester how a ledger adjustment ended (R40); remind an overdue customer's contacts and its merchandiser (R40)",
        pattern: on('LedgerAdjusted', 'LedgerAdjustmentRefused', 'LedgerAdjustmentLapsed', 'ReceivablesOverdue'),
      },
      {
        name: 'quotation-news',
        description:
          'Tell the requester of a quotation refused in writing or lapsed: it does not go to the customer (R37)',
        pattern: on('QuotationRefused', 'QuotationLapsed'),
      },
      {
        name: 'workflow-trouble',
        description:
          'Tell the merchandiser of a failed workflow step or a bounced approval e-mail, and operations of an approval e-mail refused or a complaint',
        pattern: on('WorkflowStepFailed', 'ApprovalUndelivered', 'ApprovalBounced', 'MailComplaint'),
      },
    ],
  },
  {
    name: 'start-workflows',
    description:
      'Starts the workflow an event calls for (state-machines/: each workflow names the event that starts it)',
    handler: 'functions/workflows/start.ts',
    grants: ['workflows:start'],
    rules: workflows.map((workflow) => ({
      name: workflow.name,
      description: workflow.description.slice(0, 512),
      pattern: on(workflow.startedBy.event),
    })),
  },
  {
    name: 'resume-waiters',
    description:
      "Resumes the workflow steps waiting for a customer's review (R10: orders before planning), an order's deposit or balance (R9), a customer's credit (F7), a delivery's receipt (R23), a complaint's weight received (R28), a return's shipment (R33), a statement's signature (R38)",
    handler: 'functions/workflows/resume.ts',
    grants: ['table:read', 'table:write', 'workflows:callback'],
    rules: [
      {
        name: 'customer-reviewed-resume',
        description: 'A customer passed or failed its review',
        pattern: on('CustomerActivated', 'CustomerRejected'),
      },
      {
        name: 'payment-recorded-resume',
        description:
          "A payment: an order's intake waiting for its deposit (R9), a delivery for its balance (R9) or its customer's credit (F7)",
        pattern: on('PaymentRecorded'),
      },
      {
        name: 'delivery-signed-for-resume',
        description: 'A delivery was signed for (R23)',
        pattern: on('DeliverySignedFor'),
      },
      {
        name: 'return-shipped-resume',
        description: 'The customer announced an approved return on its way (R33)',
        pattern: on('ReturnShipmentAnnounced'),
      },
      {
        name: 'complaint-weighed-resume',
        description: "A short shipment's weight received was given (R28)",
        pattern: on('ComplaintWeighed'),
      },
      {
        name: 'statement-signed-back-resume',
        description: 'The customer confirmed or disputed a statement (R38)',
        pattern: on('StatementSignedBack'),
      },
    ],
  },
  {
    name: 'report-figures',
    description:
      'R41, R43: adds what each counted domain event contributes to the report figures (by day, month, customer, product type and region) and the KPIs, once per event',
    handler: 'functions/reports/figures.ts',
    grants: ['table:write'],
    rules: [
      {
        name: 'report-figures',
        description:
          'The events the report figures count (shared/domain/report-figures.ts): orders, deliveries, complaints, returns, anomalies, approvals, survey answers',
        pattern: on(...countedEventTypes),
      },
    ],
  },
  {
    name: 'send-report',
    description:
      'R41: the daily, weekly or monthly report of the period just ended, from the kept figures, e-mailed with its charts and spreadsheet to the leaders, the GM, sales admin and QA; once per reader and period',
    handler: 'functions/reports/send.ts',
    grants: ['table:read', 'table:write', 'mail:send'],
  },

  {
    name: 'request-approval',
    description: 'Asks a person for a decision: stores the approval and e-mails its link (waitForTaskToken tasks)',
    handler: 'functions/approvals/request.ts',
    grants: ['table:read', 'table:write', 'mail:send', 'workflows:callback'],
  },
  {
    name: 'mail-feedback',
    description:
      "SES's bounces and complaints: a bounced approval request is sent again to the assignee's deputy or leader and the merchandiser told; a complaint recorded and operations told",
    handler: 'functions/approvals/mail-feedback.ts',
    grants: ['table:read', 'table:write', 'mail:send'],
    rules: [
      {
        name: 'ses-feedback',
        description: "SES bounces and complaints of this stage's e-mails (its configuration set)",
        bus: 'default',
        pattern: { source: [sesSource], 'detail-type': [sesDetailTypes.bounce, sesDetailTypes.complaint] },
      },
    ],
  },
  {
    name: 'step-failed',
    description:
      "A workflow step failed after its retries: recorded in the subject's history, the merchandiser told, operations asked whether to run it again",
    handler: 'functions/workflows/failed.ts',
    grants: ['table:read', 'table:write', 'mail:send'],
  },
  {
    name: 'customer-onboarding',
    description: "The customer-onboarding workflow's steps: load the customer, record the outcome",
    handler: 'functions/customers/onboarding.ts',
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'customer-terms-change',
    description:
      "The customer-terms-change workflow's steps: load the request, apply the approved terms to the customer, refuse or lapse",
    handler: 'functions/customers/terms-change.ts',
    grants: ['table:read', 'table:write'],
    settings: ['credit-raise-code-thresholds'],
  },
  {
    name: 'order-intake',
    description: "The order-intake workflow's steps: load the order, move it on, record the outcome",
    handler: 'functions/orders/intake.ts',
    grants: ['table:read', 'table:write', 'workflows:callback', 'mail:send'],
    // R37: a special price without an approved quotation goes to the deputy GM or the GM, by its discount.
    settings: ['special-price-deputy-limit'],
  },
  {
    name: 'order-change',
    description: "The order-change workflow's steps: assess, prepare the contract modification form, apply or refuse",
    handler: 'functions/order-changes/change.ts',
    grants: ['table:read', 'table:write'],
    settings: ['production-email'],
  },
  {
    name: 'shipping',
    description:
      "The shipping workflow's steps (F3): the payment gate, the stock-prep form, picking, the delivery note, shipping, the customer's e-mail with the note, tracking",
    handler: 'functions/shipping/shipping.ts',
    grants: ['table:read', 'table:write', 'workflows:callback', 'mail:send'],
  },
  {
    name: 'complaint',
    description:
      "The complaint workflow's steps (F4): the wait for a short shipment's weight (R28), its facts for each person, the report, the leader's signature, QA's analysis, the reply and a replacement delivery (R27)",
    handler: 'functions/complaints/complaint.ts',
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'return',
    description:
      "The return workflow's steps (F5): its facts for each person, the analysis, approvals, the customer's instructions, the count, the signatures, the return note and the credit",
    handler: 'functions/returns/return.ts',
    grants: ['table:read', 'table:write', 'workflows:callback', 'mail:send'],
  },
  {
    name: 'statement',
    description:
      "The statement workflow's steps (R38): the statement mailed with its sign-back link, the answer, finance's correction booked and issued again, or the explanation",
    handler: 'functions/statements/statement.ts',
    grants: ['table:read', 'table:write', 'workflows:callback', 'mail:send'],
  },
  {
    name: 'table-archive',
    description:
      'R42, monthly: the whole table exported from point-in-time recovery to the archive bucket, under the month just ended',
    handler: 'functions/operations/table-archive.ts',
    grants: ['table:export'],
  },
  {
    name: 'month-end',
    description:
      'R38, monthly: the statement of the month before for every customer settling monthly with activity or an open balance, each once; finance gets the summary',
    handler: 'functions/statements/month-end.ts',
    grants: ['table:read', 'table:write', 'mail:send'],
  },
  {
    name: 'statement-follow-up',
    description:
      'R38, daily: statements not signed back reminded to the customer after a week, chased by the merchandiser after two; finance gets the summary',
    handler: 'functions/statements/follow-up.ts',
    grants: ['table:read', 'table:write', 'mail:send'],
  },
  {
    name: 'complaint-overdue',
    description:
      'R29, daily: the complaints not answered by their due date — each owner reminded and their leader told, once a day',
    handler: 'functions/complaints/overdue.ts',
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'quotation',
    description:
      "The quotation workflow's steps (R37): who decides (the sales manager, or for a special price the deputy GM or the GM), the outcome, the PDF to the customer",
    handler: 'functions/quotations/quotation.ts',
    grants: ['table:read', 'table:write', 'mail:send'],
    settings: ['special-price-deputy-limit'],
  },
  {
    name: 'order-cancellation',
    description:
      "The order-cancellation workflow's steps: who decides by amount (R16), cancel (credit for a deposit), stop the order's workflows",
    handler: 'functions/order-cancellations/cancellation.ts',
    grants: ['table:read', 'table:write', 'workflows:stop'],
    settings: ['cancellation-limits'],
  },
  {
    name: 'ledger-adjustment',
    description:
      "The ledger-adjustment workflow's steps (R40): load the adjustment with the balance, book the approved one on the ledger, refuse or lapse",
    handler: 'functions/receivables/adjustment.ts',
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'receivables-overdue',
    description:
      'R40, daily: each customer owing money past its due date — its contacts and its merchandiser reminded on the 1st, 7th, 15th and 30th day overdue, then every 30 days; once a day at most',
    handler: 'functions/receivables/overdue.ts',
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'daily-follow-up',
    description:
      "R7, working days: each person's digest of what waits on them (pending approvals with fresh links, overdue items, stuck orders, the team's overdue items for leaders), once a day",
    handler: 'functions/follow-up/daily.ts',
    grants: ['table:read', 'table:write', 'mail:send'],
  },
  {
    name: 'satisfaction-survey',
    description:
      'R43, yearly: the satisfaction survey to each contact of every active customer, with a link of their own, once per contact and year',
    handler: 'functions/surveys/invite.ts',
    grants: ['table:read', 'table:write', 'mail:send'],
  },
];
