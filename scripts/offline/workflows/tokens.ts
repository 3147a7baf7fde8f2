import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const tokenShape = /^[\w-]{43}\.[\w-]{43}$/;

export const newSecret = () => randomBytes(32).toString('base64url');

/** The key a task is stored under: the token itself is never stored or logged. */
export const tokenKey = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Task tokens: 32 random bytes and their HMAC under the store's secret, so a token this stack never issued (garbled,
 * forged, or from another store) is told apart from a genuine one whose task is closed.
 */
export function taskTokens(secret: string) {
  const sign = (nonce: string) => createHmac('sha256', secret).update(nonce).digest('base64url');
  return {
    mint() {
      const nonce = randomBytes(32).toString('base64url');
      return `${nonce}.${sign(nonce)}`;
    },
    isGenuine(token: string) {
      if (!tokenShape.test(token)) return false;
      const [nonce = '', signature = ''] = token.split('.');
      return timingSafeEqual(Buffer.from(signature), Buffer.from(sign(nonce)));
    },
  };
}
