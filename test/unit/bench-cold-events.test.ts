import { describe, expect, it } from 'vitest';
import { functionEntries } from '../../bench/bundle-size.ts';
import { coldEvents } from '../../bench/cold-events.ts';
import type { ColdTable } from '../../bench/cold-start.ts';
import { rawCreateCommand } from '../../bench/operations.ts';
import { stringMatching } from '../../bench/sample.ts';
import { routes } from '../../functions/routes.ts';
import type { RouteDefinition } from '../../shared/http/route.ts';

/** What coldEvents reads of the benchmark's table: no DynamoDB, no tokens. */
const table = {
  seeded: rawCreateCommand('bench', 1),
  streamArn: 'arn:aws:dynamodb:local:000000000000:table/bench/stream/bench',
  claims: async () => ({ sub: 'bench' }),
} as unknown as ColdTable;

describe('the cold-start benchmark’s events', () => {
  it('samples a string each pattern of the API matches', () => {
    for (const pattern of [
      '^ord_[0-9A-Z]{26}$',
      '^(?!000)\\d{3}$',
      '^[A-Z0-9][A-Z0-9-]{1,39}$',
      '^ST\\d{6}-[A-Za-z0-9-]{1,20}$',
      '^\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])$',
      '^[a-z-]+:[A-Za-z0-9_-]+$',
    ]) {
      expect(stringMatching(pattern)).toMatch(new RegExp(pattern));
    }
  });

  it('has one for every function, and each route’s request passes its schemas (a new route’s refinement needs its case)', async () => {
    const events = await coldEvents(table, functionEntries());
    for (const entry of functionEntries()) expect(events.get(entry.name)?.(), entry.name).toBeTruthy();
    for (const route of routes as readonly RouteDefinition[]) {
      const event = events.get(route.operationId)?.() as { body?: string; rawPath: string };
      expect(event.rawPath, route.operationId).not.toMatch(/\{/);
      if (route.body) expect(route.body.safeParse(JSON.parse(event.body ?? '')).success, route.operationId).toBe(true);
    }
  });
});
