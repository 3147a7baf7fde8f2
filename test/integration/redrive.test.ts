import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { workers } from '../../functions/workers.ts';
import { demoPeople, loadDemoStaff } from '../../scripts/offline/demo-data.ts';
import { type OfflineStackOptions, startOfflineStack } from '../../scripts/offline/stack.ts';
import { port } from '../../shared/runtime.ts';
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
      // Deployed without the table access its onboarding step and the failure handler need: the step fails as it
      // starts, and so does the catch that would have asked operations: the execution fails.
      const broken = await startOfflineStack({
        ...options,
        workers: workers.map((w) =>
          w.name === 'customer-onboarding' || w.name === 'step-failed' ? { ...w, grants: [] } : w,
        ),
      });
      await loadDemoStaff({ table: port('table'), clock: port('clock'), ids: port('ids') });
      const token = await broken.idp.issue({ role: 'merchandiser', email: merchandiser });
      const created = await fetch(`${broken.url}/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(newCustomer({ code: '801' })),
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
        // It goes on from the failed catch, which now asks operations; their approval runs the step again.
        const redriven = mended.workflows.execution(executionArn);
        expect(redriven).toMatchObject({ status: 'RUNNING', currentStates: ['LoadCustomerFailed'], redriveCount: 1 });
        expect(redriven?.history.filter((t) => t.event === 'Redriven')).toEqual([
          expect.objectContaining({ state: 'LoadCustomerFailed' }),
        ]);
        const ask = mended.mailbox.list().find((m) => m.to.includes(demoPeople.operations));
        const link = ask?.links.find((l) => l.includes('/approval-links/')) ?? '';
        const decided = await fetch(link, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'outcome=approve&comment=Access+restored',
        });
        expect(decided.status).toBe(200);
        await mended.settle();
        expect(mended.workflows.execution(executionArn)).toMatchObject({
          status: 'RUNNING',
          currentStates: ['MerchandiserReview'],
        });
        expect(
          mended.mailbox.list().some((m) => m.template === 'approval-request' && m.to.includes(merchandiser)),
        ).toBe(true);
      } finally {
        await mended.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
