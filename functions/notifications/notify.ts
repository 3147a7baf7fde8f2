import type { EventBridgeEvent } from 'aws-lambda';
import type { CustomerCreated } from '../../shared/domain/customer.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { customerCreatedEmail } from '../../shared/mail/templates.ts';
import { claimOnce } from '../../shared/persistence/once.ts';
import type { MailMessage } from '../../shared/ports/index.ts';
import { port } from '../../shared/runtime.ts';

const appUrl = () => process.env.APP_URL ?? '';

/** The e-mails each event calls for. */
function messagesFor(event: DomainEvent): MailMessage[] {
  switch (event.type) {
    case 'CustomerCreated': {
      const created = event as CustomerCreated;
      return [
        {
          to: [created.data.customer.merchandiserEmail],
          template: 'customer-created',
          ...customerCreatedEmail(created, appUrl()),
        },
      ];
    }
    default:
      return [];
  }
}

/** EventBridge delivers at least once: each message is claimed in the table first, so a redelivery sends nothing. */
export async function handler(envelope: EventBridgeEvent<string, DomainEvent>) {
  const event = envelope.detail;
  for (const message of messagesFor(event)) {
    const claimed = await claimOnce(port('table'), `NOTIFIED#${event.id}`, message.template, port('clock').now());
    if (claimed) await port('mail').send(message);
  }
}
