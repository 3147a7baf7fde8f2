import { readFileSync } from 'node:fs';
import type { StoredMail } from '../../shared/adapters/local/mailbox.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import type { RouteDefinition } from '../../shared/http/route.ts';
import { escapeHtml } from '../../shared/mail/layout.ts';
import type { LocalPage } from './gateway.ts';
import type { LocalWorkflowEngine } from './workflows/engine.ts';

const html = (title: string, body: string) => ({
  status: 200,
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{font-family:sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}</style></head><body>${body}</body></html>`,
});

const mailIndex = (mails: StoredMail[]) =>
  html(
    'Local mailbox',
    `<h1>Local mailbox</h1><p>${mails.length} message(s): what SES would have sent. <a href="/_local/mail.json">JSON</a></p>
<table><tr><th>Date</th><th>To</th><th>Subject</th><th>Links</th></tr>${mails
      .map(
        (m) =>
          `<tr><td>${escapeHtml(m.date)}</td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/_local/mail/${m.id}">${escapeHtml(m.subject)}</a></td><td>${m.links
            .map((link) => `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`)
            .join('<br>')}</td></tr>`,
      )
      .join('')}</table>`,
  );

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

/** The offline stack's own pages: health, the OpenAPI document and the mailbox. */
export function localPages({
  routes,
  mailbox,
  workflows,
  runSchedule,
}: {
  routes: readonly RouteDefinition[];
  mailbox: { list(): StoredMail[] };
  workflows: Pick<LocalWorkflowEngine, 'executions' | 'execution' | 'redriveExecution'>;
  runSchedule: (name: string, at: Date) => Promise<boolean>;
}): LocalPage {
  const openapi = JSON.stringify(openApiDocument(routes), null, 2);
  return async ({ method, path, query }) => {
    const schedule = /^\/_local\/schedules\/([\w-]+)$/.exec(path);
    if (schedule?.[1] && method === 'POST') return await runScheduleNow(runSchedule, schedule[1], query.get('at'));
    if (path === '/_local/executions/redrive' && method === 'POST') return await redrive(workflows, query.get('arn'));
    if (method !== 'GET') return undefined;
    if (path === '/health') return { status: 200, type: 'application/json', body: JSON.stringify({ status: 'ok' }) };
    if (path === '/openapi.json') return { status: 200, type: 'application/json', body: openapi };
    if (path === '/_local/mail') return mailIndex(mailbox.list());
    if (path === '/_local/executions') {
      const arn = query.get('arn');
      const status = query.get('status');
      const body = arn
        ? workflows.execution(arn)
        : workflows.executions().filter((execution) => !status || execution.status === status);
      if (!body) return plain(404, `no execution ${arn}`);
      return { status: 200, type: 'application/json', body: JSON.stringify(body, null, 2) };
    }
    if (path === '/_local/mail.json') {
      const summary = mailbox.list().map(({ html: _, file: __, ...mail }) => mail);
      return { status: 200, type: 'application/json', body: JSON.stringify(summary, null, 2) };
    }
    const one = /^\/_local\/mail\/([\w-]+?)(\.eml)?$/.exec(path);
    if (one) {
      const mail = mailbox.list().find((m) => m.id === one[1]);
      if (!mail) return plain(404, 'No such message');
      if (one[2]) return { status: 200, type: 'message/rfc822', body: readFileSync(mail.file, 'utf8') };
      return html(
        mail.subject,
        `<p><a href="/_local/mail">← mailbox</a> · <a href="/_local/mail/${mail.id}.eml">MIME</a></p><p><b>${escapeHtml(mail.subject)}</b><br>To: ${escapeHtml(mail.to.join(', '))}<br>Date: ${escapeHtml(mail.date)}</p><hr><iframe style="width:100%;height:60vh;border:0" srcdoc="${escapeHtml(mail.html)}"></iframe>`,
      );
    }
    return undefined;
  };
}
