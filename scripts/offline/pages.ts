import { readFileSync } from 'node:fs';
import type { StoredMail } from '../../shared/adapters/local/mailbox.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import type { RouteDefinition } from '../../shared/http/route.ts';
import { escapeHtml } from '../../shared/mail/layout.ts';
import { dispositionFilename } from '../../shared/mail/mime.ts';
import type { LocalPage } from './gateway.ts';
import { localHtml as html, linkStates, mailboxPage, mailsTo } from './mailbox-page.ts';
import type { LocalWorkflowEngine } from './workflows/engine.ts';

const plain = (status: number, body: string) => ({ status, type: 'text/plain; charset=utf-8', body: `${body}\n` });

async function runScheduleNow(run: (name: string, at: Date) => Promise<boolean>, name: string, at: string | null) {
  const time = at ? new Date(at) : new Date();
  if (Number.isNaN(time.getTime())) return plain(400, `at: "${at}" is not a date-time`);
  return (await run(name, time))
    ? plain(200, `ran ${name} for ${time.toISOString()}`)
    : plain(404, `no schedule named ${name}`);
}

/** RedriveExecution in the offline engine: `npm run redrive` offline. */
async function redrive(workflows: Pick<LocalWorkflowEngine, 'redriveExecution'>, executionArn: string | null) {
  const json = (status: number, body: unknown) => ({ status, type: 'application/json', body: JSON.stringify(body) });
  if (!executionArn) return json(400, { name: 'ValidationException', message: 'arn: the execution to redrive' });
  try {
    return json(200, { executionArn, ...(await workflows.redriveExecution(executionArn)) });
  } catch (error) {
    const { name, message } = error as Error;
    return json(name === 'ExecutionDoesNotExist' ? 404 : 400, { name, message });
  }
}

const attachmentUrl = (id: string, index: number) => `/_local/mail/${id}/attachments/${index + 1}`;
const inlineUrl = (id: string, index: number) => `/_local/mail/${id}/inline/${index + 1}`;

/** The HTML as a mail client shows it: each `cid:` image (a report's chart) from the URL that serves it. */
const shownHtml = (mail: StoredMail) =>
  (mail.inline ?? []).reduce(
    (html, image, n) => html.replaceAll(`cid:${image.contentId}`, inlineUrl(mail.id, n)),
    mail.html,
  );

const attachmentList = (mail: StoredMail) =>
  mail.attachments?.length
    ? `<p>Attachments: ${mail.attachments
        .map(
          (a, n) =>
            `<a href="${attachmentUrl(mail.id, n)}">${escapeHtml(a.filename)}</a> (${escapeHtml(a.contentType)}, ${Math.ceil(a.size / 1024)} KiB)`,
        )
        .join(' · ')}</p>`
    : '';

/** The offline stack's own pages: the OpenAPI document and the mailbox (health is a route: functions/operations/). */
export function localPages({
  routes,
  mailbox,
  workflows,
  runSchedule,
  settle,
}: {
  routes: readonly RouteDefinition[];
  mailbox: { list(): StoredMail[] };
  workflows: Pick<LocalWorkflowEngine, 'executions' | 'execution' | 'redriveExecution'>;
  runSchedule: (name: string, at: Date) => Promise<boolean>;
  /** Lets what is under way (stream, bus, workflows) run its course, so that the mailbox shows the mail it sends. */
  settle: () => Promise<void>;
}): LocalPage {
  const openapi = JSON.stringify(openApiDocument(routes), null, 2);
  return async ({ method, path, query }) => {
    const schedule = /^\/_local\/schedules\/([\w-]+)$/.exec(path);
    if (schedule?.[1] && method === 'POST') return await runScheduleNow(runSchedule, schedule[1], query.get('at'));
    if (path === '/_local/executions/redrive' && method === 'POST') return await redrive(workflows, query.get('arn'));
    if (method !== 'GET') return undefined;
    if (path === '/openapi.json') return { status: 200, type: 'application/json', body: openapi };
    if (path.startsWith('/_local/mail')) await settle();
    if (path === '/_local/mail') {
      const mails = mailbox.list();
      return mailboxPage(mails, query.get('to'), await linkStates(mails, new Date()));
    }
    if (path === '/_local/executions') {
      const arn = query.get('arn');
      const status = query.get('status');
      const body = arn
        ? workflows.execution(arn)
        : workflows.executions().filter((execution) => !status || execution.status === status);
      if (!body) return plain(404, `no execution ${arn}`);
      return { status: 200, type: 'application/json', body: JSON.stringify(body, null, 2) };
    }
    if (path === '/_local/mail/open-links') {
      // For a shell: LINK=$(curl -s "$API/_local/mail/open-links?to=…" | head -1) — newest first, one per line.
      const mails = mailsTo(mailbox.list(), query.get('to'));
      const states = await linkStates(mails, new Date());
      const open = [...new Set(mails.flatMap((m) => m.links))].filter((link) => states.get(link)?.open);
      return plain(200, open.join('\n'));
    }
    if (path === '/_local/mail.json') {
      const mails = mailsTo(mailbox.list(), query.get('to'));
      const states = await linkStates(mails, new Date());
      const summary = mails.map(({ html: _, file: __, attachments, inline, ...mail }) => ({
        ...mail,
        ...(attachments
          ? {
              attachments: attachments.map(({ file: _, ...attachment }, n) => ({
                ...attachment,
                url: attachmentUrl(mail.id, n),
              })),
            }
          : {}),
        ...(inline
          ? { inline: inline.map(({ file: _, ...image }, n) => ({ ...image, url: inlineUrl(mail.id, n) })) }
          : {}),
        openLinks: mail.links.filter((link) => states.get(link)?.open),
      }));
      return { status: 200, type: 'application/json', body: JSON.stringify(summary, null, 2) };
    }
    const attached = /^\/_local\/mail\/([\w-]+)\/(attachments|inline)\/(\d+)$/.exec(path);
    if (attached) {
      const mail = mailbox.list().find((m) => m.id === attached[1]);
      const attachment = (attached[2] === 'inline' ? mail?.inline : mail?.attachments)?.[Number(attached[3]) - 1];
      if (!attachment) return plain(404, 'No such attachment');
      // inline: a browser opens the PDF where it is clicked, as a mail client does.
      return {
        status: 200,
        type: attachment.contentType,
        headers: { 'content-disposition': `inline; ${dispositionFilename(attachment.filename)}` },
        body: readFileSync(attachment.file),
      };
    }
    const one = /^\/_local\/mail\/([\w-]+?)(\.eml)?$/.exec(path);
    if (one) {
      const mail = mailbox.list().find((m) => m.id === one[1]);
      if (!mail) return plain(404, 'No such message');
      if (one[2]) return { status: 200, type: 'message/rfc822', body: readFileSync(mail.file, 'utf8') };
      return html(
        mail.subject,
        `<p><a href="/_local/mail">← mailbox</a> · <a href="/_local/mail/${mail.id}.eml">MIME</a></p><p><b>${escapeHtml(mail.subject)}</b><br>To: ${escapeHtml(mail.to.join(', '))}<br>Date: ${escapeHtml(mail.date)}</p>${attachmentList(mail)}<hr><iframe style="width:100%;height:60vh;border:0" onload="this.style.height=this.contentDocument.documentElement.scrollHeight+'px'" srcdoc="${escapeHtml(shownHtml(mail))}"></iframe>`,
      );
    }
    return undefined;
  };
}
