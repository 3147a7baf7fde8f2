import { xlsxContentType } from '../documents/xlsx.ts';
import { composeEmail, type Paragraph } from '../mail/layout.ts';
import type { MailAttachment, MailInlineImage, MailMessage } from '../ports/index.ts';
import type { ChartSize } from './chart.ts';
import { chartPng } from './chart-png.ts';
import type { ReportDocument } from './document.ts';
import { reportSpreadsheet } from './spreadsheet.ts';

/** The e-mail's width: a chart fills it on a desktop and narrows with a phone's screen. */
export const reportChartSize: ChartSize = { width: 600, height: 340 };

const attachedNote = {
  'zh-CN': (file: string) => `各表数据见附件电子表格 ${file}（每节一个工作表）。`,
  en: (file: string) => `The tables are attached as a spreadsheet, ${file} (one sheet per section).`,
} satisfies Record<ReportDocument['language'], (file: string) => string>;

export type ReportEmail = Pick<MailMessage, 'subject' | 'text' | 'html'> & {
  attachments: MailAttachment[];
  inline: MailInlineImage[];
};

/**
 * A report as an e-mail (R41): each section's notes, chart and table, the charts as inline PNGs (mail clients show
 * no SVG), a plain-text twin with the tables as text, and the tables as a spreadsheet attachment. The caller adds
 * the recipients and the template's name.
 */
export async function reportEmail(document: ReportDocument): Promise<ReportEmail> {
  const spreadsheet = reportSpreadsheet(document);
  const inline: MailInlineImage[] = [];
  const paragraphs: Paragraph[] = [{ heading: document.title, level: 1 }, document.period];
  for (const section of document.sections) {
    paragraphs.push({ heading: section.heading }, ...(section.notes ?? []));
    if (section.chart) {
      const n = inline.length + 1;
      inline.push({
        contentId: `chart-${n}@order-follow-up`,
        filename: `chart-${n}.png`,
        contentType: 'image/png',
        content: await chartPng(section.chart, reportChartSize, document.language),
      });
      paragraphs.push({
        image: { src: `cid:chart-${n}@order-follow-up`, alt: section.chart.title, ...reportChartSize },
      });
    }
    if (section.table.rows.length > 0) paragraphs.push({ table: section.table });
  }
  paragraphs.push(attachedNote[document.language](spreadsheet.filename));
  return {
    ...composeEmail(document.title, paragraphs),
    attachments: [{ filename: spreadsheet.filename, contentType: xlsxContentType, content: spreadsheet.content }],
    inline,
  };
}
