import { describe, expect, inject, it } from 'vitest';
import { runContract } from '../../scripts/contract.ts';

describe('the API answers what its contract says', () => {
  it('gives the README tour, the demos and every-route (every route) only answers docs/openapi.json describes', {
    timeout: 900_000,
  }, async () => {
    const { responses, violations, failures } = await runContract({ dynamoDbEndpoint: inject('dynamoDbEndpoint') });
    expect(failures).toEqual([]);
    expect(violations).toEqual([]);
    // The tour (about 35 answers), the demos and every-route: 500 or so, 401s, 409s and HTML pages among them.
    expect(responses).toBeGreaterThan(150);
  });
});
