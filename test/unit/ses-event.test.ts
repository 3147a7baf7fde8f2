import { describe, expect, it } from 'vitest';
import { SesMailEvent, sesBounceEvent } from '../../shared/schemas/ses-event.ts';

/** SES's events as EventBridge delivers them (docs: "Amazon SES events", event publishing's event object). */
const complaint = {
  version: '0',
  id: 'e-1',
  'detail-type': 'Email Complaint Received',
  source: 'aws.ses',
  account: '123456789012',
  time: '2026-12-01T02:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail: {
    eventType: 'Complaint',
    complaint: {
      feedbackId: 'f-1',
      complaintSubType: null,
      complainedRecipients: [{ emailAddress: 'buyer@customer.example' }],
      timestamp: '2026-12-01T02:00:00Z',
      userAgent: 'Mail',
      complaintFeedbackType: 'abuse',
      arrivalDate: '2026-12-01T01:59:00Z',
    },
    mail: {
      timestamp: '2026-12-01T01:58:00Z',
      source: 'orders@factory.example',
      messageId: '0100018c-ses-id',
      destination: ['buyer@customer.example'],
      tags: { 'ses:configuration-set': ['dev-mail'], template: ['order-released'] },
    },
  },
};

describe("SES's bounce and complaint events", () => {
  it('parse with what the worker reads, the rest passing through', () => {
    const parsed = SesMailEvent.parse(complaint);
    expect(parsed['detail-type']).toBe('Email Complaint Received');
    expect(parsed.detail.mail).toMatchObject({ messageId: '0100018c-ses-id', tags: { template: ['order-released'] } });
  });

  it("include the local mailbox's simulated bounce, shaped as SES's", () => {
    const bounce = sesBounceEvent({
      id: 'b-1',
      messageId: 'm-1',
      recipients: ['x@bounce.example'],
      time: '2026-12-01T02:00:00.000Z',
    });
    const parsed = SesMailEvent.parse(bounce);
    if (parsed['detail-type'] !== 'Email Bounced') throw new Error('not a bounce');
    expect(parsed.detail.bounce).toMatchObject({
      bounceType: 'Permanent',
      bouncedRecipients: [{ emailAddress: 'x@bounce.example' }],
    });
  });

  it('refuse what is neither', () => {
    expect(() => SesMailEvent.parse({ ...complaint, 'detail-type': 'Email Delivered' })).toThrow();
    expect(() => SesMailEvent.parse({ ...complaint, source: 'order-follow-up' })).toThrow();
  });
});
