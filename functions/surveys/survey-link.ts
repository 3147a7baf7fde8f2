import { linkHash } from '../../shared/domain/approval.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { linkSecretPattern } from '../../shared/domain/named-links.ts';
import { surveyRepository } from '../../shared/persistence/surveys.ts';
import { port } from '../../shared/runtime.ts';

/** The survey a link stands for, with its answer if given; a malformed, unknown or expired link is simply not found. */
export async function surveyOfLink(link: string) {
  if (!linkSecretPattern.test(link)) throw new NotFound('There is no such survey link.');
  const surveys = surveyRepository(port('table'));
  const survey = await surveys.links.target(linkHash(link), port('clock').now());
  return { survey, answer: await surveys.find(survey.year, survey.customerId, survey.respondent) };
}
