import type { StoredMail } from '../../shared/adapters/local/mailbox.ts';
import { approvalLinkParts, linkHash } from '../../shared/domain/approval.ts';
import { companyTime } from '../../shared/domain/company.ts';
import { escapeHtml } from '../../shared/mail/layout.ts';
import { approvalRepository } from '../../shared/persistence/approvals.ts';
import { port } from '../../shared/runtime.ts';

/** Where an e-mailed approval link stands now: open (it can still decide), or why not. */
export type LinkState = { url: string; open: boolean; state: string };

/** The state of each approval link in the mails, read as the link route reads it (by the secret's hash). */
export async function linkStates(mails: StoredMail[], now: Date): Promise<Map<string, LinkState>> {
  const approvals = approvalRepository(port('table'));
  const states = new Map<string, LinkState>();
  for (const url of new Set(mails.flatMap((m) => m.links))) {
    const parts = approvalLinkParts(/\/approval-links\/([^/?#]+)$/.exec(url)?.[1] ?? '');
    if (!parts) continue;
    const approval = await approvals.getByLink(linkHash(parts.secret), parts.approvalId).catch(() => undefined);
    const state = !approval
      ? 'unknown'
      : approval.status === 'decided'
        ? `decided (${approval.decision?.outcome}) by ${approval.decision?.by}`
        : approval.status === 'closed'
          ? `closed: ${approval.closedReason}`
          : Date.parse(approval.expiresAt) <= now.getTime()
            ? 'expired'
            : 'open';
    states.set(url, { url, open: state === 'open', state });
  }
  return states;
}

/** The mails to one recipient (any part of the address), or all. */
export const mailsTo = (mails: StoredMail[], to: string | null) =>
  to ? mails.filter((m) => m.to.some((address) => address.toLowerCase().includes(to.toLowerCase()))) : mails;

const style =
  'body{font-family:system-ui,sans-serif;margin:1rem;max-width:64rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}a{overflow-wrap:anywhere}.open{color:#1a7f37;font-weight:600}.shut{color:#666}form{margin:.5rem 0 1rem}input{font:inherit;padding:.3rem;max-width:100%}@media (max-width:40rem){thead{display:none}tr,td{display:block;border:0;padding:.15rem 0}tr{border-bottom:1px solid #ddd;padding:.5rem 0}}';

export const localHtml = (title: string, body: string) => ({
  status: 200,
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}</body></html>`,
});

/** The mailbox: what SES would have sent, newest first, filtered by recipient, each approval link with its state. */
export function mailboxPage(mails: StoredMail[], to: string | null, states: Map<string, LinkState>) {
  const recipients = [...new Set(mails.flatMap((m) => m.to))].sort();
  const shown = mailsTo(mails, to);
  const openCount = [...states.values()].filter((s) => s.open).length;
  const link = (url: string) => {
    const state = states.get(url);
    const badge = state ? ` <span class="${state.open ? 'open' : 'shut'}">${escapeHtml(state.state)}</span>` : '';
    return `<a href="${escapeHtml(url)}">${escapeHtml(url.replace(/^https?:\/\/[^/]+/, ''))}</a>${badge}`;
  };
  return localHtml(
    'Local mailbox',
    `<h1>Local mailbox</h1>
<p>${shown.length} of ${mails.length} message(s): what SES would have sent, newest first; ${openCount} approval link(s) still open. <a href="/_local/mail.json${to ? `?to=${encodeURIComponent(to)}` : ''}">JSON</a></p>
<form method="get" action="/_local/mail"><label for="to">To </label><input id="to" name="to" list="recipients" value="${escapeHtml(to ?? '')}" placeholder="wang.fang@factory.example"><datalist id="recipients">${recipients
      .map((r) => `<option value="${escapeHtml(r)}">`)
      .join('')}</datalist> <button>Filter</button>${to ? ' <a href="/_local/mail">all</a>' : ''}</form>
<table><thead><tr><th>Date (company time)</th><th>To</th><th>Subject</th><th>Links</th></tr></thead><tbody>${shown
      .map(
        (m) =>
          `<tr><td>${escapeHtml(companyTime(m.date))}</td><td>${m.to.map((r) => `<a href="/_local/mail?to=${encodeURIComponent(r)}">${escapeHtml(r)}</a>`).join(', ')}</td><td><a href="/_local/mail/${m.id}">${escapeHtml(m.subject)}</a>${m.attachments?.length ? ` <span class="shut">(${m.attachments.length} attachment${m.attachments.length > 1 ? 's' : ''})</span>` : ''}</td><td>${m.links.map(link).join('<br>')}</td></tr>`,
      )
      .join('')}</tbody></table>`,
  );
}
