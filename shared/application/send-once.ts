import { logger } from '../http/handler.ts';
import { functionTimeoutSeconds } from '../limits.ts';
import { notificationRecords } from '../persistence/notifications.ts';
import type { MailMessage } from '../ports/index.ts';
import { port } from '../runtime.ts';

/**
 * A claim outlives the invocation holding it (a worker runs 30 s at most), so two deliveries of one event never
 * send at once; once it lapses, the invocation that held it has certainly ended, and the message is sent again.
 */
export const sendingLeaseSeconds = 2 * functionTimeoutSeconds.worker;

const notificationKey = (what: string, template: string, i: number) => ({
  pk: `NOTIFIED#${what}`,
  sk: `${template}#${i}`,
});

/**
 * Whether the first message of an occasion went out already: spares composing it again when composing has a cost
 * (R7: the daily follow-up mints a link for each approval it lists).
 */
export async function sentAlready(what: string, template: string) {
  const record = await notificationRecords(port('table')).get(notificationKey(what, template, 0));
  return record !== undefined && record.status !== 'sending';
}

/**
 * Sends each message once, however often it is asked to (EventBridge and Step Functions deliver at least once):
 * claim → send → recorded sent. A message is recorded sent only after the mail service accepted it; a failed send
 * gives its claim back. Every message is tried; then, if any was not sent — refused, or still being sent by another
 * delivery — this throws, so the delivery is retried and the retry sends only those. `what` names the occasion (an
 * event's id, `order-acknowledgement:<order id>`).
 */
export async function sendEachOnce(what: string, messages: readonly MailMessage[]) {
  const records = notificationRecords(port('table'));
  const unsent: string[] = [];
  for (const [i, message] of messages.entries()) {
    const key = notificationKey(what, message.template, i);
    const claim = await records.claim(key, port('clock').now(), sendingLeaseSeconds);
    if (!claim.claimed) {
      if (claim.status === 'sending') unsent.push(`${key.sk}: being sent by another delivery`);
      continue;
    }
    let messageId: string;
    try {
      ({ messageId } = await port('mail').send(message));
    } catch (error) {
      await records.release(key, claim.claimId);
      unsent.push(`${key.sk}: ${(error as Error).message}`);
      continue;
    }
    try {
      await records.sent(key, claim.claimId, messageId, port('clock').now());
    } catch (error) {
      // The message went out: failing now would send it again once the lease lapses. The claim keeps it from
      // being resent meanwhile; only a delivery after the lease would send it a second time.
      logger.error('sent, but could not record it', { error: error as Error, notification: key, messageId });
    }
  }
  if (unsent.length > 0) {
    throw new Error(`${unsent.length} of ${messages.length} messages for ${what} not sent: ${unsent.join('; ')}`);
  }
}
