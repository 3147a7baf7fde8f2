import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPeople, loadDemoStaff } from '../../scripts/offline/demo-data.ts';
import { startOfflineStack } from '../../scripts/offline/stack.ts';
import { port } from '../../shared/runtime.ts';
import { newCustomer } from '../fixtures.ts';

const root = join(import.meta.dirname, '../..');

describe('the offline stack across a restart', () => {
  it('keeps data, key, stream position and waiting workflows on disk: nothing lost, nothing sent twice, links still work', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'offline-'));
    const options = { root, dataDir, mailDir: join(dataDir, 'unused') };

    const first = await startOfflineStack(options);
    await loadDemoStaff({ table: port('table'), clock: port('clock'), ids: port('ids') });
    const token = await first.idp.issue({ role: 'merchandiser', email: 'wang.fang@factory.example' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${first.url}/customers`, {
      method: 'POST',
      headers,
      body: JSON.stringify(newCustomer({ code: '301' })),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await first.settle();
    const sent = first.mailbox.list().map((m) => m.template);
    expect(sent.sort()).toEqual(['approval-request', 'customer-created']);
    const link = first.mailbox.list().find((m) => m.template === 'approval-request')?.links[0] ?? '';
    await first.stop();

    const second = await startOfflineStack(options);
    try {
      const read = await fetch(`${second.url}/customers/${id}`, { headers });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { code: string }).code).toBe('301');
      await second.settle();
      expect(second.mailbox.list()).toHaveLength(2);

      // The link was e-mailed before the restart; the new stack (another port) completes the waiting workflow.
      const path = new URL(link).pathname;
      const decided = await fetch(`${second.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'outcome=approve',
      });
      expect(decided.status).toBe(200);
      await second.settle();
      const next = second.mailbox.list()[0];
      expect(next).toMatchObject({ template: 'approval-request', to: [demoPeople.salesManager] });
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Two stacks, each with its own DynamoDB Local (a Java start), one after the other.
  }, 90_000);
});
