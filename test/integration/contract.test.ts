import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contractSteps, openContract } from '../../scripts/contract.ts';

/**
 * The README tour, the demos and every-route against one demo stack, each command a test of its own (in order: each
 * goes on from what the ones before left), so that a slow machine gives each its own time and a failure names it.
 */
describe('the API answers what its contract says', () => {
  let contract: Awaited<ReturnType<typeof openContract>>;
  let responses = 0;
  beforeAll(async () => {
    contract = await openContract({ dynamoDbEndpoint: inject('dynamoDbEndpoint') });
  });
  afterAll(async () => {
    await contract?.close();
  });

  for (const what of contractSteps()) {
    it(`${what} runs as written and only gets answers docs/openapi.json describes`, {
      // The month-end demo took 366 s beside the whole suite on 2 cores (about a third of that alone).
      timeout: 900_000,
    }, async () => {
      const step = await contract.step(what);
      responses += step.responses;
      expect(step.code, step.output).toBe(0);
      expect(step.violations).toEqual([]);
      expect(step.responses).toBeGreaterThan(0);
    });
  }

  it('checked the answers of all of them', () => {
    // The tour (about 35 answers), the demos and every-route: 500 or so, 401s, 409s and HTML pages among them.
    expect(responses).toBeGreaterThan(150);
  });
});
