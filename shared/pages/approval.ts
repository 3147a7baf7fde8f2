import { type CodeAsked, codeRules, maskedEmail } from '../domain/approval-code.ts';
import { companyTime } from '../domain/company.ts';
import type { FieldIssue } from '../domain/errors.ts';
import { escapeHtml } from '../mail/layout.ts';
import type { Approval } from '../schemas/approval.ts';
import { formFields, type Label } from '../schemas/decision-form.ts';
import { page } from './layout.ts';
import { nextStep, type Said } from './next-steps.ts';

/**
 * Text for people: the rule numbers the workflows cite (R2, R10…) are for the team, not for the approver, who
 * reads "Initial order review", not "Initial order review (R2)".
 */
export function forPeople(text: string) {
  return text
    .replace(/\bR\d+(?:\s*[-–,]\s*R?\d+)*\b:?\s*/g, '')
    .replace(/\(\s*\)/g, '')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

const text = (value: string) => escapeHtml(forPeople(value));
const both = (said: Said) => `${escapeHtml(said['zh-CN'])}<br>${escapeHtml(said.en)}`;
const label = (l: Label) => `${escapeHtml(l['zh-CN'])} ${escapeHtml(l.en)}`;

const heading = (title: string, subject?: string) =>
  `<h1>${text(title)}</h1>${subject ? `<p class="subject">${escapeHtml(subject)}</p>` : ''}`;

const facts = (approval: Approval) =>
  `<dl>${approval.facts.map((fact) => `<dt>${text(fact.label)}</dt><dd>${escapeHtml(fact.value)}</dd>`).join('')}</dl>`;

type Posted = { values?: Record<string, string>; errors?: FieldIssue[]; code?: CodeAsked };

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
    case 'weight':
      return `<input type="number" id="${name}" name="${name}" value="${value}" step="0.001" min="0.001" inputmode="decimal"${required}>`;
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
      return (field.maxLength ?? 0) <= 100
        ? `<input type="text" id="${name}" name="${name}" value="${value}" maxlength="${field.maxLength}"${required}>`
        : `<textarea id="${name}" name="${name}" rows="3" maxlength="${field.maxLength}"${required}>${value}</textarea>`;
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

const problemsOf = (errors: FieldIssue[], key: string) =>
  errors.filter((e) => e.field === key || e.field.startsWith(`${key}.`));

/** The step's form: every field labelled in both languages, required ones marked, each with its problem if any. */
function formInputs(approval: Approval, { values = {}, errors = [] }: Posted) {
  if (!approval.form) return '';
  return formFields(approval.form)
    .map((field) => {
      const problems = problemsOf(errors, `values.${field.key}`);
      const mark = field.required
        ? ' <span class="req" title="必填 required">*</span>'
        : ' <span class="note">(可选 optional)</span>';
      return `<div class="field${problems.length ? ' invalid' : ''}"><label for="${escapeHtml(field.key)}">${label(field.label)}${mark}</label>${input(field, approval, values)}${problems
        .map((p) => `<p class="error">${escapeHtml(p.message)}</p>`)
        .join('')}</div>`;
    })
    .join('\n');
}

/** The comment's own problem, said to a person: the domain's wording is for the API. */
const commentProblem = '拒绝时请写明理由。 To reject, give the reason in writing.';

/** The status of a page asking for the code: waiting for it (202), a code that did not work (400), too often (429). */
export function codeStatus(asked: CodeAsked): 202 | 400 | 429 {
  if (asked.state === 'sent' || asked.state === 'enter') return 202;
  return asked.state === 'too-soon' || asked.state === 'too-many' ? 429 : 400;
}

/** What the person holding the link is told about the code, in both languages. */
function codeSaid(asked: CodeAsked): Said {
  const to = asked.sentTo;
  switch (asked.state) {
    case 'sent': {
      const until = companyTime(asked.validUntil);
      return {
        'zh-CN': `验证码已发送至 ${to}，${codeRules.validSeconds / 60} 分钟内有效（至 ${until}）。请输入验证码后确认。`,
        en: `A code was sent to ${to}; it is valid for ${codeRules.validSeconds / 60} minutes (until ${until}). Enter it and confirm.`,
      };
    }
    case 'enter':
      return { 'zh-CN': `请输入发送至 ${to} 的验证码。`, en: `Enter the code sent to ${to}.` };
    case 'format':
      return { 'zh-CN': '验证码为 6 位数字。', en: 'The code is 6 digits.' };
    case 'wrong':
      return {
        'zh-CN': `验证码不正确，还可再试 ${asked.triesLeft} 次。`,
        en: `That code is not right: ${asked.triesLeft} ${asked.triesLeft === 1 ? 'try' : 'tries'} left.`,
      };
    case 'void':
      return {
        'zh-CN': '此验证码已失效（已过期或尝试次数已用完），请发送新的验证码。',
        en: 'This code no longer works (it expired, or its tries are used up): send a new code.',
      };
    case 'too-soon':
      return {
        'zh-CN': `验证码刚刚已发送，请于 ${companyTime(asked.nextAt)} 之后再请求新的验证码。`,
        en: `A code was sent a moment ago: ask for a new one after ${companyTime(asked.nextAt)}.`,
      };
    case 'too-many':
      return {
        'zh-CN': `此审批已发送 ${codeRules.perApproval} 次验证码，不能再发送。请登录系统作出决定，或联系跟单员。`,
        en: `${codeRules.perApproval} codes were sent for this approval already; no more can be sent. Decide signed in to the system, or ask the merchandiser.`,
      };
  }
}

const chosen = { approve: '确认批准 Confirm: approve', reject: '确认拒绝 Confirm: reject' };

/**
 * The bar of a page asking for the code, kept at the bottom of the screen like the buttons: the code, the decision
 * chosen (kept; opening the link again starts afresh) and "send a new code".
 */
function codeBar(asked: CodeAsked) {
  const problem = ['format', 'wrong', 'void'].includes(asked.state);
  return `<input type="hidden" name="outcome" value="${asked.outcome}">
<div class="actions with-code"><div class="code${problem ? ' invalid' : ''}"><label for="code">验证码 Code <span class="req" title="必填 required">*</span></label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required></div><button class="${asked.outcome}"${asked.outcome === 'reject' ? ' formnovalidate' : ''}>${chosen[asked.outcome]}</button><button class="resend" name="resend" value="1" formnovalidate>重新发送验证码 Send a new code</button></div>`;
}

const buttons = `<div class="actions"><button class="approve" name="outcome" value="approve">批准 Approve</button><button class="reject" name="outcome" value="reject" formnovalidate>拒绝 Reject</button></div>`;

/**
 * GET of a link: shows what will be decided and for whom, with the step's form. Nothing changes until the form
 * is posted; a posted form with a bad value comes back with everything as typed and each problem beside its field.
 * An approval that needs a code says so; once asked for, the page keeps the decision chosen and asks for the code.
 */
export function confirmationPage(approval: Approval, action: string, posted: Posted = {}) {
  const errors = posted.errors ?? [];
  const { code } = posted;
  const comment = escapeHtml(posted.values?.comment ?? '');
  const commentInvalid = problemsOf(errors, 'comment').length > 0;
  const elsewhere = errors.filter((e) => !e.field.startsWith('values.') && e.field !== 'comment');
  const summary = errors.length
    ? `<div class="problems" role="alert"><b>请更正后再提交。 Please correct and send again.</b><br>尚未作出任何决定。 Nothing was decided yet.${
        commentInvalid ? `<p class="error"><a href="#comment">${commentProblem}</a></p>` : ''
      }${elsewhere.map((e) => `<p class="error">${escapeHtml(e.message)}</p>`).join('')}</div>`
    : '';
  const codeNotice = code
    ? `<div class="${codeStatus(code) === 202 ? 'asked' : 'problems'}" role="${codeStatus(code) === 202 ? 'status' : 'alert'}"><b>${
        code.outcome === 'approve' ? '您选择了：批准 You chose: approve' : '您选择了：拒绝 You chose: reject'
      }</b> — 尚未作出任何决定。 Nothing was decided yet.<br>${both(codeSaid(code))}</div>`
    : '';
  const group = approval.group
    ? `<p class="note">会签：共 ${approval.group.size} 人须各自签署，任何一人拒绝即终止。 Sign-off: ${approval.group.size} people must each sign; one refusal ends it.</p>`
    : '';
  const needsCode = approval.needsCode
    ? `<br>此决定金额较大：确认时须输入发送至 ${escapeHtml(maskedEmail(approval.assignee))} 的一次性验证码。 A decision of this size needs a one-time code, e-mailed to ${escapeHtml(maskedEmail(approval.assignee))} when you decide.`
    : '';
  return page(
    forPeople(approval.ask),
    // The form holds the whole page, so that its bar of buttons stays at the bottom of the screen while one reads.
    `<form method="post" action="${escapeHtml(action)}">${heading(approval.ask, approval.subject.title)}${summary}${codeNotice}${facts(approval)}${group}
${formInputs(approval, posted)}
<div class="field${commentInvalid ? ' invalid' : ''}"><label for="comment">意见 Comment <span class="note">(拒绝时必填 required to reject)</span></label><textarea id="comment" name="comment" rows="4" maxlength="2000">${comment}</textarea>${
      commentInvalid ? `<p class="error">${commentProblem}</p>` : ''
    }</div>
${code ? codeBar(code) : buttons}
</form>
<p class="note">此决定将以 <b>${escapeHtml(approval.assignee)}</b> 的名义记录。 The decision will be recorded for <b>${escapeHtml(approval.assignee)}</b>.${
      approval.assignedBecause ? `<br>为何是您 Why you: ${text(approval.assignedBecause)}.` : ''
    }${needsCode}${code ? '<br>如需改变决定，请重新打开邮件中的链接。 To decide otherwise, open the link in the e-mail again.' : ''}<br>有效期至 Valid until ${escapeHtml(companyTime(approval.expiresAt))}.</p>`,
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

/** Who decided what, and when (company time), with what they entered and wrote. */
function decisionMade(approval: Approval) {
  const { decision } = approval;
  if (!decision) return '';
  const outcome = decision.outcome === 'approve' ? '批准 Approved' : '拒绝 Rejected';
  return `<p class="outcome">${outcome}</p><dl><dt>决定人 Decided by</dt><dd>${escapeHtml(decision.by)}</dd><dt>时间 When</dt><dd>${escapeHtml(companyTime(decision.at))}</dd>${
    decision.comment ? `<dt>意见 Comment</dt><dd>${escapeHtml(decision.comment)}</dd>` : ''
  }</dl>${decidedValues(approval)}`;
}

/** After deciding: what was recorded, and what happens next and who acts. */
export function decidedPage(approval: Approval, { countedEarlier = false }: { countedEarlier?: boolean } = {}) {
  const next = approval.decision && nextStep(approval.flow, approval.step, approval.decision.outcome);
  // The approver's earlier attempt reached the workflow although they were told to try again (its answer was lost
  // on the way back): that decision, shown here, is the one that counts.
  const counted = countedEarlier
    ? '<p><b>您之前提交的决定已生效，无需再次提交。Your earlier decision had already counted; there is nothing more to do.</b></p>'
    : '';
  return page(
    '已记录 Recorded',
    `${heading('已记录您的决定 Your decision is recorded', approval.subject.title)}${counted}${decisionMade(approval)}${
      next ? `<div class="next"><b>接下来 What happens next</b><br>${both(next)}</div>` : ''
    }<details><summary>${text(approval.ask)}</summary>${facts(approval)}</details>`,
  );
}

const closedReasons: Record<string, Said> = {
  'superseded by a reminder': {
    'zh-CN': '已有一封更新的提醒邮件取代了这个链接，请使用最新邮件中的链接。',
    en: 'A newer reminder e-mail replaced this link: use the link in the latest e-mail.',
  },
  escalated: {
    'zh-CN': '因未及时处理，此事已转交您的上级决定。',
    en: 'It was not answered in time and has been passed to your leader to decide.',
  },
  'its workflow step had already ended': {
    'zh-CN': '此事已在别处处理完毕或已停止，无需再作决定。',
    en: 'It was settled elsewhere or stopped: there is nothing left to decide.',
  },
  'another signer refused': {
    'zh-CN': '另一位会签人已拒绝，会签已结束。',
    en: 'Another signer refused, which ended the sign-off.',
  },
};

/**
 * A link that can no longer decide: already decided (by whom, when), closed (why, in words), or expired (when).
 * The status says which to a program; the page says it to the person.
 */
export function closedPage(approval: Approval, now: Date): { status: 409 | 410; body: string } {
  if (approval.status === 'decided') {
    return {
      status: 409,
      body: page(
        '已处理 Already decided',
        `${heading('此事已决定 This was already decided', approval.subject.title)}${decisionMade(approval)}<p class="note">${text(approval.ask)}</p>`,
      ),
    };
  }
  const expired = approval.status === 'pending' && now.getTime() >= Date.parse(approval.expiresAt);
  const reason: Said = expired
    ? {
        'zh-CN': `此链接已于 ${companyTime(approval.expiresAt)} 过期。`,
        en: `This link expired on ${companyTime(approval.expiresAt)}.`,
      }
    : (closedReasons[approval.closedReason ?? ''] ?? {
        'zh-CN': '此请求已关闭。',
        en: `This request is closed${approval.closedReason ? `: ${approval.closedReason}` : ''}.`,
      });
  return {
    status: 410,
    body: page(
      '链接已失效 Link closed',
      `${heading(expired ? '链接已过期 This link has expired' : '链接已失效 This link is closed', approval.subject.title)}<p>${both(reason)}</p><p class="note">${text(approval.ask)} — ${escapeHtml(approval.assignee)}</p>`,
    ),
  };
}

const errorPages: Record<number, { title: Said; body: Said }> = {
  404: {
    title: { 'zh-CN': '链接无效', en: 'This link is not valid' },
    body: {
      'zh-CN': '找不到这个审批链接。请确认链接是从邮件中完整复制的；如仍有问题，请联系跟单员。',
      en: 'There is no such approval link. Check that it was copied whole from the e-mail; if it still fails, ask the merchandiser.',
    },
  },
  503: {
    title: { 'zh-CN': '请稍后再试', en: 'Please try again' },
    body: {
      'zh-CN': '您的决定未能送达流程，因此没有记录。请稍后重新打开链接再提交一次。',
      en: 'Your decision could not reach the workflow, so nothing was recorded. Open the link again in a moment and send it again.',
    },
  },
  403: {
    title: { 'zh-CN': '不能由您决定', en: 'This is not yours to decide' },
    body: { 'zh-CN': '', en: '' },
  },
};

/**
 * The other pages of the links: an unknown link, a decision that may not be made (a requester approving their own
 * request), a form that could not be read, a failure on our side. Say what happened, never why a guess failed.
 */
export function approvalErrorPage(status: number, detail: string, errors: { field: string; message: string }[] = []) {
  const known = errorPages[status];
  const title = known?.title ?? { 'zh-CN': '出错了', en: 'Something went wrong' };
  const body =
    known?.body['zh-CN'] || status >= 500
      ? (known?.body ?? {
          'zh-CN': '我们这边出了问题，已记录。请稍后再打开邮件中的链接重试。',
          en: 'Something went wrong on our side and it has been logged. Open the link in the e-mail again a little later.',
        })
      : undefined;
  const list = errors.map((e) => `<li>${escapeHtml(e.message)}</li>`).join('');
  return page(
    `${title['zh-CN']} ${title.en}`,
    `${heading(`${title['zh-CN']} ${title.en}`)}<p>${body ? both(body) : escapeHtml(detail)}</p>${list ? `<ul>${list}</ul>` : ''}`,
  );
}
