import { approvalLinkParts, linkHash } from '../../shared/domain/approval.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { approvalRepository } from '../../shared/persistence/approvals.ts';
import { port } from '../../shared/runtime.ts';

/** The approval an e-mailed link stands for; a malformed, unknown or altered link is simply not found. */
export async function approvalOfLink(link: string) {
  const parts = approvalLinkParts(link);
  if (!parts) throw new NotFound('There is no such approval link.');
  return await approvalRepository(port('table')).getByLink(linkHash(parts.secret), parts.approvalId);
}
