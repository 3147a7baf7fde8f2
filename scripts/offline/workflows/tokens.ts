import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const tokenShape = /^[\w-]{43}\.[\w-]{43}$/;

export const newSecret = () => randomBytes(32).toString('base64url');

/** The key a task is stored under: the token itself is never stored or logged. */
export const tokenKey = (token: string) => createHash('sha256').update(token).digest('hex');

/** A task's id: random, stored with the task; its token follows from it and the store's secret. */
export const newTaskId = () => randomBytes(16).toString('base64url');

/**
 * Task tokens: a nonce and its HMAC under the store's secret, so a token this stack never issued (garbled, forged,
 * or from another store) is told apart from a genuine one whose task is closed. The nonce is the HMAC of the task's
 * id, so the engine can hand the same token to a function it invokes again after a restart without storing it.
 */
export function taskTokens(secret: string) {
  const sign = (nonce: string) => createHmac('sha256', secret).update(nonce).digest('base64url');
  return {
    forTask(taskId: string) {
      const nonce = createHmac('sha256', secret).update(`task:${taskId}`).digest('base64url');
      return `${nonce}.${sign(nonce)}`;
    },
    isGenuine(token: string) {
      if (!tokenShape.test(token)) return false;
      const [nonce = '', signature = ''] = token.split('.');
      return timingSafeEqual(Buffer.from(signature), Buffer.from(sign(nonce)));
    },
  };
}
