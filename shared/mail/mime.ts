import { randomUUID } from 'node:crypto';
import type { MailMessage } from '../ports/index.ts';

/** RFC 2047 encoded-word, so that Chinese subjects and names survive every mail client. */
function encodeHeader(value: string) {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`;
}

function base64Lines(text: string) {
  return (
    Buffer.from(text)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

/** A multipart/alternative message (plain text + HTML), as SES sends it and the local mailbox stores it. */
export function renderMime(message: MailMessage, { from, date }: { from: string; date: Date }) {
  const boundary = `=_${randomUUID()}`;
  const messageId = `<${randomUUID()}@order-follow-up>`;
  const raw = [
    `From: ${from}`,
    `To: ${message.to.join(', ')}`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    `X-Template: ${message.template}`,
    ...(message.correlationId ? [`X-Correlation-Id: ${message.correlationId}`] : []),
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { raw, messageId };
}
