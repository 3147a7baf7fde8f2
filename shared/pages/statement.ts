import { companyTime } from '../domain/company.ts';
import { formatMoney } from '../domain/order-amounts.ts';
import { escapeHtml } from '../mail/layout.ts';
import type { Statement } from '../schemas/statement.ts';
import { fact, formState, linesTable, type Posted, page } from './layout.ts';

/**
 * R38: the page a customer's person signs a statement back on, from the link e-mailed with it: the figures and the
 * entries, then confirm — or tick the entries that are wrong, say why, and dispute.
 */

/** The form's field for disputing the entry at a position of the statement. */
export const entryField = (index: number) => `entry.${index}`;

const title = (s: Statement) => `对账单 Statement ${s.id}`;

const kinds: Record<Statement['lines'][number]['kind'], string> = {
  'delivery-note': '送货单 Delivery note',
  'delivery-note-void': '送货单作废 Note void',
  payment: '收款 Payment',
  'return-note': '退货冲账 Return credit',
  'return-note-void': '退货单作废 Return void',
  adjustment: '调整 Adjustment',
};

function facts(s: Statement) {
  const money = (amount: number) => formatMoney(amount, s.currency, 'en');
  return [
    fact('客户 Customer', `${s.customerCode} ${s.customerName}`),
    fact('期间 Period', `${s.from} – ${s.to}`),
    fact('版本 Revision', String(s.revision)),
    fact('期初余额 Opening balance', money(s.opening)),
    fact('本期发货 Delivered', money(s.debits)),
    fact('收款及冲账 Paid and credited', money(s.credits ? -s.credits : 0)),
    fact('期末余额 Closing balance', money(s.closing)),
    ...s.corrections.map((c) => fact(`更正 Correction ${c.reference}`, `${money(c.amount)} — ${c.reason}`)),
    ...(s.corrections.length ? [fact('应付 Due', money(s.due))] : []),
  ].join('');
}

/** The statement and the sign-back form, filled in as posted with each problem beside its field. */
export function statementPage(s: Statement, action: string, posted: Posted = {}) {
  const entryFields = s.lines.map((_, i) => entryField(i));
  const form = formState(posted, ['signedBy', 'comment', 'entries', ...entryFields]);
  const money = (amount: number) => formatMoney(amount, s.currency, 'en');
  const rows = s.lines
    .map((line, i) => {
      const key = entryField(i);
      const ticked = posted.values?.[key] ? ' checked' : '';
      const what = `${kinds[line.kind]} ${line.reference}${line.orderNumber ? ` · ${line.orderNumber}` : ''}`;
      return `<tr class="${form.invalid(key).trim()}"><td>${escapeHtml(line.on)}</td><td>${escapeHtml(what)}${line.reason ? `<br><span class="note">${escapeHtml(line.reason)}</span>` : ''}</td><td style="text-align:right">${escapeHtml(money(line.amount))}</td><td style="text-align:right">${escapeHtml(money(line.balance))}</td><td><label class="choice"><input type="checkbox" id="${key}" name="${key}" value="${escapeHtml(line.reference)}"${ticked} aria-label="${escapeHtml(`有异议 Query ${line.reference}`)}"></label></td></tr>`;
    })
    .join('');
  const body = `<h1>对账单确认 Confirm your statement</h1>
<p class="subject">${escapeHtml(s.id)} · ${escapeHtml(s.from)} – ${escapeHtml(s.to)}</p>
<dl>${facts(s)}</dl>
${form.notice}
<form method="post" action="${escapeHtml(action)}">
<div class="field${form.invalid('entries')}"><label>往来明细 Entries <span class="note">(勾选有误的款项 tick those you query)</span></label>
<table><thead><tr><th>日期 Date</th><th>摘要 Entry</th><th>金额 Amount</th><th>余额 Balance</th><th>有异议 Query</th></tr></thead><tbody>${rows || '<tr><td colspan="5">本期无往来 No entries this month</td></tr>'}</tbody></table>${form.problems('entries')}</div>
${form.field('signedBy', '确认人 Your name', `<input type="text" id="signedBy" name="signedBy" value="${form.value('signedBy')}" maxlength="100" autocomplete="name" required>`, { required: true })}
${form.field('comment', '异议说明 What is wrong (only to query)', `<textarea id="comment" name="comment" rows="3" maxlength="1000">${form.value('comment')}</textarea>`)}
<div class="actions"><button class="approve" type="submit" name="outcome" value="confirmed">确认无误 Confirm</button><button class="reject" type="submit" name="outcome" value="disputed">提出异议 Query</button></div>
</form>`;
  return page(title(s), body);
}

/** The statement as answered: confirmed (by whom, when) or disputed and being answered. */
export function signedBackPage(s: Statement, { justNow }: { justNow: boolean }) {
  const last = s.signatures.at(-1);
  const heading =
    s.status === 'confirmed'
      ? justNow
        ? '已确认，谢谢 Confirmed — thank you'
        : '此对账单已确认 This statement was confirmed'
      : s.status === 'disputed'
        ? justNow
          ? '已收到异议，我司财务将尽快答复 Query received — our finance team will answer'
          : '此对账单有异议，正在处理 This statement is being corrected'
        : '此对账单暂不需要确认 This statement takes no answer now';
  const body = `<h1>${heading}</h1>
<dl>${facts(s)}${
    last
      ? [
          fact('确认人 Signed by', last.signedBy),
          fact('时间 When', companyTime(last.at)),
          ...(last.entries?.length ? [fact('有异议的款项 Entries queried', last.entries.join(', '))] : []),
          ...(last.comment ? [fact('说明 Comment', last.comment)] : []),
        ].join('')
      : ''
  }</dl>
${s.status === 'disputed' ? '<p class="next">更正后的对账单将以新版本重新发送给贵司确认。 A corrected statement will be sent to you as a new revision to confirm.</p>' : ''}
${linesTable(
  ['日期 Date', '单据 Reference', '金额 Amount'],
  s.lines.map((l) => [l.on, l.reference, formatMoney(l.amount, s.currency, 'en')]),
)}`;
  return page(title(s), body);
}
