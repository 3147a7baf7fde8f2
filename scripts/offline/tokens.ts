import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { type Role, roles } from '../../shared/domain/roles.ts';

/** What the local identity provider puts in tokens: the shape of a Cognito ID token. */
export const localIssuer = 'https://local.order-follow-up/idp';
export const localAudience = 'order-follow-up-local';

export type TokenRequest = { role: Role | Role[]; email: string; customerId?: string; expiresIn?: string };

export type LocalIdentityProvider = {
  issue(request: TokenRequest): Promise<string>;
  /** Checks a bearer token exactly as the HTTP API's JWT authorizer does; returns its claims or why not. */
  verify(token: string): Promise<{ claims: Record<string, unknown> } | { reason: string }>;
};

const kid = 'local-1';

function stillValid({ exp, nbf }: Record<string, unknown>) {
  const now = Date.now() / 1000;
  return typeof exp === 'number' && now < exp && (typeof nbf !== 'number' || nbf <= now);
}

/** The signing key lives under .local/ so that tokens printed by `npm run token` stay valid across restarts. */
async function loadOrCreateKey(keyFile?: string): Promise<JWK> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8'));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(jwk), { mode: 0o600 });
  }
  return jwk;
}

export async function localIdentityProvider(keyFile?: string): Promise<LocalIdentityProvider> {
  const jwk = await loadOrCreateKey(keyFile);
  const privateKey = await importJWK(jwk, 'RS256');
  const { d, p, q, dp, dq, qi, ...publicJwk } = jwk;
  const publicKey = await importJWK(publicJwk, 'RS256');
  // A verified token's signature stays verified: only its time window is checked again (a signature check is
  // the gateway's most expensive step).
  const verified = new Map<string, Record<string, unknown>>();
  const remember = (token: string, claims: Record<string, unknown>) => {
    if (verified.size >= 1000) verified.delete(verified.keys().next().value as string);
    verified.set(token, claims);
  };
  return {
    async issue({ role, email, customerId, expiresIn = '12h' }) {
      const groups = Array.isArray(role) ? role : [role];
      for (const group of groups) if (!roles.includes(group)) throw new Error(`unknown role ${group}`);
      return await new SignJWT({
        email,
        'cognito:groups': groups,
        token_use: 'id',
        ...(customerId ? { 'custom:customerId': customerId } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(localIssuer)
        .setAudience(localAudience)
        .setSubject(email)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey);
    },
    async verify(token) {
      const known = verified.get(token);
      if (known && stillValid(known)) return { claims: known };
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: localIssuer,
          audience: localAudience,
          algorithms: ['RS256'],
        });
        remember(token, payload as Record<string, unknown>);
        return { claims: payload as Record<string, unknown> };
      } catch (error) {
        return { reason: (error as Error).message };
      }
    },
  };
}
