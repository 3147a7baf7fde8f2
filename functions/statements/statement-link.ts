import { linkHash } from '../../shared/domain/approval.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { statementLinkParts } from '../../shared/domain/statement.ts';
import { statementRepository } from '../../shared/persistence/statements.ts';
import { port } from '../../shared/runtime.ts';

/**
 * The statement a sign-back link stands for, and the hash of the link's secret; a malformed, unknown, altered or
 * expired link is simply not found.
 */
export async function statementOfLink(link: string) {
  const parts = statementLinkParts(link);
  if (!parts) throw new NotFound('There is no such statement link.');
  const hash = linkHash(parts.secret);
  const statement = await statementRepository(port('table')).ofLink(hash, port('clock').now(), parts.id);
  return { statement, hash };
}
