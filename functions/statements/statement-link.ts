import { linkHash, linkSecretPattern } from '../../shared/domain/approval.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { statementRepository } from '../../shared/persistence/statements.ts';
import { port } from '../../shared/runtime.ts';

/** The statement a sign-back link stands for; a malformed, unknown, altered or expired link is simply not found. */
export async function statementOfLink(link: string) {
  if (!linkSecretPattern.test(link)) throw new NotFound('There is no such statement link.');
  const statements = statementRepository(port('table'));
  const { statementId } = await statements.links.target(linkHash(link), port('clock').now());
  return await statements.get(statementId);
}
