import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { PreconditionRequired, ValidationFailed } from '../../shared/domain/errors.ts';
import { expectedVersion, issuesOf } from '../../shared/http/handler.ts';

describe('validation errors', () => {
  it('name each field by its path, and each unknown field', () => {
    const schema = z.object({ a: z.object({ b: z.int() }), list: z.array(z.string()) }).strict();
    const result = schema.safeParse({ a: { b: 'x' }, list: ['ok', 3], extra: true });
    expect(issuesOf(result.error as z.ZodError, '').map((i) => i.field)).toEqual(['a.b', 'list.1', 'extra']);
    expect(issuesOf(result.error as z.ZodError, 'query')[0]?.field).toBe('query.a.b');
  });
});

describe('the version a client read', () => {
  it('comes from If-Match in its usual forms, or from the body', () => {
    expect(expectedVersion({ 'if-match': '"3"' }, undefined)).toBe(3);
    expect(expectedVersion({ 'if-match': 'W/"4"' }, 9)).toBe(4);
    expect(expectedVersion({ 'if-match': '5' }, undefined)).toBe(5);
    expect(expectedVersion({}, 7)).toBe(7);
    expect(() => expectedVersion({}, undefined)).toThrow(PreconditionRequired);
    expect(() => expectedVersion({ 'if-match': '*' }, undefined)).toThrow(ValidationFailed);
  });
});
