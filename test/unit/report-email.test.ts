import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../scripts/documents/report-samples.ts';
import { xlsxContentType } from '../../shared/documents/xlsx.ts';
import { composeEmail } from '../../shared/mail/layout.ts';
import { renderMime } from '../../shared/mail/mime.ts';
import { reportEmail } from '../../shared/reports/email.ts';
import { decodePng, unzip } from '../file-formats.ts';

/** R41: each report is an HTML e-mail with charts drawn on the server and a spreadsheet attachment. */
describe('headings, tables and images in e-mails', () => {
  const mail = composeEmail('Report', [
    { heading: 'Sales & returns' },
    {
      table: {
        columns: ['客户', 'Orders', 'Amount'],
        rows: [
          ['广州门窗', 3, 12_345.678],
          ['<b>Foshan</b>', 12, -5],
        ],
      },
    },
    { image: { src: 'cid:chart-1@x', alt: 'Sales "by day"', width: 600, height: 340 } },
  ]);

  it('right-align the columns of figures, grouped by thousands, and escape the text', () => {
    expect(mail.html).toContain(
      '<h2 style="font-size:18px;line-height:1.3;margin:24px 0 8px">Sales &#38; returns</h2>',
    );
    expect(mail.html).toMatch(
      /<th style="text-align:left[^"]*">客户<\/th><th style="text-align:right[^"]*">Orders<\/th>/,
    );
    expect(mail.html).toMatch(/<td style="text-align:right[^"]*;white-space:nowrap">12,345.68<\/td>/);
    expect(mail.html).toContain('&#60;b&#62;Foshan&#60;/b&#62;');
    expect(mail.html).toContain(
      '<img src="cid:chart-1@x" alt="Sales &#34;by day&#34;" width="600" height="340" style="display:block;width:100%;max-width:600px;height:auto;border:0">',
    );
  });

  it('line the table up in the plain text, a Chinese character as wide as two Latin ones, and leave the image out', () => {
    expect(mail.text).toBe(
      [
        'Sales & returns',
        '===============',
        '',
        '客户           Orders     Amount',
        '--------------------------------',
        '广州门窗            3  12,345.68',
        '<b>Foshan</b>      12         -5',
        '',
      ].join('\n'),
    );
  });
});

// Rasterizing three charts (the WebAssembly and the fonts loaded first) takes a while on a busy machine: no timing asserted.
describe("a report's e-mail", { timeout: 60_000 }, async () => {
  const report = sampleReport({ language: 'zh-CN' });
  const mail = await reportEmail(report);

  it('shows each chart as an inline PNG referenced by cid:, its alt text the chart title', () => {
    const charts = report.sections.flatMap((s) => (s.chart ? [s.chart] : []));
    expect(mail.inline).toHaveLength(charts.length);
    mail.inline.forEach((image, n) => {
      expect(image).toMatchObject({
        contentId: `chart-${n + 1}@order-follow-up`,
        filename: `chart-${n + 1}.png`,
        contentType: 'image/png',
      });
      expect(mail.html).toContain(
        `<img src="cid:${image.contentId}" alt="${charts[n]?.title}" width="600" height="340"`,
      );
      const png = decodePng(image.content);
      expect([png.width, png.height]).toEqual([1200, 680]);
    });
  });

  it('has the title, the period, every section heading and note, and every table in its HTML and its plain text', () => {
    expect(mail.subject).toBe('月度报告 2026年11月');
    for (const text of [
      report.title,
      report.period,
      ...report.sections.flatMap((s) => [s.heading, ...(s.notes ?? [])]),
    ]) {
      expect(mail.html).toContain(text);
      expect(mail.text).toContain(text);
    }
    expect(mail.text).toMatch(/广州门窗系统有限公司 +14 +48,000.5 +93/);
    expect(mail.text).toContain('monthly-report-2026-11.xlsx');
    expect(mail.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(mail.html).toContain('<div style="max-width:600px">');
  });

  it('attaches the tables as an XLSX, and goes as a MIME message well within what SES takes', async () => {
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['monthly-report-2026-11.xlsx', xlsxContentType],
    ]);
    expect(unzip(mail.attachments[0]?.content ?? new Uint8Array()).has('xl/worksheets/sheet4.xml')).toBe(true);
    const { raw } = renderMime(
      { ...mail, to: ['sales.leader@factory.example'], template: 'report' },
      { from: 'reports@factory.example', date: new Date('2026-12-01T00:00:00Z') },
    );
    expect(Buffer.byteLength(raw)).toBeLessThan(1024 * 1024);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.html).toBe(mail.html);
    expect(parsed.attachments.map((a) => [a.filename, a.disposition])).toEqual([
      ['chart-1.png', 'inline'],
      ['chart-2.png', 'inline'],
      ['chart-3.png', 'inline'],
      ['monthly-report-2026-11.xlsx', 'attachment'],
    ]);
  });

  it('speaks the report language: the English report says where its tables are in English', async () => {
    const english = await reportEmail(sampleReport({ language: 'en' }));
    expect(english.text).toContain('The tables are attached as a spreadsheet, monthly-report-2026-11.xlsx');
  });
});
