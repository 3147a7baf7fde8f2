import type { EventBridgeEvent } from 'aws-lambda';
import type { CustomerCreated, CustomerReviewed } from '../../shared/domain/customer.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { CustomerReviewLapsed } from '../../shared/domain/onboarding.ts';
import type { OrderMoved, OrderPromiseLate } from '../../shared/domain/order-intake.ts';
import type { Email } from '../../shared/mail/layout.ts';
import {
  orderIntakeLapsedEmail,
  orderPromiseLateEmail,
  orderRejectedEmail,
  orderReleasedEmail,
  toCustomer,
} from '../../shared/mail/order-templates.ts';
import { customerCreatedEmail, customerReviewedEmail, customerReviewLapsedEmail } from '../../shared/mail/templates.ts';
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
  for (const message of messages[event.type]?.(event) ?? []) {
    const claimed = await claimOnce(port('table'), `NOTIFIED#${event.id}`, message.template, port('clock').now());
    if (claimed) await port('mail').send(message);
  }
}
