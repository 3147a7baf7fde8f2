import * as z from 'zod';

/**
 * What SES publishes to EventBridge for a configuration set's event destination (only the default bus): source
 * `aws.ses`, detail-type `Email Bounced` or `Email Complaint Received`, the SES event object as `detail`. Only the
 * fields this code reads are checked; the rest passes through.
 */
export const sesSource = 'aws.ses';
export const sesDetailTypes = { bounce: 'Email Bounced', complaint: 'Email Complaint Received' } as const;

const Recipient = z.object({ emailAddress: z.string(), diagnosticCode: z.string().optional() });

const Mail = z.object({
  messageId: z.string().min(1),
  destination: z.array(z.string()).default([]),
  /** SES adds `ses:configuration-set` and the like; ours are `template` and `correlation`. */
  tags: z.record(z.string(), z.array(z.string())).default({}),
});

export const SesMailEvent = z.discriminatedUnion('detail-type', [
  z.object({
    id: z.string(),
    source: z.literal(sesSource),
    'detail-type': z.literal(sesDetailTypes.bounce),
    detail: z.object({
      eventType: z.literal('Bounce'),
      mail: Mail,
      bounce: z.object({
        bounceType: z.string(),
        bounceSubType: z.string().optional(),
        bouncedRecipients: z.array(Recipient).min(1),
        feedbackId: z.string().optional(),
        timestamp: z.string().optional(),
      }),
    }),
  }),
  z.object({
    id: z.string(),
    source: z.literal(sesSource),
    'detail-type': z.literal(sesDetailTypes.complaint),
    detail: z.object({
      eventType: z.literal('Complaint'),
      mail: Mail,
      complaint: z.object({
        complainedRecipients: z.array(Recipient).min(1),
        complaintFeedbackType: z.string().optional(),
        feedbackId: z.string().optional(),
        timestamp: z.string().optional(),
      }),
    }),
  }),
]);

export type SesMailEvent = z.infer<typeof SesMailEvent>;

/** A bounce as SES would publish it (the local mailbox's simulation; tests). */
export function sesBounceEvent(props: {
  id: string;
  messageId: string;
  recipients: string[];
  time: string;
  tags?: Record<string, string[]>;
}) {
  return {
    version: '0' as const,
    id: props.id,
    'detail-type': sesDetailTypes.bounce,
    source: sesSource,
    account: '000000000000',
    time: props.time,
    region: 'local',
    resources: [],
    detail: {
      eventType: 'Bounce',
      mail: {
        timestamp: props.time,
        messageId: props.messageId,
        destination: props.recipients,
        tags: props.tags ?? {},
      },
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: props.recipients.map((emailAddress) => ({
          emailAddress,
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: 'smtp; 550 5.1.1 user unknown',
        })),
        timestamp: props.time,
        feedbackId: `${props.id}-feedback`,
      },
    },
  };
}
