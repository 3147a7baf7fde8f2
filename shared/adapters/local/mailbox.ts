import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentCorrelationId } from '../../correlation.ts';
import { renderMime } from '../../mail/mime.ts';
import type { ClockPort, MailPort } from '../../ports/index.ts';
import { replaceFile } from './files.ts';

export type StoredMail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  date: string;
  template: string;
  /** The correlation id it was sent with (the `X-Correlation-Id` header). */
  correlationId?: string;
  text: string;
  html: string;
  links: string[];
  /** The MIME file, as SES would have sent it. */
  file: string;
};

const linkPattern = /https?:\/\/[^\s<>"')]+/g;

/**
 * What SES would send, kept on disk: the MIME message (.eml) and a summary beside it (.json) that the
 * mailbox page and `/_local/mail.json` read.
 */
export function localMailbox(dir: string, from: string, clock: ClockPort): MailPort & { list(): StoredMail[] } {
  mkdirSync(dir, { recursive: true });
  let sequence = 0;
  return {
    async send(sent) {
      const correlationId = sent.correlationId ?? currentCorrelationId();
      const message = { ...sent, ...(correlationId ? { correlationId } : {}) };
      const date = clock.now();
      const { raw, messageId } = renderMime(message, { from, date });
      const id = `${date.getTime().toString().padStart(15, '0')}-${String(sequence++).padStart(4, '0')}`;
      const file = join(dir, `${id}.eml`);
      replaceFile(file, raw);
      const stored: StoredMail = {
        id,
        from,
        to: message.to,
        subject: message.subject,
        date: date.toISOString(),
        template: message.template,
        ...(correlationId ? { correlationId } : {}),
        text: message.text,
        html: message.html,
        links: [...new Set(message.text.match(linkPattern) ?? [])],
        file,
      };
      // The summary last, each file whole: a crash never leaves a message the mailbox lists but cannot read.
      replaceFile(join(dir, `${id}.json`), JSON.stringify(stored, null, 2));
      return { messageId };
    },
    list() {
      return readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .reverse()
        .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as StoredMail);
    },
  };
}
