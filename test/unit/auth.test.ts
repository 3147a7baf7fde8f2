import { describe, expect, it } from 'vitest';
import { hasAnyRole, principalFromClaims } from '../../shared/http/auth.ts';

describe('the principal from JWT claims', () => {
  it('reads groups as the HTTP API authorizer passes them, "[a b]"', () => {
    const principal = principalFromClaims({
      sub: 'u1',
      email: 'a@example.com',
      'cognito:groups': '[merchandiser leader]',
    });
    expect(principal).toEqual({ subject: 'u1', email: 'a@example.com', roles: ['merchandiser', 'leader'] });
  });

  it('accepts a plain array, ignores unknown groups and keeps the customer id', () => {
    const principal = principalFromClaims({
      sub: 'u2',
      'cognito:groups': ['customer', 'admins'],
      'custom:customerId': 'cus_1',
    });
    expect(principal).toEqual({ subject: 'u2', email: 'u2', roles: ['customer'], customerId: 'cus_1' });
  });

  it('has no principal without a subject', () => {
    expect(principalFromClaims({ email: 'a@example.com' })).toBeUndefined();
    expect(principalFromClaims(undefined)).toBeUndefined();
  });

  it('grants a route when any role matches', () => {
    const principal = { subject: 's', email: 'e', roles: ['planner' as const] };
    expect(hasAnyRole(principal, ['planner', 'pmc'])).toBe(true);
    expect(hasAnyRole(principal, ['pmc'])).toBe(false);
  });
});
