import { companyTime } from '../domain/company.ts';
import {
  questionField,
  type SurveyModule,
  scale,
  suggestionsField,
  suggestionsMaxLength,
  surveyForms,
} from '../domain/survey.ts';
import { escapeHtml } from '../mail/layout.ts';
import type { StoredSurveyAnswer } from '../persistence/surveys.ts';
import type { Language } from '../schemas/common.ts';
import { fact, formState, type Posted, page } from './layout.ts';

/**
 * R43: the page a customer's contact answers the yearly satisfaction survey on, from the link e-mailed to them, in
 * their language: three modules, each question from 1 to 5, suggestions for each.
 */

const words = {
  'zh-CN': {
    title: (year: number) => `${year} 年度顾客满意度调查`,
    intro: '请为每一项打分：1 分为非常不满意，5 分为非常满意。',
    suggestions: '建议',
    send: '提交',
    thanks: '已收到您的答复，谢谢！',
    already: '您今年已填写过本调查，谢谢！以下是您的答复。',
    answeredAt: '填写时间',
    points: (n: number) => `${n} 分`,
  },
  en: {
    title: (year: number) => `Customer satisfaction survey ${year}`,
    intro: 'Please rate each point: 1 is very dissatisfied, 5 very satisfied.',
    suggestions: 'Suggestions',
    send: 'Send',
    thanks: 'Thank you: your answer was received.',
    already: 'You have answered this year’s survey already, thank you. This is your answer.',
    answeredAt: 'Answered',
    points: (n: number) => `${n} points`,
  },
} as const;

const modules = Object.keys(surveyForms) as SurveyModule[];

/** The survey's form, filled in as posted with each problem beside its field. */
export function surveyPage(
  { year, customerName, language }: { year: number; customerName: string; language: Language },
  action: string,
  posted: Posted = {},
) {
  const t = words[language];
  const fields = modules.flatMap((m) => [
    ...surveyForms[m].questions.map((q) => questionField(m, q.key)),
    suggestionsField(m),
  ]);
  const form = formState(posted, fields);
  const rating = (field: string, label: string) => {
    const chosen = posted.values?.[field];
    const radios = scale
      .map(
        (n) =>
          `<label><input type="radio" ${n === 1 ? `id="${escapeHtml(field)}" ` : ''}name="${escapeHtml(field)}" value="${n}"${chosen === String(n) ? ' checked' : ''} required>${n}</label>`,
      )
      .join('');
    return form.field(
      field,
      label,
      `<div class="scale" role="radiogroup" aria-label="${escapeHtml(label)}">${radios}</div>`,
      {
        required: true,
      },
    );
  };
  const sections = modules
    .map((m) => {
      const { words: name, questions } = surveyForms[m];
      const field = suggestionsField(m);
      return `<fieldset><legend>${escapeHtml(name[language])}</legend>
${questions.map((q) => rating(questionField(m, q.key), q.words[language])).join('\n')}
${form.field(field, t.suggestions, `<textarea id="${field}" name="${field}" rows="2" maxlength="${suggestionsMaxLength}">${form.value(field)}</textarea>`)}
</fieldset>`;
    })
    .join('\n');
  const body = `<h1>${escapeHtml(t.title(year))}</h1>
<p class="subject">${escapeHtml(customerName)}</p>
<p class="note">${escapeHtml(t.intro)}</p>
${form.notice}
<form method="post" action="${escapeHtml(action)}">
${sections}
<div class="actions"><button class="approve" type="submit">${escapeHtml(t.send)}</button></div>
</form>`;
  return page(t.title(year), body, language);
}

/** The answer given: each module's points and the suggestions; `justNow` thanks for it, else says it was given before. */
export function surveyAnsweredPage(
  answer: StoredSurveyAnswer,
  { customerName, language, justNow }: { customerName: string; language: Language; justNow: boolean },
) {
  const t = words[language];
  const body = `<h1>${escapeHtml(justNow ? t.thanks : t.already)}</h1>
<p class="subject">${escapeHtml(t.title(answer.year))} · ${escapeHtml(customerName)}</p>
<dl>${modules
    .map((m) =>
      [
        fact(surveyForms[m].words[language], t.points(answer.modules[m])),
        ...(answer.suggestions[m] ? [fact(t.suggestions, answer.suggestions[m] as string)] : []),
      ].join(''),
    )
    .join('')}${fact(t.answeredAt, companyTime(answer.answeredAt))}</dl>`;
  return page(t.title(answer.year), body, language);
}
