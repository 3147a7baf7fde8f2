import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * A one-time code for decisions that matter (docs/decisions/approval-codes.md): a link is a bearer credential, so a
 * forwarded e-mail alone could decide. Deciding such an approval from its link also needs a code e-mailed to the
 * assignee at that moment — short-lived, a few tries, a few codes per approval. Only the code's salted hash is kept.
 */
export const codeRules = {
  digits: 6,
  validSeconds: 10 * 60,
  tries: 5,
  /** A new code at most once a minute, and at most five per approval: the mailbox is not to be flooded. */
  resendAfterSeconds: 60,
  perApproval: 5,
} as const;

/** The code as kept: its hash with its own salt, until when it works, the tries left, how many were sent and when. */
export type StoredCode = {
  hash: string;
  salt: string;
  validUntil: string;
  triesLeft: number;
  sent: number;
  sentAt: string;
};

/** Where the code stands after a POST that did not decide: what the page tells the person holding the link. */
export type CodeAsked = { sentTo: string; outcome: 'approve' | 'reject' } & (
  | { state: 'sent'; validUntil: string }
  | { state: 'enter' | 'format' | 'void' | 'too-many' }
  | { state: 'wrong'; triesLeft: number }
  | { state: 'too-soon'; nextAt: string }
);

export const codePattern = /^\d{6}$/;

const hashOf = (code: string, salt: string) => createHash('sha256').update(`${salt}:${code}`).digest('base64url');

/** Six digits from the CSPRNG (randomInt draws without modulo bias). */
export const newCode = () => String(randomInt(0, 10 ** codeRules.digits)).padStart(codeRules.digits, '0');

export type CodeRefusal = { refused: 'too-soon'; nextAt: string } | { refused: 'too-many' };

/** A new code for an approval (replacing the last), unless the last was sent less than a minute ago or five were sent. */
export function issueCode(
  previous: StoredCode | undefined,
  now: Date,
): { code: string; stored: StoredCode } | CodeRefusal {
  if (previous) {
    if (previous.sent >= codeRules.perApproval) return { refused: 'too-many' };
    const nextAt = Date.parse(previous.sentAt) + codeRules.resendAfterSeconds * 1000;
    if (now.getTime() < nextAt) return { refused: 'too-soon', nextAt: new Date(nextAt).toISOString() };
  }
  const code = newCode();
  const salt = randomBytes(16).toString('base64url');
  return {
    code,
    stored: {
      hash: hashOf(code, salt),
      salt,
      validUntil: new Date(now.getTime() + codeRules.validSeconds * 1000).toISOString(),
      triesLeft: codeRules.tries,
      sent: (previous?.sent ?? 0) + 1,
      sentAt: now.toISOString(),
    },
  };
}

/** usable; expired (ten minutes passed); used-up (no tries left). A void code decides nothing, right or wrong. */
export function codeState(stored: StoredCode, now: Date): 'usable' | 'expired' | 'used-up' {
  if (stored.triesLeft <= 0) return 'used-up';
  if (now.getTime() >= Date.parse(stored.validUntil)) return 'expired';
  return 'usable';
}

/** Compared in constant time, as hashes of equal length: how long it takes says nothing about how close a guess was. */
export function codeMatches(given: string, stored: Pick<StoredCode, 'hash' | 'salt'>) {
  const guess = Buffer.from(hashOf(given.trim(), stored.salt));
  const kept = Buffer.from(stored.hash);
  return guess.length === kept.length && timingSafeEqual(guess, kept);
}

/** `j***@example.com`: enough for the holder of a link to know where the code went, not to learn the address. */
export function maskedEmail(email: string) {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
