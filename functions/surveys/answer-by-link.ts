import { answerSurvey, surveyLinkPath } from '../../shared/application/surveys.ts';
import { surveyAnswers } from '../../shared/domain/survey.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { postedValues } from '../../shared/pages/layout.ts';
import { surveyAnsweredPage, surveyPage } from '../../shared/pages/survey.ts';
import { answerSurveyByLinkRoute } from './routes.ts';
import { surveyOfLink } from './survey-link.ts';

/**
 * R43: the contact's answer from the link's page, stored once with its weighted score and `SatisfactionSurveyAnswered`;
 * a problem brings the form back as sent, each problem beside its field; a second answer is refused and the first
 * shown (docs/decisions/satisfaction-survey.md).
 */
export const handler = httpHandler(answerSurveyByLinkRoute, async ({ params, body }) => {
  const { survey, answer } = await surveyOfLink(params.link);
  if (answer) return { status: 200, body: surveyAnsweredPage(answer, { ...survey, justNow: false }) };
  const posted = postedValues(body);
  const checked = surveyAnswers(posted, survey.language);
  if ('issues' in checked) {
    return {
      status: 400,
      body: surveyPage(survey, surveyLinkPath(params.link), { values: posted, errors: checked.issues }),
    };
  }
  const recorded = await answerSurvey(survey, checked.answers);
  return { status: 200, body: surveyAnsweredPage(recorded.answer, { ...survey, justNow: !recorded.already }) };
});
