import { randomUUID } from 'node:crypto';
import type { MailAttachment, MailInlineImage, MailMessage } from '../ports/index.ts';

/** RFC 2047 encoded-word, so that Chinese subjects and names survive every mail client. */
function encodeHeader(value: string) {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`;
}

function base64Lines(content: string | Uint8Array) {
  return (
    Buffer.from(content)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

/**
 * SES takes a raw message of at most 10 MB (after base64, headers included): a message beyond it is refused here,
 * by name, rather than by SES after the work that rendered it.
 */
export const rawMessageBudget = 10 * 1024 * 1024;

/**
 * A file name for Content-Disposition: plain when it is ASCII, else RFC 2231's `filename*` (UTF-8, percent-encoded),
 * with an ASCII fallback for clients that know only `filename` (HTTP's RFC 6266 takes the same form).
 */
export function dispositionFilename(filename: string) {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (fallback === filename) return `filename="${filename}"`;
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const htmlPart = (message: MailMessage) => [
  'Content-Type: text/html; charset=UTF-8',
  'Content-Transfer-Encoding: base64',
  '',
  base64Lines(message.html),
];

const filePart = (file: MailAttachment, disposition: 'attachment' | 'inline') => [
  // `name` (RFC 2047) for clients that read the file's name from Content-Type only.
  `Content-Type: ${file.contentType}; name="${encodeHeader(file.filename)}"`,
  'Content-Transfer-Encoding: base64',
  `Content-Disposition: ${disposition}; ${dispositionFilename(file.filename)}`,
  '',
  base64Lines(file.content),
];

/** The HTML with the images it shows by `cid:` (RFC 2387), each part named by its Content-ID. */
const related = (message: MailMessage, images: MailInlineImage[]) => {
  const boundary = `=_${randomUUID()}`;
  return [
    `Content-Type: multipart/related; type="text/html"; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    ...htmlPart(message),
    ...images.flatMap((image) => [`--${boundary}`, `Content-ID: <${image.contentId}>`, ...filePart(image, 'inline')]),
    `--${boundary}--`,
  ];
};

const alternative = (message: MailMessage, boundary: string) => [
  `Content-Type: multipart/alternative; boundary="${boundary}"`,
  '',
  `--${boundary}`,
  'Content-Type: text/plain; charset=UTF-8',
  'Content-Transfer-Encoding: base64',
  '',
  base64Lines(message.text),
  `--${boundary}`,
  ...(message.inline?.length ? related(message, message.inline) : htmlPart(message)),
  `--${boundary}--`,
];

/**
 * The message as SES sends it and the local mailbox stores it: multipart/alternative (plain text + HTML), inside a
 * multipart/mixed with its attachments when it has any. An HTML that shows inline images is a multipart/related of
 * the HTML and the images, in the alternative's place of the HTML (the form Thunderbird and Apple Mail send).
 */
export function renderMime(message: MailMessage, { from, date }: { from: string; date: Date }) {
  const boundary = `=_${randomUUID()}`;
  const messageId = `<${randomUUID()}@order-follow-up>`;
  const attachments = message.attachments ?? [];
  const mixed = `=_${randomUUID()}`;
  const body =
    attachments.length === 0
      ? alternative(message, boundary)
      : [
          `Content-Type: multipart/mixed; boundary="${mixed}"`,
          '',
          `--${mixed}`,
          ...alternative(message, boundary),
          ...attachments.flatMap((attachment) => [`--${mixed}`, ...filePart(attachment, 'attachment')]),
          `--${mixed}--`,
        ];
  const raw = [
    `From: ${from}`,
    `To: ${message.to.join(', ')}`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    `X-Template: ${message.template}`,
    ...(message.correlationId ? [`X-Correlation-Id: ${message.correlationId}`] : []),
    ...body,
    '',
  ].join('\r\n');
  const size = Buffer.byteLength(raw);
  if (size > rawMessageBudget) {
    throw new RangeError(`the message "${message.template}" is ${size} bytes; SES sends at most ${rawMessageBudget}`);
  }
  return { raw, messageId };
}
