import { linkHash, newLinkSecret } from '../domain/approval.ts';
import { domainEvent } from '../domain/events.ts';
import { type SurveyAnswers, weightedScore } from '../domain/survey.ts';
import { AlreadyAnswered, type StoredSurveyAnswer, type SurveyLink, surveyRepository } from '../persistence/surveys.ts';
import { writeAtomically } from '../persistence/write.ts';
import { port } from '../runtime.ts';

/** R43: the path of the link a contact answers the year's survey from. */
export const surveyLinkPath = (secret: string) => `/survey-links/${secret}`;

/** How long a survey link stays good: the survey runs for two months. */
const surveyLinkDays = 60;

/** A contact's own survey link (only its hash is stored). */
export async function surveyLink(target: SurveyLink, now: Date) {
  const secret = newLinkSecret();
  await surveyRepository(port('table')).links.created(
    linkHash(secret),
    target,
    Math.floor(now.getTime() / 1000) + surveyLinkDays * 86400,
  );
  return `${process.env.APP_URL ?? ''}${surveyLinkPath(secret)}`;
}

/**
 * R43: a contact's answer, stored once per contact and year with `SatisfactionSurveyAnswered` (its weighted score) in
 * the same write. A second answer is refused: the first stands, and is what comes back (`already`).
 */
export async function answerSurvey(
  survey: SurveyLink,
  answers: SurveyAnswers,
): Promise<{ answer: StoredSurveyAnswer; already: boolean }> {
  const table = port('table');
  const surveys = surveyRepository(table);
  const now = port('clock').now();
  const answer: StoredSurveyAnswer = {
    surveyId: survey.surveyId,
    year: survey.year,
    customerId: survey.customerId,
    customerCode: survey.customerCode,
    respondent: survey.respondent,
    modules: answers.modules,
    score: weightedScore(answers.modules),
    answeredAt: now.toISOString(),
    ratings: answers.ratings,
    suggestions: answers.suggestions,
  };
  const { ratings: _, suggestions: __, ...summary } = answer;
  const event = domainEvent(
    'SatisfactionSurveyAnswered',
    { kind: 'customer', id: survey.customerId },
    { answer: summary },
    { now: answer.answeredAt, actor: `${survey.respondent} (survey link)`, newId: port('ids').next },
  );
  try {
    await writeAtomically(table, { now, events: [event], writes: [surveys.answered(answer)] });
    return { answer, already: false };
  } catch (error) {
    if (!(error instanceof AlreadyAnswered)) throw error;
    const first = await surveys.find(survey.year, survey.customerId, survey.respondent);
    if (!first) throw error;
    return { answer: first, already: true };
  }
}
