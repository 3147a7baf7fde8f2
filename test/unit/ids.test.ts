import { describe, expect, it } from 'vitest';
import { ulid } from '../../shared/adapters/ids.ts';

describe('ids', () => {
  it('are 26 Crockford base32 characters, sortable by time', () => {
    const a = ulid(Date.UTC(2026, 0, 1));
    const b = ulid(Date.UTC(2026, 0, 2));
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(a < b).toBe(true);
    expect(ulid(0).slice(0, 10)).toBe('0000000000');
  });
});
