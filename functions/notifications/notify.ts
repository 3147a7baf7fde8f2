import type { EventBridgeEvent } from 'aws-lambda';
import type { CustomerCreated, CustomerReviewed } from '../../shared/domain/customer.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { CustomerReviewLapsed } from '../../shared/domain/onboarding.ts';
import type { CancellationEnded, OrderCancelled } from '../../shared/domain/order-cancellation.ts';
import type { ChangeRequestEnded, OrderChanged } from '../../shared/domain/order-change.ts';
import type { OrderMoved, OrderPromiseLate } from '../../shared/domain/order-intake.ts';
import type { ApprovalUndelivered, WorkflowStepFailed } from '../../shared/domain/step-failure.ts';
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
import type { Email } from '../../shared/mail/layout.ts';
import {
  orderIntakeLapsedEmail,
  orderPromiseLateEmail,
  orderRejectedEmail,
  orderReleasedEmail,
  toCustomer,
} from '../../shared/mail/order-templates.ts';
import { customerCreatedEmail, customerReviewedEmail, customerReviewLapsedEmail } from '../../shared/mail/templates.ts';
import { approvalUndeliveredEmail, workflowStepFailedEmail } from '../../shared/mail/workflow-templates.ts';
import { claimOnce } from '../../shared/persistence/once.ts';
import type { MailMessage } from '../../shared/ports/index.ts';
import { port } from '../../shared/runtime.ts';
import type { Language } from '../../shared/schemas/common.ts';

const appUrl = () => process.env.APP_URL ?? '';

/** The e-mails each event calls for. */
const messages: Record<string, (event: DomainEvent) => MailMessage[]> = {
  CustomerCreated: (event) => {
    const created = event as CustomerCreated;
    const to = [created.data.customer.merchandiserEmail];
    return [{ to, template: 'customer-created', ...customerCreatedEmail(created, appUrl()) }];
  },
  CustomerActivated: (event) => reviewed(event as CustomerReviewed),
  CustomerRejected: (event) => reviewed(event as CustomerReviewed),
  OrderRejected: orderMessages('order-rejected', orderRejectedEmail),
  OrderReleased: (event) => {
    const moved = event as OrderMoved;
    const { pmcEmail, merchandiserEmail } = moved.data.parties;
    return [{ to: [pmcEmail, merchandiserEmail], template: 'order-released', ...orderReleasedEmail(moved, appUrl()) }];
  },
  OrderIntakeLapsed: (event) => {
    const moved = event as OrderMoved;
    const to = [moved.data.parties.merchandiserEmail];
    return [{ to, template: 'order-intake-lapsed', ...orderIntakeLapsedEmail(moved, appUrl()) }];
  },
  OrderPromiseLate: (event) => {
    const late = event as OrderPromiseLate;
    const to = [late.data.parties.merchandiserEmail];
    return [{ to, template: 'order-promise-late', ...orderPromiseLateEmail(late, appUrl()) }];
  },
  ChangeRequestRefused: (event) => {
    const ended = event as ChangeRequestEnded;
    const { parties } = ended.data;
    return [
      ...toCustomer(parties, (language) => changeRefusedEmail(ended, language)),
      { to: [parties.merchandiserEmail], ...changeRefusedEmail(ended, 'zh-CN') },
    ].map((message) => ({ ...message, template: 'change-refused' }));
  },
  ChangeRequestLapsed: (event) => {
    const ended = event as ChangeRequestEnded;
    const to = [ended.data.parties.merchandiserEmail];
    return [{ to, template: 'change-lapsed', ...changeLapsedEmail(ended, appUrl()) }];
  },
  OrderChanged: (event) => {
    const changed = event as OrderChanged;
    return [
      ...toCustomer(changed.data.parties, (language) => orderChangedEmail(changed, language)).map((message) => ({
        ...message,
        template: 'order-changed',
      })),
      { to: changed.data.departments, template: 'modification-form', ...modificationFormEmail(changed, appUrl()) },
    ];
  },
  OrderCancelled: (event) => {
    const cancelled = event as OrderCancelled;
    const { parties } = cancelled.data;
    return [
      ...toCustomer(parties, (language) => orderCancelledEmail(cancelled, language)).map((message) => ({
        ...message,
        template: 'order-cancelled',
      })),
      {
        to: [...new Set([parties.pmcEmail, parties.merchandiserEmail])],
        template: 'order-cancelled-stop',
        ...orderCancelledStaffEmail(cancelled, appUrl()),
      },
    ];
  },
  CancellationRefused: (event) => {
    const refused = event as CancellationEnded;
    const { parties } = refused.data;
    return [
      ...toCustomer(parties, (language) => cancellationRefusedEmail(refused, language)),
      { to: [parties.merchandiserEmail], ...cancellationRefusedEmail(refused, 'zh-CN') },
    ].map((message) => ({ ...message, template: 'cancellation-refused' }));
  },
  CancellationLapsed: (event) => {
    const lapsed = event as CancellationEnded;
    const to = [lapsed.data.parties.merchandiserEmail];
    return [{ to, template: 'cancellation-lapsed', ...cancellationLapsedEmail(lapsed, appUrl()) }];
  },
  WorkflowStepFailed: (event) => {
    const failed = event as WorkflowStepFailed;
    const to = [failed.data.merchandiserEmail];
    return [{ to, template: 'workflow-step-failed', ...workflowStepFailedEmail(failed, appUrl()) }];
  },
  ApprovalUndelivered: (event) => {
    const undelivered = event as ApprovalUndelivered;
    const to = [undelivered.data.operationsEmail];
    return [{ to, template: 'approval-undelivered', ...approvalUndeliveredEmail(undelivered, appUrl()) }];
  },
  CustomerReviewLapsed: (event) => {
    const lapsed = event as CustomerReviewLapsed;
    const { merchandiserEmail, salesManagerEmail } = lapsed.data.customer;
    const to = [...new Set([merchandiserEmail, salesManagerEmail])];
    return [{ to, template: 'customer-review-lapsed', ...customerReviewLapsedEmail(lapsed, appUrl()) }];
  },
};

function orderMessages(template: string, compose: (event: OrderMoved, language: Language) => Email) {
  return (event: DomainEvent): MailMessage[] =>
    toCustomer((event as OrderMoved).data.parties, (language) => compose(event as OrderMoved, language)).map((m) => ({
      ...m,
      template,
    }));
}

function reviewed(event: CustomerReviewed): MailMessage[] {
  const { merchandiserEmail, salesManagerEmail } = event.data.customer;
  const to = [...new Set([merchandiserEmail, salesManagerEmail])];
  return [{ to, template: 'customer-reviewed', ...customerReviewedEmail(event, appUrl()) }];
}

/** EventBridge delivers at least once: each message is claimed in the table first, so a redelivery sends nothing. */
export async function handler(envelope: EventBridgeEvent<string, DomainEvent>) {
  const event = envelope.detail;
  for (const [i, message] of (messages[event.type]?.(event) ?? []).entries()) {
    const claimed = await claimOnce(
      port('table'),
      `NOTIFIED#${event.id}`,
      `${message.template}#${i}`,
      port('clock').now(),
    );
    if (claimed) await port('mail').send(message);
  }
}
