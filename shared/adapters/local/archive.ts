import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { ArchivePort, TableExport, TablePort } from '../../ports/index.ts';
import { replaceFile } from './files.ts';

/** The parallel scan's segments: one data file each, as DynamoDB's export writes several. */
const segments = 4;

/**
 * R42 offline: DynamoDB Local cannot export, so the nearest real thing — the layout DynamoDB's export writes to S3,
 * under `directory` instead of the bucket: `<prefix>/AWSDynamoDB/<export id>/` with `_started`, `data/*.json.gz`
 * (one `{"Item": …}` line of DynamoDB JSON per item, from a parallel scan), `manifest-files.json` and
 * `manifest-summary.json` written last. The same token finds the export written before and writes nothing.
 */
export function localArchive(directory: string, table: TablePort, tableArn: string): ArchivePort {
  return {
    async exportTable({ at, prefix, token }): Promise<TableExport> {
      const tokenHash = createHash('sha256').update(token).digest('hex').slice(0, 8);
      const exports = join(directory, prefix, 'AWSDynamoDB');
      const earlier = existsSync(exports) ? readdirSync(exports).find((id) => id.endsWith(`-${tokenHash}`)) : undefined;
      const exportId = earlier ?? `${at.getTime()}-${tokenHash}`;
      const exportArn = `${tableArn}/export/${exportId}`;
      const root = join(exports, exportId);
      if (earlier && existsSync(join(root, 'manifest-summary.json'))) {
        const summary = JSON.parse(readFileSync(join(root, 'manifest-summary.json'), 'utf8'));
        return { exportArn: summary.exportArn, status: 'COMPLETED', prefix };
      }
      const startTime = new Date().toISOString();
      replaceFile(join(root, '_started'), '');
      const files = await Promise.all(
        Array.from({ length: segments }, async (_, segment) => {
          const lines: string[] = [];
          let ExclusiveStartKey: Record<string, unknown> | undefined;
          do {
            const page = await table.client.send(
              new ScanCommand({ TableName: table.name, Segment: segment, TotalSegments: segments, ExclusiveStartKey }),
            );
            for (const item of page.Items ?? []) {
              lines.push(JSON.stringify({ Item: marshall(item, { removeUndefinedValues: true }) }));
            }
            ExclusiveStartKey = page.LastEvaluatedKey;
          } while (ExclusiveStartKey);
          const key = `${prefix}/AWSDynamoDB/${exportId}/data/${String(segment).padStart(4, '0')}.json.gz`;
          const content = gzipSync(lines.map((line) => `${line}\n`).join(''));
          replaceFile(join(directory, key), content);
          const md5 = createHash('md5').update(content);
          return {
            itemCount: lines.length,
            md5Checksum: md5.copy().digest('base64'),
            etag: md5.digest('hex'),
            dataFileS3Key: key,
            size: content.length,
          };
        }),
      );
      const manifestFilesS3Key = `${prefix}/AWSDynamoDB/${exportId}/manifest-files.json`;
      replaceFile(
        join(directory, manifestFilesS3Key),
        files.map(({ size: _, ...file }) => `${JSON.stringify(file)}\n`).join(''),
      );
      replaceFile(
        join(root, 'manifest-summary.json'),
        JSON.stringify({
          version: '2020-06-30',
          exportArn,
          startTime,
          endTime: new Date().toISOString(),
          tableArn,
          exportTime: at.toISOString(),
          s3Bucket: 'local-archive',
          s3Prefix: prefix,
          s3SseAlgorithm: 'AES256',
          manifestFilesS3Key,
          billedSizeBytes: files.reduce((sum, file) => sum + file.size, 0),
          itemCount: files.reduce((sum, file) => sum + file.itemCount, 0),
          outputFormat: 'DYNAMODB_JSON',
          exportType: 'FULL_EXPORT',
        }),
      );
      return { exportArn, status: 'COMPLETED', prefix };
    },
  };
}
