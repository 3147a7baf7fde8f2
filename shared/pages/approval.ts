import { companyTime } from '../domain/company.ts';
import { escapeHtml } from '../mail/layout.ts';
import type { Approval } from '../schemas/approval.ts';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5}dt{color:#555}dd{margin:0 0 .5rem}textarea,input{width:100%;font:inherit;box-sizing:border-box}button{font:inherit;padding:.5rem 1.2rem;margin:.5rem .5rem 0 0}.approve{background:#1a7f37;color:#fff;border:0}.reject{background:#cf222e;color:#fff;border:0}.note{color:#555;font-size:.9rem}</style></head><body>${body}</body></html>`;

const facts = (approval: Approval) =>
  `<dl><dt>对象 Subject</dt><dd>${escapeHtml(approval.subject.title)}</dd>${approval.facts
    .map((fact) => `<dt>${escapeHtml(fact.label)}</dt><dd>${escapeHtml(fact.value)}</dd>`)
    .join('')}</dl>`;

/** GET of a link: shows what will be decided and for whom. Nothing changes until the form is posted. */
export function confirmationPage(approval: Approval, action: string) {
  const value = approval.value
    ? `<p><label>${escapeHtml(approval.value.label)}<br><input type="date" name="value"></label></p>`
    : '';
  return page(
    approval.ask,
    `<h1>${escapeHtml(approval.ask)}</h1>${facts(approval)}
<form method="post" action="${escapeHtml(action)}">${value}
<p><label>意见 Comment (拒绝时必填 required to reject)<br><textarea name="comment" rows="4" maxlength="2000"></textarea></label></p>
<button class="approve" name="outcome" value="approve">批准 Approve</button><button class="reject" name="outcome" value="reject">拒绝 Reject</button>
</form>
<p class="note">此决定将以 <b>${escapeHtml(approval.assignee)}</b> 的名义记录。The decision will be recorded for <b>${escapeHtml(approval.assignee)}</b>. 有效期至 Valid until ${escapeHtml(companyTime(approval.expiresAt))}.</p>`,
  );
}

export function decidedPage(approval: Approval) {
  const { decision } = approval;
  return page(
    'Decided',
    `<h1>已决定 Decided</h1>${facts(approval)}<p><b>${decision?.outcome === 'approve' ? '批准 Approved' : '拒绝 Rejected'}</b> — ${escapeHtml(decision?.by ?? '')}, ${escapeHtml(decision?.at ?? '')}${decision?.value ? ` — ${escapeHtml(decision.value)}` : ''}</p>${decision?.comment ? `<p>${escapeHtml(decision.comment)}</p>` : ''}`,
  );
}

const headings: Record<number, string> = {
  400: '请补充 Something is missing',
  404: '链接无效 No such link',
  409: '已决定 Already decided',
  410: '已失效 Already decided or expired',
};

/** Error pages of the approval links: say what happened, never why a guess failed. */
export function approvalErrorPage(status: number, detail: string, errors: { field: string; message: string }[] = []) {
  const heading = headings[status] ?? '出错了 Something went wrong';
  const list = errors.map((e) => `<li>${escapeHtml(e.field)}: ${escapeHtml(e.message)}</li>`).join('');
  return page(heading, `<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(detail)}</p>${list ? `<ul>${list}</ul>` : ''}`);
}
