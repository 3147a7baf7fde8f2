import { approvalBounced, mailComplained } from '../../shared/application/mail-feedback.ts';
import { observed } from '../../shared/observability.ts';
import { SesMailEvent, sesDetailTypes } from '../../shared/schemas/ses-event.ts';

/**
 * SES's bounce and complaint events for the stage's configuration set, from the default event bus (SES publishes to
 * no other): a bounced approval request goes to the assignee's deputy or leader; a complaint is recorded and
 * operations told (shared/application/mail-feedback.ts). Redelivery is safe.
 */
async function mailFeedback(event: unknown) {
  const parsed = SesMailEvent.parse(event);
  const { mail } = parsed.detail;
  if (parsed['detail-type'] === sesDetailTypes.bounce) {
    const { bounce } = parsed.detail;
    const recipients = bounce.bouncedRecipients.map((r) => r.emailAddress);
    const diagnostic = bounce.bouncedRecipients.find((r) => r.diagnosticCode)?.diagnosticCode;
    const reason = [`${bounce.bounceType}${bounce.bounceSubType ? `/${bounce.bounceSubType}` : ''} bounce`, diagnostic]
      .filter(Boolean)
      .join(': ');
    return approvalBounced(mail.messageId, recipients, reason, mail.tags.template?.[0]);
  }
  const { complaint } = parsed.detail;
  await mailComplained(
    mail.messageId,
    complaint.complainedRecipients.map((r) => r.emailAddress),
    complaint.complaintFeedbackType,
    mail.tags.template?.[0],
  );
  return { outcome: 'recorded' };
}

/** The bounced or complained-of e-mail's correlation id, from the SES tag the sender set (shared/adapters/aws/ses.ts). */
const correlationOfMail = (event: unknown) =>
  (event as { detail?: { mail?: { tags?: Record<string, string[]> } } } | undefined)?.detail?.mail?.tags
    ?.correlation?.[0];

export const handler = observed(mailFeedback, correlationOfMail);
