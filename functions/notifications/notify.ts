import type { EventBridgeEvent } from 'aws-lambda';
import { sendEachOnce } from '../../shared/application/send-once.ts';
import type { CustomerReviewed } from '../../shared/domain/customer.ts';
import { type TermsChangeEnded, toldOfOutcome } from '../../shared/domain/customer-terms-change.ts';
import type { LedgerAdjustmentEnded } from '../../shared/domain/ledger-adjustment.ts';
import type { OrderMoved } from '../../shared/domain/order-intake.ts';
import {
  cancellationLapsedEmail,
  cancellationRefusedEmail,
  orderCancelledEmail,
  orderCancelledStaffEmail,
} from '../../shared/mail/cancellation-templates.ts';
import {
  changeLapsedEmail,
  changeRefusedEmail,
  modificationFormEmail,
  orderChangedEmail,
} from '../../shared/mail/change-templates.ts';
import {
  complaintAcknowledgedEmail,
  complaintAnsweredEmail,
  complaintOverdueEmail,
  complaintRegisteredEmail,
  complaintStalledEmail,
  complaintWeightMissingEmail,
} from '../../shared/mail/complaint-templates.ts';
import type { Email } from '../../shared/mail/layout.ts';
import {
  contactsByLanguage,
  orderDepositLateEmail,
  orderIntakeLapsedEmail,
  orderPromiseLateEmail,
  orderRejectedEmail,
  orderReleasedEmail,
  toCustomer,
} from '../../shared/mail/order-templates.ts';
import { quotationEndedEmail } from '../../shared/mail/quotation-templates.ts';
import {
  adjustmentOutcomeEmail,
  receivablesOverdueEmail,
  receivablesOverdueStaffEmail,
} from '../../shared/mail/receivable-templates.ts';
import {
  returnAppliedEmail,
  returnArrivalHeldEmail,
  returnArrivalSettledEmail,
  returnDifferenceEmail,
  returnRefusedEmail,
  returnStalledEmail,
  returnStoppedEmail,
  returnToAnalyseEmail,
} from '../../shared/mail/return-templates.ts';
import {
  balanceLateEmail,
  balanceRequestedEmail,
  deliveryHeldEmail,
  deliveryLateEmail,
  deliverySignedForEmail,
  deliveryStalledEmail,
} from '../../shared/mail/shipping-templates.ts';
import { customerCreatedEmail, customerReviewedEmail, customerReviewLapsedEmail } from '../../shared/mail/templates.ts';
import { termsChangeOutcomeEmail } from '../../shared/mail/terms-change-templates.ts';
import {
  approvalBouncedEmail,
  approvalUndeliveredEmail,
  mailComplaintEmail,
  workflowStepFailedEmail,
} from '../../shared/mail/workflow-templates.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import type { MailMessage } from '../../shared/ports/index.ts';
import type { Language } from '../../shared/schemas/common.ts';
import { type DomainEventType, type EventOf, parseEvent } from '../../shared/schemas/events.ts';

const appUrl = () => process.env.APP_URL ?? '';

/** One composer per event type, each given the event of its own type. */
type Composers = { [T in DomainEventType]?: (event: EventOf<T>) => MailMessage[] };

/** The e-mails each event calls for. */
const messages: Composers = {
  CustomerCreated: (event) => {
    const to = [event.data.team.merchandiserEmail];
    return [{ to, template: 'customer-created', ...customerCreatedEmail(event, appUrl()) }];
  },
  CustomerActivated: reviewed,
  CustomerRejected: reviewed,
  CustomerTermsChanged: termsChangeEnded,
  TermsChangeRefused: termsChangeEnded,
  TermsChangeLapsed: termsChangeEnded,
  OrderRejected: orderMessages('order-rejected', orderRejectedEmail),
  OrderReleased: (event) => {
    const { pmcEmail, merchandiserEmail } = event.data.parties;
    return [{ to: [pmcEmail, merchandiserEmail], template: 'order-released', ...orderReleasedEmail(event, appUrl()) }];
  },
  OrderIntakeLapsed: (event) => {
    const to = [event.data.parties.merchandiserEmail];
    return [{ to, template: 'order-intake-lapsed', ...orderIntakeLapsedEmail(event, appUrl()) }];
  },
  OrderPromiseLate: (event) => {
    const to = [event.data.parties.merchandiserEmail];
    return [{ to, template: 'order-promise-late', ...orderPromiseLateEmail(event, appUrl()) }];
  },
  OrderDepositLate: (event) => {
    const to = [...new Set([event.data.financeEmail, event.data.parties.merchandiserEmail])];
    return [{ to, template: 'order-deposit-late', ...orderDepositLateEmail(event, appUrl()) }];
  },
  BalanceRequested: (event) => {
    const { parties } = event.data;
    return [
      ...toCustomer(parties, (language) => balanceRequestedEmail(event, language)),
      { to: [parties.merchandiserEmail], ...balanceRequestedEmail(event, 'zh-CN') },
    ].map((message) => ({ ...message, template: 'balance-requested' }));
  },
  BalanceLate: (event) => {
    const to = [...new Set([event.data.financeEmail, event.data.parties.merchandiserEmail])];
    return [{ to, template: 'balance-late', ...balanceLateEmail(event, appUrl()) }];
  },
  DeliveryHeld: (event) => [
    { to: [event.data.parties.merchandiserEmail], template: 'delivery-held', ...deliveryHeldEmail(event, appUrl()) },
  ],
  DeliveryStalled: (event) => [
    {
      to: [event.data.parties.merchandiserEmail],
      template: 'delivery-stalled',
      ...deliveryStalledEmail(event, appUrl()),
    },
  ],
  DeliveryLate: (event) => [
    { to: [event.data.parties.merchandiserEmail], template: 'delivery-late', ...deliveryLateEmail(event, appUrl()) },
  ],
  DeliverySignedFor: (event) => [
    {
      to: [event.data.parties.merchandiserEmail],
      template: 'delivery-signed-for',
      ...deliverySignedForEmail(event, appUrl()),
    },
  ],
  ComplaintRegistered: (event) => {
    const { parties, complaint } = event.data;
    return [
      ...toCustomer(parties, (language) => complaintAcknowledgedEmail(event, language)).map((message) => ({
        ...message,
        template: 'complaint-acknowledged',
      })),
      { to: [complaint.owner], template: 'complaint-registered', ...complaintRegisteredEmail(event, appUrl()) },
    ];
  },
  ComplaintAnswered: (event) => {
    const { parties, complaint } = event.data;
    return [
      ...toCustomer(parties, (language) => complaintAnsweredEmail(event, language)),
      { to: [complaint.owner], ...complaintAnsweredEmail(event, 'zh-CN') },
    ].map((message) => ({ ...message, template: 'complaint-answered' }));
  },
  ComplaintStalled: (event) => [
    {
      to: [event.data.complaint.owner],
      template: 'complaint-stalled',
      ...complaintStalledEmail(event, appUrl()),
    },
  ],
  ReturnApplied: (event) => [
    ...toCustomer(event.data.parties, (language) => returnAppliedEmail(event, language)).map((message) => ({
      ...message,
      template: 'return-applied',
    })),
    { to: [event.data.return.owner], template: 'return-to-analyse', ...returnToAnalyseEmail(event, appUrl()) },
  ],
  ReturnRefused: (event) => {
    const { parties, return: application } = event.data;
    return [
      ...toCustomer(parties, (language) => returnRefusedEmail(event, language)),
      { to: [application.owner], ...returnRefusedEmail(event, 'zh-CN') },
    ].map((message) => ({ ...message, template: 'return-refused' }));
  },
  ReturnArrivalHeld: (event) => [
    {
      to: [event.data.parties.merchandiserEmail],
      template: 'return-arrival-held',
      ...returnArrivalHeldEmail(event, appUrl()),
    },
  ],
  ReturnArrivalSettled: (event) => [
    { to: [event.data.warehouseEmail], template: 'return-arrival-settled', ...returnArrivalSettledEmail(event) },
  ],
  ReturnReceivedWithDifference: (event) => {
    const { parties, return: application } = event.data;
    return [
      ...toCustomer(parties, (language) => returnDifferenceEmail(event, language)),
      { to: [application.owner], ...returnDifferenceEmail(event, 'zh-CN') },
    ].map((message) => ({ ...message, template: 'return-difference' }));
  },
  ReturnStopped: (event) => {
    const to = [...new Set([event.data.return.owner, event.data.salesManagerEmail])];
    return [{ to, template: 'return-stopped', ...returnStoppedEmail(event, appUrl()) }];
  },
  ReturnStalled: (event) => [
    { to: [event.data.return.owner], template: 'return-stalled', ...returnStalledEmail(event, appUrl()) },
  ],
  // Quotations (R37): the requester hears of one that will not go out.
  QuotationRefused: (event) => [
    { to: [event.data.quotation.requestedBy], template: 'quotation-refused', ...quotationEndedEmail(event, appUrl()) },
  ],
  QuotationLapsed: (event) => [
    { to: [event.data.quotation.requestedBy], template: 'quotation-lapsed', ...quotationEndedEmail(event, appUrl()) },
  ],
  ComplaintWeightMissing: (event) => [
    {
      to: [event.data.complaint.owner],
      template: 'complaint-weight-missing',
      ...complaintWeightMissingEmail(event, appUrl()),
    },
  ],
  ComplaintOverdue: (event) => {
    const { complaint, leaderEmail } = event.data;
    const to = [...new Set([complaint.owner, ...(leaderEmail ? [leaderEmail] : [])])];
    return [{ to, template: 'complaint-overdue', ...complaintOverdueEmail(event, appUrl()) }];
  },
  ChangeRequestRefused: (event) => {
    const { parties } = event.data;
    return [
      ...toCustomer(parties, (language) => changeRefusedEmail(event, language)),
      { to: [parties.merchandiserEmail], ...changeRefusedEmail(event, 'zh-CN') },
    ].map((message) => ({ ...message, template: 'change-refused' }));
  },
  ChangeRequestLapsed: (event) => {
    const to = [event.data.parties.merchandiserEmail];
    return [{ to, template: 'change-lapsed', ...changeLapsedEmail(event, appUrl()) }];
  },
  OrderChanged: (event) => [
    ...toCustomer(event.data.parties, (language) => orderChangedEmail(event, language)).map((message) => ({
      ...message,
      template: 'order-changed',
    })),
    { to: event.data.departments, template: 'modification-form', ...modificationFormEmail(event, appUrl()) },
  ],
  OrderCancelled: (event) => {
    const { parties } = event.data;
    return [
      ...toCustomer(parties, (language) => orderCancelledEmail(event, language)).map((message) => ({
        ...message,
        template: 'order-cancelled',
      })),
      {
        to: [...new Set([parties.pmcEmail, parties.merchandiserEmail])],
        template: 'order-cancelled-stop',
        ...orderCancelledStaffEmail(event, appUrl()),
      },
    ];
  },
  CancellationRefused: (event) => {
    const { parties } = event.data;
    return [
      ...toCustomer(parties, (language) => cancellationRefusedEmail(event, language)),
      { to: [parties.merchandiserEmail], ...cancellationRefusedEmail(event, 'zh-CN') },
    ].map((message) => ({ ...message, template: 'cancellation-refused' }));
  },
  CancellationLapsed: (event) => {
    const to = [event.data.parties.merchandiserEmail];
    return [{ to, template: 'cancellation-lapsed', ...cancellationLapsedEmail(event, appUrl()) }];
  },
  WorkflowStepFailed: (event) => {
    const to = [event.data.merchandiserEmail];
    return [{ to, template: 'workflow-step-failed', ...workflowStepFailedEmail(event, appUrl()) }];
  },
  ApprovalUndelivered: (event) => {
    const to = [event.data.operationsEmail];
    return [{ to, template: 'approval-undelivered', ...approvalUndeliveredEmail(event, appUrl()) }];
  },
  ApprovalBounced: (event) => {
    const { merchandiserEmail, operationsEmail, resentTo } = event.data;
    const to = [...new Set([merchandiserEmail ?? operationsEmail, ...(resentTo ? [] : [operationsEmail])])];
    return [{ to, template: 'approval-bounced', ...approvalBouncedEmail(event, appUrl()) }];
  },
  MailComplaint: (event) => {
    const to = [event.data.operationsEmail];
    return [{ to, template: 'mail-complaint', ...mailComplaintEmail(event) }];
  },
  // Receivables (F7, R40)
  LedgerAdjusted: adjustmentEnded,
  LedgerAdjustmentRefused: adjustmentEnded,
  LedgerAdjustmentLapsed: adjustmentEnded,
  ReceivablesOverdue: (event) => [
    ...contactsByLanguage(event.data.contacts).map(({ language, to }) => ({
      to,
      template: 'receivables-overdue',
      ...receivablesOverdueEmail(event, language),
    })),
    {
      to: [event.data.merchandiserEmail],
      template: 'receivables-overdue-staff',
      ...receivablesOverdueStaffEmail(event, appUrl()),
    },
  ],
  CustomerReviewLapsed: (event) => {
    const { merchandiserEmail, salesManagerEmail } = event.data.team;
    const to = [...new Set([merchandiserEmail, salesManagerEmail])];
    return [{ to, template: 'customer-review-lapsed', ...customerReviewLapsedEmail(event, appUrl()) }];
  },
};

function orderMessages(template: string, compose: (event: OrderMoved, language: Language) => Email) {
  return (event: OrderMoved): MailMessage[] =>
    toCustomer(event.data.parties, (language) => compose(event, language)).map((m) => ({ ...m, template }));
}

function reviewed(event: CustomerReviewed): MailMessage[] {
  const { merchandiserEmail, salesManagerEmail } = event.data.team;
  const to = [...new Set([merchandiserEmail, salesManagerEmail])];
  return [{ to, template: 'customer-reviewed', ...customerReviewedEmail(event, appUrl()) }];
}

function termsChangeEnded(event: TermsChangeEnded): MailMessage[] {
  const template = `terms-change-${event.data.termsChange.status}`;
  return [{ to: toldOfOutcome(event.data), template, ...termsChangeOutcomeEmail(event, appUrl()) }];
}

/** R40: the requester is told how their ledger adjustment ended. */
function adjustmentEnded(event: LedgerAdjustmentEnded): MailMessage[] {
  const template = `ledger-adjustment-${event.data.adjustment.status}`;
  return [{ to: [event.data.adjustment.requestedBy], template, ...adjustmentOutcomeEmail(event, appUrl()) }];
}

/** The e-mails for an event: its type picks the composer, which is given the event as that type. */
export function messagesFor<T extends DomainEventType>(type: T, event: EventOf<T>): MailMessage[] {
  return messages[type]?.(event) ?? [];
}

/**
 * EventBridge delivers at least once: each message is recorded as sent once the mail service accepted it, so a
 * redelivery sends nothing twice, and a retry after a failed send sends just what was not accepted.
 */
export const handler = observed(notify, correlationIdIn);

async function notify(envelope: EventBridgeEvent<string, unknown>) {
  const event = parseEvent(envelope.detail);
  await sendEachOnce(event.id, messagesFor(event.type, event));
}
