import { describe, expect, it } from 'vitest';
import { localIdentityProvider } from '../../scripts/offline/tokens.ts';

describe('local tokens, checked as the JWT authorizer checks them', async () => {
  const idp = await localIdentityProvider();

  it('carry the role groups, e-mail and customer id of a Cognito ID token', async () => {
    const token = await idp.issue({ role: ['merchandiser', 'leader'], email: 'a@example.com', customerId: 'cus_1' });
    const verified = await idp.verify(token);
    expect(verified).toMatchObject({
      claims: { email: 'a@example.com', 'cognito:groups': ['merchandiser', 'leader'], 'custom:customerId': 'cus_1' },
    });
    expect(await idp.verify(token)).toEqual(verified);
  });

  it('are refused when altered, expired, or signed by another key — even after a valid one was seen', async () => {
    const token = await idp.issue({ role: 'planner', email: 'p@example.com' });
    await idp.verify(token);
    const [header, payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), 'cognito:groups': ['gm'] }),
    ).toString('base64url');
    expect(await idp.verify(`${header}.${forgedPayload}.${signature}`)).toHaveProperty('reason');
    const expired = await idp.issue({ role: 'planner', email: 'p@example.com', expiresIn: '-1s' });
    expect(await idp.verify(expired)).toHaveProperty('reason');
    const other = await localIdentityProvider();
    expect(await idp.verify(await other.issue({ role: 'gm', email: 'g@example.com' }))).toHaveProperty('reason');
  });
});
