/** A link's secret: 32 random bytes, base64url (shared/domain/approval.ts newLinkSecret). */
export const linkSecretPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * An e-mailed link that names what it stands for beside its secret (`<name>.….<secret>`), so that the link's item and
 * its subject are read together, in one round trip (approvals A12, statements A87, returns A66, receipts A76). The names are no secret:
 * the secret is, and the link's item, found by the secret's hash, must name the same subject.
 */
export const namedLink = (names: readonly (string | number)[], secret: string) => [...names, secret].join('.');

/**
 * The names and the secret of such a link, each name as its pattern says; a link of the secret alone (e-mailed
 * before links named their subject) has none and still leads to it through its item. Undefined when it is neither.
 */
export function namedLinkParts(
  link: string,
  patterns: readonly RegExp[],
): { names?: string[]; secret: string } | undefined {
  const names = link.split('.');
  const secret = names.pop() ?? '';
  if (!linkSecretPattern.test(secret)) return undefined;
  if (!names.length) return { secret };
  const named = names.length === patterns.length && names.every((name, i) => patterns[i]?.test(name));
  return named ? { names, secret } : undefined;
}

/** A name of a link: an entity's id of that prefix, or a delivery's number. */
export const idName = (prefix: string) => new RegExp(`^${prefix}_[A-Za-z0-9_-]{1,64}$`);
export const numberName = /^[1-9][0-9]{0,3}$/;
