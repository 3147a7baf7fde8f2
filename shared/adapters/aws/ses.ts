import type { SESClient } from '@aws-sdk/client-ses';
import { currentCorrelationId } from '../../correlation.ts';
import { renderMime } from '../../mail/mime.ts';
import { businessMetrics, countBusiness } from '../../metrics.ts';
import type { MailPort } from '../../ports/index.ts';
import { awsClientOptions } from './clients.ts';

/** SES's errors that refuse a message (as opposed to throttling or an outage, which are retried). */
export const refusals: ReadonlySet<string> = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSendingPausedException',
  'ConfigurationSetSendingPausedException',
]);

/** Sends the same MIME message the local mailbox stores, through SES with the configuration set. */
export function sesMail(from: string, configurationSet: string | undefined): MailPort {
  let client: SESClient | undefined;
  return {
    async send(sent) {
      const correlationId = sent.correlationId ?? currentCorrelationId();
      const message = { ...sent, ...(correlationId ? { correlationId } : {}) };
      const { SESClient, SendRawEmailCommand } = await import('@aws-sdk/client-ses');
      client ??= new SESClient(awsClientOptions('ses'));
      const { raw } = renderMime(message, { from, date: new Date() });
      const result = await client
        .send(
          new SendRawEmailCommand({
            RawMessage: { Data: Buffer.from(raw) },
            ConfigurationSetName: configurationSet,
            // Tag values allow only letters, digits, "_", "-" and ".": the id as far as it can go (it is whole in the header).
            Tags: [
              { Name: 'template', Value: message.template },
              ...(correlationId
                ? [{ Name: 'correlation', Value: correlationId.replace(/[^A-Za-z0-9_.-]/g, '_') }]
                : []),
            ],
          }),
        )
        .catch((error: Error) => {
          // SES refuses the message itself (a suppressed or unverified address, a paused account): counted.
          if (refusals.has(error.name)) countBusiness(businessMetrics.emailsRefused);
          throw error;
        });
      return { messageId: result.MessageId ?? '' };
    },
  };
}
