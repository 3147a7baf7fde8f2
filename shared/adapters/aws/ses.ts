import type { SESClient } from '@aws-sdk/client-ses';
import { renderMime } from '../../mail/mime.ts';
import type { MailPort } from '../../ports/index.ts';
import { awsClientOptions } from './clients.ts';

/** Sends the same MIME message the local mailbox stores, through SES with the configuration set. */
export function sesMail(from: string, configurationSet: string | undefined): MailPort {
  let client: SESClient | undefined;
  return {
    async send(message) {
      const { SESClient, SendRawEmailCommand } = await import('@aws-sdk/client-ses');
      client ??= new SESClient(awsClientOptions('ses'));
      const { raw } = renderMime(message, { from, date: new Date() });
      const result = await client.send(
        new SendRawEmailCommand({
          RawMessage: { Data: Buffer.from(raw) },
          ConfigurationSetName: configurationSet,
          Tags: [{ Name: 'template', Value: message.template }],
        }),
      );
      return { messageId: result.MessageId ?? '' };
    },
  };
}
