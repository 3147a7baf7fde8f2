import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../../shared/domain/errors.ts';
import { decodeCursor, encodeCursor } from '../../shared/persistence/cursor.ts';

const key = { pk: 'CUSTOMER#1', sk: 'CUSTOMER', gsi1pk: 'CUSTOMERS', gsi1sk: '101' };

describe('page cursors', () => {
  it('round-trip a last evaluated key', () => {
    expect(decodeCursor(encodeCursor(key), { gsi1pk: 'CUSTOMERS' })).toEqual(key);
    expect(encodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor(undefined, { gsi1pk: 'CUSTOMERS' })).toBeUndefined();
  });

  it.each([
    ['another list', encodeCursor({ ...key, gsi1pk: 'ORDERS' })],
    ['not base64 JSON', 'not-a-cursor'],
    ['an array', encodeCursor(['x'] as never)],
    ['non-string values', encodeCursor({ ...key, pk: { S: 'x' } })],
  ])('refuse %s with a 400 on the cursor field', (_, cursor) => {
    expect(() => decodeCursor(cursor, { gsi1pk: 'CUSTOMERS' })).toThrow(ValidationFailed);
    try {
      decodeCursor(cursor, { gsi1pk: 'CUSTOMERS' });
    } catch (error) {
      expect((error as ValidationFailed).errors).toEqual([
        { field: 'cursor', message: 'is not a cursor this list returned' },
      ]);
    }
  });
});
