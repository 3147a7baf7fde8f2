/**
 * `npm run documents:sample`: writes sample delivery notes, stock-prep forms and return notes as PDFs, and a report's
 * e-mail with its charts and spreadsheet, to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deliveryNoteFileName, renderDeliveryNote } from '../shared/documents/delivery-note.ts';
import { renderReturnNote, returnNoteFileName } from '../shared/documents/return-note.ts';
import { renderStockPrepForm, stockPrepFormFileName } from '../shared/documents/stock-prep-form.ts';
import { renderMime } from '../shared/mail/mime.ts';
import { chartSvg } from '../shared/reports/chart.ts';
import { reportChartSize, reportEmail } from '../shared/reports/email.ts';
import { sampleReport } from './documents/report-samples.ts';
import { sampleDeliveryNote, sampleReturnNote, sampleStockPrepForm } from './documents/samples.ts';
import { answerHelp } from './help.ts';

answerHelp(`
npm run documents:sample [-- <dir>] — renders the business documents of shipping from sample data and writes them
as PDFs to <dir> (default .local/documents/): the delivery note (送货单, R20–R22) in zh-CN and en, with 12 lines and
with 120 lines (several pages), the stock-prep form (备货单, R17–R19), and the return note (退货单, R36) in zh-CN
and en, with 3 lines and with 200 lines; and a monthly report's e-mail (R41) in zh-CN and en, each in a folder of
its own: email.html (open it in a browser), email.txt, email.eml, the charts as PNG and SVG, the XLSX attachment.
Needs no running stack.
To look at them as images: pdftoppm -png -r 80 <file>.pdf <prefix> (poppler-utils).
`);

const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '.local', 'documents'));
mkdirSync(dir, { recursive: true });
const write = (name: string, content: string | Uint8Array) => {
  writeFileSync(join(dir, name), content);
  console.log(`${join(dir, name)}  ${(Buffer.byteLength(content) / 1024).toFixed(0)} KiB`);
};
for (const language of ['zh-CN', 'en'] as const) {
  const note = sampleDeliveryNote({ language });
  write(deliveryNoteFileName(note), await renderDeliveryNote(note));
  const long = sampleDeliveryNote({ language, lines: 120 });
  write(deliveryNoteFileName({ ...long, number: `${long.number}-120-lines` }), await renderDeliveryNote(long));
  const returned = sampleReturnNote({ language });
  write(returnNoteFileName(returned), await renderReturnNote(returned));
  const many = sampleReturnNote({ language, lines: 200 });
  write(returnNoteFileName({ ...many, number: `${many.number}-200-lines` }), await renderReturnNote(many));
}
const form = sampleStockPrepForm();
write(stockPrepFormFileName(form), await renderStockPrepForm(form));

// R41: a report as its e-mail shows it — the HTML with the charts beside it as files, the charts, the spreadsheet.
for (const language of ['zh-CN', 'en'] as const) {
  const report = sampleReport({ language });
  const mail = await reportEmail(report);
  const folder = `${report.fileName}-${language}`;
  mkdirSync(join(dir, folder), { recursive: true });
  const html = mail.inline.reduce(
    (page, image) => page.replaceAll(`cid:${image.contentId}`, image.filename),
    mail.html,
  );
  for (const image of mail.inline) write(join(folder, image.filename), image.content);
  report.sections.forEach((section, n) => {
    if (section.chart) write(join(folder, `section-${n + 1}.svg`), chartSvg(section.chart, reportChartSize, language));
  });
  for (const attachment of mail.attachments) write(join(folder, attachment.filename), attachment.content);
  write(join(folder, 'email.html'), html);
  write(join(folder, 'email.txt'), mail.text);
  const { raw } = renderMime(
    { ...mail, to: ['sales.leader@factory.example'], template: 'report' },
    { from: 'reports@factory.example', date: new Date() },
  );
  write(join(folder, 'email.eml'), raw);
}
