import { readFileSync } from 'node:fs';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../scripts/documents/report-samples.ts';
import { sampleDeliveryNote } from '../../scripts/documents/samples.ts';
import { deliveryNoteFileName, renderDeliveryNote } from '../../shared/documents/delivery-note.ts';
import { reportEmail } from '../../shared/reports/email.ts';
import { testStack } from './stack.ts';

/**
 * R22: the customer receives the delivery note as a PDF attachment. Offline, the mailbox keeps what SES would have
 * sent (the same MIME) and serves each attachment from /_local/mail, to be opened where it is clicked. R41: a report's
 * charts are inline images (cid:), which the mailbox page shows from URLs of its own.
 */
describe('an e-mail with an attachment in the offline mailbox', async () => {
  const stack = await testStack({ directory: 'empty' });
  const note = sampleDeliveryNote({ language: 'zh-CN', lines: 3 });
  const pdf = await renderDeliveryNote(note);
  const filename = deliveryNoteFileName(note);
  const to = 'chen.hong@gz-doors.example';
  await stack.mailbox.send({
    to: [to],
    subject: `送货单 ${note.number}`,
    text: '您的货物已发出，送货单见附件。',
    html: '<p>您的货物已发出，送货单见附件。</p>',
    template: 'delivery-note',
    attachments: [{ filename, contentType: 'application/pdf', content: pdf }],
  });

  it('lists the attachment, and serves it with its bytes, type and Chinese file name', async () => {
    const [mail] = (await stack.call('GET', `/_local/mail.json?to=${to}`)).body;
    expect(mail.attachments).toEqual([
      { filename, contentType: 'application/pdf', size: pdf.length, url: `/_local/mail/${mail.id}/attachments/1` },
    ]);
    const response = await fetch(`${stack.url}${mail.attachments[0].url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename="___-DN2611-0042.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);

    const page = (await stack.call('GET', `/_local/mail/${mail.id}`)).body as string;
    expect(page).toContain(`href="/_local/mail/${mail.id}/attachments/1"`);
    expect(page).toContain(filename);
    expect((await fetch(`${stack.url}/_local/mail/${mail.id}/attachments/2`)).status).toBe(404);
  });

  it('keeps the MIME message SES would send, whose attachment a mail client reads back byte for byte', async () => {
    const [stored] = stack.mailbox.list().filter((m) => m.to.includes(to));
    const parsed = await PostalMime.parse(readFileSync(stored?.file as string));
    expect(parsed.attachments.map((a) => a.filename)).toEqual([filename]);
    expect(Buffer.from(parsed.attachments[0]?.content as ArrayBuffer).equals(pdf)).toBe(true);
  });

  it("shows a report's charts, sent as inline images, in the message's page", async () => {
    const leader = 'sales.leader@factory.example';
    const report = await reportEmail(sampleReport({ language: 'en' }));
    await stack.mailbox.send({ ...report, to: [leader], template: 'report' });
    const [mail] = (await stack.call('GET', `/_local/mail.json?to=${leader}`)).body;
    expect(mail.inline.map((i: { url: string; contentId: string }) => [i.contentId, i.url])).toEqual(
      report.inline.map((image, n) => [image.contentId, `/_local/mail/${mail.id}/inline/${n + 1}`]),
    );
    const page = (await stack.call('GET', `/_local/mail/${mail.id}`)).body as string;
    expect(page).not.toContain('cid:');
    expect(page).toContain(`src=&#34;/_local/mail/${mail.id}/inline/1&#34;`); // in the iframe's srcdoc
    expect(page).toContain(`href="/_local/mail/${mail.id}/attachments/1"`); // the spreadsheet
    const image = await fetch(`${stack.url}/_local/mail/${mail.id}/inline/1`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(report.inline[0]?.content ?? []))).toBe(true);
    expect((await fetch(`${stack.url}/_local/mail/${mail.id}/inline/9`)).status).toBe(404);
  });
});
