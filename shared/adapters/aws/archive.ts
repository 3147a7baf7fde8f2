import { DynamoDBClient, ExportTableToPointInTimeCommand } from '@aws-sdk/client-dynamodb';
import type { ArchivePort } from '../../ports/index.ts';
import { awsClientOptions } from './clients.ts';

/**
 * R42: DynamoDB exports the table as it was at `at` (point-in-time recovery keeps 35 days) into the archive bucket,
 * without reading the table's capacity; the call only starts it. The bucket's own encryption applies (SSE-S3).
 */
export function dynamoDbExport(tableArn: string, bucket: string): ArchivePort {
  const client = new DynamoDBClient(awsClientOptions('dynamodb'));
  return {
    async exportTable({ at, prefix, token }) {
      const { ExportDescription } = await client.send(
        new ExportTableToPointInTimeCommand({
          TableArn: tableArn,
          ExportTime: at,
          S3Bucket: bucket,
          S3Prefix: prefix,
          ExportFormat: 'DYNAMODB_JSON',
          ExportType: 'FULL_EXPORT',
          ClientToken: token,
        }),
      );
      return {
        exportArn: ExportDescription?.ExportArn ?? '',
        status: ExportDescription?.ExportStatus ?? 'IN_PROGRESS',
        prefix,
      };
    },
  };
}
