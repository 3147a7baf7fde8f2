import { linkHash } from '../../shared/domain/approval.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { idName, namedLink, namedLinkParts } from '../../shared/domain/named-links.ts';
import { returnRepository } from '../../shared/persistence/returns.ts';
import { port } from '../../shared/runtime.ts';

/** R33: the path of the link e-mailed with an approved return, its shipment announced from. */
export const returnLinkPath = (link: string) => `/return-links/${link}`;

/** What the e-mailed link carries: the return's id beside the secret, so that both are read in one request (A76). */
export const returnLink = (returnId: string, secret: string) => namedLink([returnId], secret);

/** The return an announcement link stands for; a malformed, unknown, altered or expired link is simply not found. */
export async function returnOfLink(link: string) {
  const parts = namedLinkParts(link, [idName('ret')]);
  if (!parts) throw new NotFound('There is no such return link.');
  const [returnId] = parts.names ?? [];
  return await returnRepository(port('table')).ofAnnounceLink(linkHash(parts.secret), port('clock').now(), returnId);
}
