import { describe, expect, it } from 'vitest';
import { companyTime } from '../../shared/domain/company.ts';
import { composeEmail } from '../../shared/mail/layout.ts';
import { renderMime } from '../../shared/mail/mime.ts';

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

describe('times in e-mails and pages', () => {
  it("are shown in the company's time zone", () => {
    expect(companyTime('2026-12-31T17:00:00Z')).toBe('2027-01-01 01:00 (Asia/Shanghai)');
  });
});
