import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startOfflineStack } from '../../scripts/offline/stack.ts';
import { newCustomer } from '../fixtures.ts';

const root = join(import.meta.dirname, '../..');

describe('the offline stack across a restart', () => {
  it('keeps data, signing key and stream position on disk: nothing lost, no e-mail sent twice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'offline-'));
    const options = { root, dataDir, mailDir: join(dataDir, 'unused') };

    const first = await startOfflineStack(options);
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
    expect(first.mailbox.list()).toHaveLength(1);
    await first.stop();

    const second = await startOfflineStack(options);
    try {
      const read = await fetch(`${second.url}/customers/${id}`, { headers });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { code: string }).code).toBe('301');
      await second.settle();
      expect(second.mailbox.list()).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
