import { companyTime } from '../domain/company.ts';
import type { FieldIssue } from '../domain/errors.ts';
import { escapeHtml } from '../mail/layout.ts';
import type { Approval } from '../schemas/approval.ts';
import { formFields, type Label } from '../schemas/decision-form.ts';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5}dt{color:#555}dd{margin:0 0 .5rem}textarea,input,select{width:100%;font:inherit;box-sizing:border-box;padding:.3rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.25rem;text-align:left}td input{width:7rem}.field{margin:.8rem 0}.field label{display:block;font-weight:600}.req{color:#cf222e}.invalid input,.invalid select,.invalid textarea{border:2px solid #cf222e}.error{color:#cf222e;margin:.2rem 0}.problems{border:1px solid #cf222e;background:#fff5f5;padding:.5rem .8rem;margin:1rem 0}button{font:inherit;padding:.5rem 1.2rem;margin:.5rem .5rem 0 0}.approve{background:#1a7f37;color:#fff;border:0}.reject{background:#cf222e;color:#fff;border:0}.note{color:#555;font-size:.9rem}</style></head><body>${body}</body></html>`;

const facts = (approval: Approval) =>
  `<dl><dt>对象 Subject</dt><dd>${escapeHtml(approval.subject.title)}</dd>${approval.facts
    .map((fact) => `<dt>${escapeHtml(fact.label)}</dt><dd>${escapeHtml(fact.value)}</dd>`)
    .join('')}</dl>`;

type Posted = { values?: Record<string, string>; errors?: FieldIssue[] };

const label = (l: Label) => `${escapeHtml(l['zh-CN'])} ${escapeHtml(l.en)}`;

/** The input for one field of the step's form, as its type asks (a date picker, an amount, a list of lines…). */
function input(field: ReturnType<typeof formFields>[number], approval: Approval, posted: Record<string, string>) {
  const name = escapeHtml(field.key);
  const value = escapeHtml(posted[field.key] ?? '');
  const required = field.required ? ' required' : '';
  switch (field.input) {
    case 'date':
      return `<input type="date" id="${name}" name="${name}" value="${value}"${required}>`;
    case 'money':
      return `<input type="number" id="${name}" name="${name}" value="${value}" step="0.01" min="0.01" inputmode="decimal"${required}>`;
    case 'count':
      return `<input type="number" id="${name}" name="${name}" value="${value}" step="1" min="0" inputmode="numeric"${required}>`;
    case 'choice':
      return `<select id="${name}" name="${name}"${required}><option value="">—</option>${(field.options ?? [])
        .map(
          (o) =>
            `<option value="${escapeHtml(o.value)}"${posted[field.key] === o.value ? ' selected' : ''}>${label(o.label)}</option>`,
        )
        .join('')}</select>`;
    case 'text':
      return `<textarea id="${name}" name="${name}" rows="3"${required}>${value}</textarea>`;
    case 'reference':
      return `<input type="text" id="${name}" name="${name}" value="${value}" autocomplete="off" spellcheck="false"${required}>`;
    case 'line-quantities':
      return `<table><thead><tr><th>行 Line</th><th>品名 Item</th><th>数量 Qty</th></tr></thead><tbody>${(
        approval.lines ?? []
      )
        .map((line) => {
          const key = `${field.key}.${line.line}`;
          return `<tr><td>${line.line}</td><td>${escapeHtml(line.label)} (${line.quantity})</td><td><input type="number" name="${escapeHtml(key)}" value="${escapeHtml(posted[key] ?? '')}" step="1" min="0" max="${line.quantity}" inputmode="numeric" aria-label="${escapeHtml(`${field.key} ${line.line}`)}"${required}></td></tr>`;
        })
        .join('')}</tbody></table>`;
  }
}

/** The step's form: every field labelled in both languages, required ones marked, each with its problem if any. */
function formInputs(approval: Approval, { values = {}, errors = [] }: Posted) {
  if (!approval.form) return '';
  return formFields(approval.form)
    .map((field) => {
      const problems = errors.filter(
        (e) => e.field === `values.${field.key}` || e.field.startsWith(`values.${field.key}.`),
      );
      const mark = field.required
        ? ' <span class="req" title="必填 required">*</span>'
        : ' <span class="note">(可选 optional)</span>';
      return `<div class="field${problems.length ? ' invalid' : ''}"><label for="${escapeHtml(field.key)}">${label(field.label)}${mark}</label>${input(field, approval, values)}${problems
        .map((p) => `<p class="error">${escapeHtml(p.message)}</p>`)
        .join('')}</div>`;
    })
    .join('\n');
}

/**
 * GET of a link: shows what will be decided and for whom, with the step's form. Nothing changes until the form
 * is posted; a posted form with a bad value comes back with the values as given and each problem beside its field.
 */
export function confirmationPage(approval: Approval, action: string, posted: Posted = {}) {
  const comment = escapeHtml(posted.values?.comment ?? '');
  const otherErrors = (posted.errors ?? []).filter((e) => !e.field.startsWith('values.'));
  const summary = posted.errors?.length
    ? `<div class="problems" role="alert"><b>请更正后再提交 Please correct and send again:</b> 尚未作出任何决定。 Nothing was decided.${otherErrors
        .map((e) => `<p class="error">${escapeHtml(e.field)}: ${escapeHtml(e.message)}</p>`)
        .join('')}</div>`
    : '';
  return page(
    approval.ask,
    `<h1>${escapeHtml(approval.ask)}</h1>${summary}${facts(approval)}${
      approval.group
        ? `<p class="note">会签：共 ${approval.group.size} 人须各自签署，任何一人拒绝即终止。 Sign-off: ${approval.group.size} people must each sign; one refusal ends it.</p>`
        : ''
    }
<form method="post" action="${escapeHtml(action)}">${formInputs(approval, posted)}
<div class="field"><label for="comment">意见 Comment <span class="note">(拒绝时必填 required to reject)</span></label><textarea id="comment" name="comment" rows="4" maxlength="2000">${comment}</textarea></div>
<button class="approve" name="outcome" value="approve">批准 Approve</button><button class="reject" name="outcome" value="reject" formnovalidate>拒绝 Reject</button>
</form>
<p class="note">此决定将以 <b>${escapeHtml(approval.assignee)}</b> 的名义记录。The decision will be recorded for <b>${escapeHtml(approval.assignee)}</b>.${
      approval.assignedBecause ? ` 为何是您 Why you: ${escapeHtml(approval.assignedBecause)}.` : ''
    } 有效期至 Valid until ${escapeHtml(companyTime(approval.expiresAt))}.</p>`,
  );
}

const amount = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A decision's values as people read them: each field's label and what was entered. */
function decidedValues(approval: Approval) {
  const values = approval.decision?.values as Record<string, unknown> | undefined;
  if (!approval.form || !values) return '';
  return `<dl>${formFields(approval.form)
    .filter((f) => values[f.key] !== undefined)
    .map((f) => {
      const value = values[f.key];
      const shown = Array.isArray(value)
        ? value.map((v: { line: number; quantity: number }) => `${v.line}: ${v.quantity}`).join(', ')
        : f.input === 'money'
          ? amount.format(value as number)
          : String(value);
      return `<dt>${label(f.label)}</dt><dd>${escapeHtml(shown)}</dd>`;
    })
    .join('')}</dl>`;
}

/**
 * What was decided. `countedEarlier`: the approver's earlier attempt reached the workflow although they were told to
 * try again (its answer was lost on the way back), so that decision — shown here — is the one that counts.
 */
export function decidedPage(approval: Approval, { countedEarlier = false }: { countedEarlier?: boolean } = {}) {
  const { decision } = approval;
  const counted = countedEarlier
    ? '<p><b>您之前提交的决定已生效，无需再次提交。Your earlier decision had already counted; there is nothing more to do.</b></p>'
    : '';
  return page(
    'Decided',
    `<h1>已决定 Decided</h1>${counted}${facts(approval)}<p><b>${decision?.outcome === 'approve' ? '批准 Approved' : '拒绝 Rejected'}</b> — ${escapeHtml(decision?.by ?? '')}, ${escapeHtml(companyTime(decision?.at ?? ''))}</p>${decidedValues(approval)}${decision?.comment ? `<p>${escapeHtml(decision.comment)}</p>` : ''}`,
  );
}

const headings: Record<number, string> = {
  400: '请补充 Something is missing',
  404: '链接无效 No such link',
  409: '已决定 Already decided',
  410: '已失效 Already decided or expired',
  503: '请稍后再试 Please try again',
};

/** Error pages of the approval links: say what happened, never why a guess failed. */
export function approvalErrorPage(status: number, detail: string, errors: { field: string; message: string }[] = []) {
  const heading = headings[status] ?? '出错了 Something went wrong';
  const list = errors.map((e) => `<li>${escapeHtml(e.field)}: ${escapeHtml(e.message)}</li>`).join('');
  return page(heading, `<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(detail)}</p>${list ? `<ul>${list}</ul>` : ''}`);
}
