import type { Language } from '../schemas/common.ts';
import type { SurveyAnswerSummary, surveyModules } from '../schemas/survey.ts';
import type { FieldIssue } from './errors.ts';

/**
 * R43 (doc 003 §4.2.2): the yearly customer satisfaction survey — three modules, each its own form out of 100, weighted
 * into one score out of 100 (docs/decisions/satisfaction-survey.md).
 */
export type SurveyModule = (typeof surveyModules)[number];

/** A question's answer: 1 (very dissatisfied) to 5 (very satisfied); it earns its points × answer / 5. */
export const scale = [1, 2, 3, 4, 5] as const;

type Question = { key: string; points: number; words: Record<Language, string> };

/** The questions of each module with the points each carries: a module's add up to 100. */
export const surveyForms: Record<SurveyModule, { words: Record<Language, string>; questions: Question[] }> = {
  overall: {
    words: { 'zh-CN': '顾客整体满意度', en: 'Overall satisfaction' },
    questions: [
      { key: 'price', points: 30, words: { 'zh-CN': '价格', en: 'Price' } },
      { key: 'delivery', points: 35, words: { 'zh-CN': '交货期', en: 'Delivery' } },
      { key: 'use', points: 35, words: { 'zh-CN': '产品使用情况', en: 'Use of the products' } },
    ],
  },
  service: {
    words: { 'zh-CN': '顾客服务满意度', en: 'Service satisfaction' },
    questions: [
      { key: 'response', points: 35, words: { 'zh-CN': '对反馈的响应时间', en: 'Response time to your feedback' } },
      { key: 'efficiency', points: 30, words: { 'zh-CN': '处理效率', en: 'Efficiency' } },
      {
        key: 'effectiveness',
        points: 35,
        words: { 'zh-CN': '问题处理的有效性', en: 'Effectiveness of problem handling' },
      },
    ],
  },
  quality: {
    words: { 'zh-CN': '顾客产品质量满意度', en: 'Product quality satisfaction' },
    questions: [
      { key: 'quality', points: 50, words: { 'zh-CN': '产品质量', en: 'Product quality' } },
      { key: 'safety', points: 50, words: { 'zh-CN': '质量安全', en: 'Quality safety' } },
    ],
  },
};

/** How much each module counts in the customer satisfaction score (out of 100): quality weighs most. */
export const moduleWeights: Record<SurveyModule, number> = { overall: 30, service: 30, quality: 40 };

export const questionField = (module: SurveyModule, key: string) => `${module}.${key}`;
export const suggestionsField = (module: SurveyModule) => `${module}.suggestions`;
export const suggestionsMaxLength = 1000;

const modules = Object.keys(surveyForms) as SurveyModule[];

export type SurveyAnswers = {
  modules: SurveyAnswerSummary['modules'];
  /** Each question's answer on the scale, by its field. */
  ratings: Record<string, number>;
  suggestions: Partial<Record<SurveyModule, string>>;
};

/** A module's points: each question's points × answer / 5, rounded to whole points. */
export const modulePoints = (module: SurveyModule, ratings: Record<string, number>) =>
  Math.round(
    surveyForms[module].questions.reduce(
      (sum, q) => sum + (q.points * (ratings[questionField(module, q.key)] ?? 0)) / scale.length,
      0,
    ),
  );

/** The modules weighted into one score out of 100, to one decimal. */
export const weightedScore = (points: SurveyAnswerSummary['modules']) =>
  Math.round(modules.reduce((sum, m) => sum + points[m] * moduleWeights[m], 0) / 10) / 10;

/** The form as posted, checked: every question answered on the scale, suggestions not too long; or each problem. */
export function surveyAnswers(
  posted: Record<string, string>,
  language: Language,
): { answers: SurveyAnswers } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const ratings: Record<string, number> = {};
  const suggestions: SurveyAnswers['suggestions'] = {};
  for (const module of modules) {
    for (const { key } of surveyForms[module].questions) {
      const field = questionField(module, key);
      const value = Number(posted[field]);
      if ((scale as readonly number[]).includes(value)) ratings[field] = value;
      else issues.push({ field, message: language === 'zh-CN' ? '请选择 1 至 5 分' : 'Choose from 1 to 5' });
    }
    const said = posted[suggestionsField(module)]?.trim();
    if (said && said.length > suggestionsMaxLength) {
      issues.push({
        field: suggestionsField(module),
        message:
          language === 'zh-CN'
            ? `请不超过 ${suggestionsMaxLength} 字`
            : `Please keep it to ${suggestionsMaxLength} characters`,
      });
    } else if (said) suggestions[module] = said;
  }
  if (issues.length) return { issues };
  const points = {
    overall: modulePoints('overall', ratings),
    service: modulePoints('service', ratings),
    quality: modulePoints('quality', ratings),
  };
  return { answers: { modules: points, ratings, suggestions } };
}

/** Each customer's answers of a year with the average of their scores, best first. */
export function surveyAverages(answers: readonly Pick<SurveyAnswerSummary, 'customerId' | 'customerCode' | 'score'>[]) {
  const byCustomer = new Map<string, { customerId: string; customerCode: string; scores: number[] }>();
  for (const { customerId, customerCode, score } of answers) {
    const entry = byCustomer.get(customerId) ?? { customerId, customerCode, scores: [] };
    entry.scores.push(score);
    byCustomer.set(customerId, entry);
  }
  return [...byCustomer.values()]
    .map(({ customerId, customerCode, scores }) => ({
      customerId,
      customerCode,
      answers: scores.length,
      average: Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10,
    }))
    .sort((a, b) => b.average - a.average || a.customerCode.localeCompare(b.customerCode));
}
