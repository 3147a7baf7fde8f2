import { randomBytes } from 'node:crypto';
import type { IdsPort } from '../ports/index.ts';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ULIDs: 48 bits of milliseconds then 80 random bits, Crockford base32 — sortable by creation time. */
export function ulid(now = Date.now()): string {
  let time = '';
  for (let rest = now, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) time = alphabet[rest % 32] + time;
  const random = randomBytes(16);
  let tail = '';
  for (let i = 0; i < 16; i++) tail += alphabet[(random[i] ?? 0) % 32];
  return time + tail;
}

export const ulidIds: IdsPort = { next: () => ulid() };
