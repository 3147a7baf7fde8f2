import * as z from 'zod';
import { defineRoute, tableItems } from '../../shared/http/route.ts';
import { approvalErrorPage } from '../../shared/pages/approval.ts';
import { outboxKeys } from '../../shared/persistence/outbox.ts';
import { surveyKeys } from '../../shared/persistence/surveys.ts';
import { SurveysQuery, SurveyYear } from '../../shared/schemas/survey.ts';

const SurveyLinkParams = z.object({ link: z.string().max(200) });
/** Public: the link (naming the customer and the contact) and the contact's answer. */
const linkReads = tableItems('read', surveyKeys.links, surveyKeys.answers);

export const showSurveyLinkRoute = defineRoute({
  operationId: 'showSurveyLink',
  method: 'GET',
  path: '/survey-links/{link}',
  summary:
    "R43: the page a customer's contact answers the yearly satisfaction survey on, from the link e-mailed to them",
  tag: 'Surveys',
  handler: 'functions/surveys/show-link.ts',
  access: 'public',
  params: SurveyLinkParams,
  responses: { 200: { description: 'HTML page: the survey form, or the answer given already' } },
  errors: [404],
  grants: [linkReads],
  page: { error: approvalErrorPage },
});

export const answerSurveyByLinkRoute = defineRoute({
  operationId: 'answerSurveyByLink',
  method: 'POST',
  path: '/survey-links/{link}',
  summary: "R43: the survey answered from the link's page (form-encoded), once per contact and year",
  tag: 'Surveys',
  handler: 'functions/surveys/answer-by-link.ts',
  access: 'public',
  params: SurveyLinkParams,
  body: z.record(z.string(), z.string().max(2000)).meta({
    id: 'LinkSurveyAnswer',
    description:
      "The survey page's form: each question as `<module>.<question>` from 1 to 5, each module's `<module>.suggestions`; a problem brings the form back.",
  }),
  maxBodyBytes: 16 * 1024,
  responses: {
    200: {
      description:
        'HTML page: the answer recorded (or, answered before, the first answer: it stands). A problem answers 400 with the form again, each problem beside its field, nothing recorded',
    },
  },
  errors: [404],
  grants: [linkReads, tableItems('write', surveyKeys.answers, outboxKeys.events)],
  page: { error: approvalErrorPage },
});

export const listSurveysRoute = defineRoute({
  operationId: 'listSurveys',
  method: 'GET',
  path: '/surveys',
  summary: "R43: a year's satisfaction survey — every answer, and each customer's average score",
  tag: 'Surveys',
  handler: 'functions/surveys/list.ts',
  access: { roles: ['leader', 'gm', 'merchandiser', 'sales-admin', 'qa'] },
  query: SurveysQuery,
  responses: { 200: { description: "The year's answers and averages", schema: SurveyYear } },
  grants: ['table:read'],
});

export const surveyRoutes = [showSurveyLinkRoute, answerSurveyByLinkRoute, listSurveysRoute];
