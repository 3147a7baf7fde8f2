import { surveyLinkPath } from '../../shared/application/surveys.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { surveyAnsweredPage, surveyPage } from '../../shared/pages/survey.ts';
import { showSurveyLinkRoute } from './routes.ts';
import { surveyOfLink } from './survey-link.ts';

/** R43: the survey's form; once answered, the answer. */
export const handler = httpHandler(showSurveyLinkRoute, async ({ params }) => {
  const { survey, answer } = await surveyOfLink(params.link);
  if (answer) return { status: 200, body: surveyAnsweredPage(answer, { ...survey, justNow: false }) };
  return { status: 200, body: surveyPage(survey, surveyLinkPath(params.link)) };
});
