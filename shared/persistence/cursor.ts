import { ValidationFailed } from '../domain/errors.ts';

/** Opaque page cursors: the LastEvaluatedKey, checked on the way back in so that a forged one can't widen a query. */
export function encodeCursor(key: Record<string, unknown> | undefined) {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined, expected: Record<string, string>) {
  if (cursor === undefined) return undefined;
  const invalid = new ValidationFailed([{ field: 'cursor', message: 'is not a cursor this list returned' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid;
  const entries = Object.entries(key);
  if (entries.length > 6 || entries.some(([, value]) => typeof value !== 'string')) throw invalid;
  for (const [name, value] of Object.entries(expected)) {
    if ((key as Record<string, unknown>)[name] !== value) throw invalid;
  }
  return key as Record<string, string>;
}
