import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { runAs } from '../../scripts/offline/access.ts';
import { loadDemoData } from '../../scripts/offline/demo-data.ts';
import { port } from '../../shared/runtime.ts';
import { testStack } from './stack.ts';

const archiveDir = mkdtempSync(join(tmpdir(), 'archive-test-'));
afterAll(() => rmSync(archiveDir, { recursive: true, force: true }));

/** Every item of the table, by its key. */
async function everyItem() {
  const table = port('table');
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(new ScanCommand({ TableName: table.name, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

const keyOf = (item: Record<string, unknown>) => `${item.pk}|${item.sk}`;

describe('the monthly archive of the table (R42)', async () => {
  const stack = await testStack({ archiveDir });
  await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  await stack.settle();
  const runSchedule = async (at: string) => {
    const run = await fetch(`${stack.url}/_local/schedules/table-archive?at=${encodeURIComponent(at)}`, {
      method: 'POST',
    });
    expect(run.ok).toBe(true);
  };
  // The 2nd of December 2026, 03:00 in Shanghai: the archive of November.
  const monthDir = join(archiveDir, 'exports', '2026-11', 'AWSDynamoDB');

  it("exports every item of the table once, in the layout of DynamoDB's export to S3", async () => {
    const stored = await everyItem();
    await runSchedule('2026-12-01T19:00:00.000Z');
    const [exportId, ...more] = readdirSync(monthDir);
    expect(more).toEqual([]);
    const root = join(monthDir, exportId as string);
    expect(readdirSync(root).sort()).toEqual(['_started', 'data', 'manifest-files.json', 'manifest-summary.json']);
    const summary = JSON.parse(readFileSync(join(root, 'manifest-summary.json'), 'utf8'));
    expect(summary).toMatchObject({
      exportTime: '2026-12-01T19:00:00.000Z',
      s3Prefix: 'exports/2026-11',
      outputFormat: 'DYNAMODB_JSON',
      exportType: 'FULL_EXPORT',
      itemCount: stored.length,
    });
    const files = readFileSync(join(archiveDir, summary.manifestFilesS3Key), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { dataFileS3Key: string; itemCount: number });
    const exported = files.flatMap((file) => {
      const lines = gunzipSync(readFileSync(join(archiveDir, file.dataFileS3Key)))
        .toString('utf8')
        .trim();
      const items = lines ? lines.split('\n').map((line) => unmarshall(JSON.parse(line).Item)) : [];
      expect(items).toHaveLength(file.itemCount);
      return items;
    });
    expect(exported.map(keyOf).sort()).toEqual(stored.map(keyOf).sort());
    expect(new Set(exported.map(keyOf)).size).toBe(exported.length);
    const customer = stored.find((item) => item.entity === 'customer');
    expect(exported.find((item) => keyOf(item) === keyOf(customer as never))).toEqual(customer);
  });

  it("starts no second export when the month's run is repeated", async () => {
    const before = readdirSync(monthDir);
    await runSchedule('2026-12-01T19:00:00.000Z');
    expect(readdirSync(monthDir)).toEqual(before);
  });

  it('is refused to a function without the table:export grant, as IAM refuses it', async () => {
    const request = { at: new Date(), prefix: 'exports/test', token: 'test' };
    await expect(
      runAs({ name: 'nobody', grants: ['table:read'] }, () => port('archive').exportTable(request)),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('dynamodb:ExportTableToPointInTime'),
    });
  });
});
