import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { companyTime } from '../../shared/domain/company.ts';
import { composeEmail } from '../../shared/mail/layout.ts';
import { dispositionFilename, rawMessageBudget, renderMime } from '../../shared/mail/mime.ts';

describe('e-mail composition', () => {
  it('escapes HTML and keeps a plain-text twin with the links spelled out', () => {
    const mail = composeEmail('Hi <you>', ['a & b', { link: 'https://x.example/?a=1&b=2', label: 'Open' }]);
    expect(mail.html).toContain('<p>a &#38; b</p>');
    expect(mail.html).toContain('href="https://x.example/?a=1&#38;b=2"');
    expect(mail.text).toBe('a & b\n\nOpen: https://x.example/?a=1&b=2\n');
  });

  it('renders a multipart/alternative MIME message with an encoded Chinese subject', () => {
    const { raw } = renderMime(
      {
        to: ['a@example.com', 'b@example.com'],
        subject: '新客户 New',
        text: '你好',
        html: '<p>你好</p>',
        template: 't',
      },
      { from: 'orders@example.com', date: new Date('2026-11-01T00:00:00Z') },
    );
    const [headers, ...parts] = raw.split('\r\n\r\n');
    expect(headers).toContain('To: a@example.com, b@example.com');
    expect(headers).toContain(`Subject: =?UTF-8?B?${Buffer.from('新客户 New').toString('base64')}?=`);
    expect(headers).toContain('Date: Sun, 01 Nov 2026 00:00:00 GMT');
    expect(headers).toMatch(/Content-Type: multipart\/alternative; boundary="([^"]+)"/);
    const bodies = parts.map((part) => part.split('\r\n')[0] ?? '').filter((line) => /^[A-Za-z0-9+/=]+$/.test(line));
    expect(bodies.map((b) => Buffer.from(b, 'base64').toString('utf8'))).toEqual(['你好', '<p>你好</p>']);
  });
});

describe('e-mail attachments (R22: the delivery note as a PDF)', () => {
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, ...Array.from({ length: 3000 }, (_, i) => i % 256)]);
  const message = {
    to: ['chen.hong@gz-doors.example'],
    subject: '发货通知 Shipped',
    text: '附件为送货单。',
    html: '<p>附件为送货单。</p>',
    template: 'delivery-note',
    attachments: [{ filename: '送货单-DN2611-0042.pdf', contentType: 'application/pdf', content: pdf }],
  };

  it('go in a multipart/mixed message that a mail client parses back: texts, Chinese file name and bytes', async () => {
    const { raw } = renderMime(message, { from: 'orders@example.com', date: new Date('2026-11-30T02:00:00Z') });
    expect(raw).toMatch(/^Content-Type: multipart\/mixed; boundary=/m);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe('发货通知 Shipped');
    expect(parsed.text).toBe('附件为送货单。');
    expect(parsed.html).toBe('<p>附件为送货单。</p>');
    expect(parsed.attachments).toHaveLength(1);
    const [attachment] = parsed.attachments;
    expect(attachment?.filename).toBe('送货单-DN2611-0042.pdf');
    expect(attachment?.mimeType).toBe('application/pdf');
    expect(attachment?.disposition).toBe('attachment');
    expect(Buffer.from(attachment?.content as ArrayBuffer).equals(Buffer.from(pdf))).toBe(true);
  });

  it('name a file in ASCII as it is, and any other with an ASCII fallback beside RFC 2231 UTF-8', () => {
    expect(dispositionFilename('delivery-note-DN1.pdf')).toBe('filename="delivery-note-DN1.pdf"');
    expect(dispositionFilename('送货单 "1".pdf')).toBe(
      `filename="___ _1_.pdf"; filename*=UTF-8''${encodeURIComponent('送货单 "1".pdf')}`,
    );
  });

  it('never make a message SES would refuse (10 MB raw): it is refused by name before sending', () => {
    const big = { ...message, attachments: [{ ...message.attachments[0], content: new Uint8Array(rawMessageBudget) }] };
    expect(() => renderMime(big as typeof message, { from: 'orders@example.com', date: new Date() })).toThrow(
      /delivery-note.*at most 10485760/,
    );
  });
});

describe('times in e-mails and pages', () => {
  it("are shown in the company's time zone", () => {
    expect(companyTime('2026-12-31T17:00:00Z')).toBe('2027-01-01 01:00 (Asia/Shanghai)');
  });
});

describe('inline images (R41: the charts of a report, shown in its text)', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...Array.from({ length: 2000 }, (_, i) => i % 256)]);
  const message = {
    to: ['sales.leader@factory.example'],
    subject: '月度报告 2026年11月',
    text: '每日销售额',
    html: '<p>每日销售额</p><img src="cid:chart-1@order-follow-up" alt="每日销售额">',
    template: 'report',
    inline: [{ contentId: 'chart-1@order-follow-up', filename: 'chart-1.png', contentType: 'image/png', content: png }],
  };
  const xlsx = {
    filename: '月度报告.xlsx',
    contentType: 'application/octet-stream',
    content: new Uint8Array([1, 2, 3]),
  };
  const structure = (raw: string) =>
    (raw.match(/^Content-(Type|ID|Disposition): .*/gm) ?? []).map((line) =>
      line.replace(/boundary="[^"]+"/, 'boundary'),
    );

  it('go with the HTML in a multipart/related, in the alternative beside the plain text', async () => {
    const { raw } = renderMime(message, { from: 'reports@example.com', date: new Date('2026-12-01T00:00:00Z') });
    expect(structure(raw)).toEqual([
      'Content-Type: multipart/alternative; boundary',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Type: multipart/related; type="text/html"; boundary',
      'Content-Type: text/html; charset=UTF-8',
      'Content-ID: <chart-1@order-follow-up>',
      'Content-Type: image/png; name="chart-1.png"',
      'Content-Disposition: inline; filename="chart-1.png"',
    ]);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.html).toBe(message.html);
    expect(parsed.text).toBe('每日销售额');
    const [image] = parsed.attachments;
    expect(image?.contentId).toBe('<chart-1@order-follow-up>');
    expect(image?.disposition).toBe('inline');
    expect(image?.related).toBe(true);
    expect(Buffer.from(image?.content as ArrayBuffer).equals(Buffer.from(png))).toBe(true);
  });

  it('with attachments too: the alternative (and its related part) first in the multipart/mixed, then the files', async () => {
    const { raw } = renderMime(
      { ...message, attachments: [xlsx] },
      { from: 'reports@example.com', date: new Date('2026-12-01T00:00:00Z') },
    );
    expect(structure(raw).map((line) => line.replace(/;.*/, ''))).toEqual([
      'Content-Type: multipart/mixed',
      'Content-Type: multipart/alternative',
      'Content-Type: text/plain',
      'Content-Type: multipart/related',
      'Content-Type: text/html',
      'Content-ID: <chart-1@order-follow-up>',
      'Content-Type: image/png',
      'Content-Disposition: inline',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment',
    ]);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.attachments.map((a) => [a.filename, a.disposition, a.related ?? false])).toEqual([
      ['chart-1.png', 'inline', true],
      ['月度报告.xlsx', 'attachment', false],
    ]);
  });

  it('count towards the 10 MB SES takes', () => {
    const big = { ...message, inline: [{ ...message.inline[0], content: new Uint8Array(rawMessageBudget) }] };
    expect(() => renderMime(big as typeof message, { from: 'reports@example.com', date: new Date() })).toThrow(
      /report.*at most 10485760/,
    );
  });

  it('leave a message without them as it was: no multipart/related', () => {
    const { raw } = renderMime({ ...message, inline: [] }, { from: 'reports@example.com', date: new Date() });
    expect(raw).not.toContain('multipart/related');
    expect(structure(raw)).toHaveLength(3);
  });
});
