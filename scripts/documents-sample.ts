/** `npm run documents:sample`: writes sample delivery notes, stock-prep forms and return notes as PDFs, to look at. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deliveryNoteFileName, renderDeliveryNote } from '../shared/documents/delivery-note.ts';
import { renderReturnNote, returnNoteFileName } from '../shared/documents/return-note.ts';
import { renderStockPrepForm, stockPrepFormFileName } from '../shared/documents/stock-prep-form.ts';
import { sampleDeliveryNote, sampleReturnNote, sampleStockPrepForm } from './documents/samples.ts';
import { answerHelp } from './help.ts';

answerHelp(`
npm run documents:sample [-- <dir>] — renders the business documents of shipping from sample data and writes them
as PDFs to <dir> (default .local/documents/): the delivery note (送货单, R20–R22) in zh-CN and en, with 12 lines and
with 120 lines (several pages), the stock-prep form (备货单, R17–R19), and the return note (退货单, R36) in zh-CN
and en, with 3 lines and with 200 lines. Needs no running stack.
To look at them as images: pdftoppm -png -r 80 <file>.pdf <prefix> (poppler-utils).
`);

const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '.local', 'documents'));
mkdirSync(dir, { recursive: true });
const write = (name: string, pdf: Buffer) => {
  writeFileSync(join(dir, name), pdf);
  console.log(`${join(dir, name)}  ${(pdf.length / 1024).toFixed(0)} KiB`);
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
