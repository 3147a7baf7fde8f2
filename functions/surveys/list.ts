import { surveyAverages } from '../../shared/domain/survey.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { surveyRepository } from '../../shared/persistence/surveys.ts';
import { port } from '../../shared/runtime.ts';
import { listSurveysRoute } from './routes.ts';

/** R43: a year's answers, without each question's rating, and each customer's average. */
export const handler = httpHandler(listSurveysRoute, async ({ query }) => {
  const answers = (await surveyRepository(port('table')).ofYear(query.year)).map(({ ratings: _, ...answer }) => answer);
  return { status: 200, body: { year: query.year, customers: surveyAverages(answers), answers } };
});
