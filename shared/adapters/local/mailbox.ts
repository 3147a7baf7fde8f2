import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentCorrelationId } from '../../correlation.ts';
import { renderMime } from '../../mail/mime.ts';
import type { ClockPort, MailAttachment, MailPort } from '../../ports/index.ts';
import { sesBounceEvent } from '../../schemas/ses-event.ts';
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
  /** Its attachments, each kept beside the message as its own file, to be opened from the mailbox page. */
  attachments?: StoredAttachment[];
  /** The images its HTML shows by `cid:` (a report's charts), kept the same way, for the page to show them. */
  inline?: StoredInlineImage[];
  /** The MIME file, as SES would have sent it. */
  file: string;
};

export type StoredAttachment = { filename: string; contentType: string; size: number; file: string };
export type StoredInlineImage = StoredAttachment & { contentId: string };

const linkPattern = /https?:\/\/[^\s<>"')]+/g;

/**
 * What SES would send, kept on disk: the MIME message (.eml) and a summary beside it (.json) that the
 * mailbox page and `/_local/mail.json` read.
 */
/**
 * Recipients at this domain bounce, as a mailbox that does not exist would: after the message is stored, the
 * mailbox reports it as SES would (an `Email Bounced` event for the default bus, see shared/schemas/ses-event.ts).
 */
export const bouncingDomain = 'bounce.example';

/** How long after sending a simulated bounce is reported (SES reports one seconds to minutes later). */
const bounceDelayMs = 200;

export type MailboxOptions = {
  /** Where a simulated bounce is reported: the SES-shaped event, as SES would put it on the default bus. */
  onBounce?: (event: ReturnType<typeof sesBounceEvent>) => void;
};

export function localMailbox(
  dir: string,
  from: string,
  clock: ClockPort,
  options: MailboxOptions = {},
): MailPort & { list(): StoredMail[] } {
  mkdirSync(dir, { recursive: true });
  let sequence = 0;
  return {
    async send(sent) {
      const correlationId = sent.correlationId ?? currentCorrelationId();
      const message = { ...sent, ...(correlationId ? { correlationId } : {}) };
      const date = clock.now();
      const { raw, messageId } = renderMime(message, { from, date });
      const id = `${date.getTime().toString().padStart(15, '0')}-${String(sequence++).padStart(4, '0')}`;
      const keep = (attachment: MailAttachment, name: string): StoredAttachment => {
        const file = join(dir, `${id}.${name}`);
        replaceFile(file, attachment.content);
        return {
          filename: attachment.filename,
          contentType: attachment.contentType,
          size: attachment.content.byteLength,
          file,
        };
      };
      const attachments = (message.attachments ?? []).map((a, n) => keep(a, `attachment-${n + 1}`));
      const inline = (message.inline ?? []).map((image, n) => ({
        ...keep(image, `inline-${n + 1}`),
        contentId: image.contentId,
      }));
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
        ...(attachments.length ? { attachments } : {}),
        ...(inline.length ? { inline } : {}),
        file,
      };
      // The summary last, each file whole: a crash never leaves a message the mailbox lists but cannot read.
      replaceFile(join(dir, `${id}.json`), JSON.stringify(stored, null, 2));
      const bouncing = message.to.filter((to) => to.toLowerCase().endsWith(`@${bouncingDomain}`));
      if (bouncing.length > 0 && options.onBounce) {
        const report = options.onBounce;
        const event = sesBounceEvent({
          id: `bounce-${id}`,
          messageId,
          recipients: bouncing,
          time: clock.now().toISOString(),
          tags: { template: [message.template], 'ses:configuration-set': ['local'] },
        });
        setTimeout(() => report(event), bounceDelayMs).unref();
      }
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
