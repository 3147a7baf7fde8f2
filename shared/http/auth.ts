import { type Principal, type Role, roles } from '../domain/roles.ts';

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * The HTTP API's JWT authorizer passes list claims as one string, "[merchandiser leader]";
 * a plain array is accepted too.
 */
function listClaim(value: Claims[string]): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

export function principalFromClaims(claims: Claims | undefined): Principal | undefined {
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const groups = listClaim(claims['cognito:groups']).filter((group): group is Role =>
    (roles as readonly string[]).includes(group),
  );
  const customerId = claims['custom:customerId'];
  return {
    subject: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : claims.sub,
    roles: groups,
    ...(typeof customerId === 'string' && customerId ? { customerId } : {}),
  };
}

export function hasAnyRole(principal: Principal, allowed: readonly Role[]) {
  return principal.roles.some((role) => allowed.includes(role));
}
