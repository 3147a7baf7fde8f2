import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { workers } from '../../functions/workers.ts';
import { type OfflineStackOptions, startOfflineStack } from '../../scripts/offline/stack.ts';
import { newCustomer } from '../fixtures.ts';

const root = join(import.meta.dirname, '../..');
const merchandiser = 'wang.fang@factory.example';

describe('npm run redrive -- --offline', () => {
  it('runs a failed execution again from the state it failed in, once the cause is mended', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redrive-'));
    const options: OfflineStackOptions = {
      root,
      dataDir,
      dynamoDbEndpoint: inject('dynamoDbEndpoint'),
      tableName: `test-${crypto.randomUUID()}`,
      mailDir: join(dataDir, 'unused'),
    };
    try {
      // Deployed without the escalation address its onboarding step needs: the review fails as it starts.
      const broken = await startOfflineStack({
        ...options,
        workers: workers.map((w) => (w.name === 'customer-onboarding' ? { ...w, settings: [] } : w)),
      });
      const token = await broken.idp.issue({ role: 'merchandiser', email: merchandiser });
      const created = await fetch(`${broken.url}/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(newCustomer({ code: '801', merchandiserEmail: merchandiser })),
      });
      const { id } = (await created.json()) as { id: string };
      await broken.settle();
      const executionArn = `arn:aws:states:local:000000000000:execution:customer-onboarding:customer-onboarding-${id}`;
      expect(broken.workflows.execution(executionArn)).toMatchObject({ status: 'FAILED' });
      await broken.stop();

      // Mended and started again; the operator redrives what failed.
      const mended = await startOfflineStack(options);
      try {
        const { stdout } = await promisify(execFile)(process.execPath, ['scripts/redrive.ts', '--offline'], {
          cwd: root,
          env: { ...process.env, PORT: new URL(mended.url).port },
        });
        expect(stdout).toContain('1 failed execution(s) in the offline stack');
        expect(stdout).toContain(`redriven ${executionArn}`);
        await mended.settle();
        const execution = mended.workflows.execution(executionArn);
        expect(execution).toMatchObject({
          status: 'RUNNING',
          currentStates: ['MerchandiserReview'],
          redriveCount: 1,
        });
        expect(execution?.history.filter((t) => t.event === 'Redriven')).toEqual([
          expect.objectContaining({ state: 'LoadCustomer' }),
        ]);
        expect(mended.mailbox.list().map((m) => m.template)).toContain('approval-request');
      } finally {
        await mended.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
