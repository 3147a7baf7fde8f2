import * as z from 'zod';
import { Email, Timestamp } from './common.ts';

/**
 * R43 (doc 003 §4.2.2): customer satisfaction is surveyed in three modules — overall (price, delivery, use of the
 * products), service (response, efficiency, effectiveness) and product quality — each answered out of 100 and
 * weighted into one score out of 100.
 */
export const surveyModules = ['overall', 'service', 'quality'] as const;

const Points = z.int().min(0).max(100);

/** One contact's answer to the yearly survey, as events carry it. */
export const SurveyAnswerSummary = z
  .object({
    surveyId: z.string(),
    year: z.int().min(2000).max(2999),
    customerId: z.string(),
    customerCode: z.string(),
    respondent: Email,
    modules: z.object({ overall: Points, service: Points, quality: Points }),
    /** The modules weighted into one score out of 100. */
    score: z.number().min(0).max(100),
    answeredAt: Timestamp,
  })
  .meta({ id: 'SurveyAnswerSummary' });

export type SurveyAnswerSummary = z.infer<typeof SurveyAnswerSummary>;

export const SurveysQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2999).meta({ description: 'The survey’s year.' }),
});

/** R43: a year's survey as the staff read it — every answer, and each customer's average score. */
export const SurveyYear = z
  .object({
    year: z.int(),
    customers: z.array(
      z.object({
        customerId: z.string(),
        customerCode: z.string(),
        answers: z.int().min(1),
        average: z.number().min(0).max(100).meta({ description: 'The mean of its contacts’ weighted scores.' }),
      }),
    ),
    answers: z.array(
      SurveyAnswerSummary.extend({
        suggestions: z.object({ overall: z.string(), service: z.string(), quality: z.string() }).partial(),
      }),
    ),
  })
  .meta({ id: 'SurveyYear' });
