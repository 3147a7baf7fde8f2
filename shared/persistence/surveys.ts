import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SurveyAnswers } from '../domain/survey.ts';
import type { TablePort } from '../ports/index.ts';
import type { Language } from '../schemas/common.ts';
import type { SurveyAnswerSummary } from '../schemas/survey.ts';
import { allPages, dataOf } from './items.ts';
import { linkStore } from './links.ts';
import type { Write } from './write.ts';

/** Key design: see docs/data-model.md ("survey answer", "survey link"). */
export const surveyKeys = {
  answer: (year: number, customerId: string, respondent: string) => ({
    pk: `SURVEY#${year}`,
    sk: `ANSWER#${customerId}#${respondent.toLowerCase()}`,
  }),
  answers: 'SURVEY#*',
  links: 'SURVEY_LINK#*',
};

/** What a survey link stands for: one contact's survey of a year, in the contact's language. */
export type SurveyLink = {
  surveyId: string;
  year: number;
  customerId: string;
  customerCode: string;
  customerName: string;
  respondent: string;
  language: Language;
};

/** R43: a contact's answer as kept — the summary events carry, each question's rating and the suggestions. */
export type StoredSurveyAnswer = SurveyAnswerSummary & Pick<SurveyAnswers, 'ratings' | 'suggestions'>;

/** The contact answered this year's survey already (the first answer stands). */
export class AlreadyAnswered extends Error {}

export function surveyRepository(table: TablePort) {
  return {
    links: linkStore<SurveyLink>(table, 'SURVEY'),

    /** The answer, once per contact and year: refused when there is one. */
    answered: (answer: StoredSurveyAnswer): Write => ({
      item: {
        Put: {
          TableName: table.name,
          Item: {
            ...surveyKeys.answer(answer.year, answer.customerId, answer.respondent),
            entity: 'survey-answer',
            ...answer,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () => new AlreadyAnswered(),
    }),

    async find(year: number, customerId: string, respondent: string) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: surveyKeys.answer(year, customerId, respondent),
          ConsistentRead: true,
        }),
      );
      return Item ? dataOf<StoredSurveyAnswer>(Item) : undefined;
    },

    /** Every answer of a year (one partition), by customer. */
    ofYear: (year: number) =>
      allPages<StoredSurveyAnswer>(table, {
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :answer)',
        ExpressionAttributeValues: { ':pk': `SURVEY#${year}`, ':answer': 'ANSWER#' },
      }),
  };
}
