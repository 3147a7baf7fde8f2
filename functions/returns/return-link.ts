import { linkHash, linkSecretPattern } from '../../shared/domain/approval.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { returnRepository } from '../../shared/persistence/returns.ts';
import { port } from '../../shared/runtime.ts';

/** R33: the path of the link e-mailed with an approved return, its shipment announced from. */
export const returnLinkPath = (secret: string) => `/return-links/${secret}`;

/** The return an announcement link stands for; a malformed, unknown, altered or expired link is simply not found. */
export async function returnOfLink(link: string) {
  if (!linkSecretPattern.test(link)) throw new NotFound('There is no such return link.');
  const returns = returnRepository(port('table'));
  const id = await returns.announceLink(linkHash(link), port('clock').now());
  return await returns.get(id);
}
