import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { tableDefinition } from '../../shared/persistence/table.ts';
import { port } from '../../shared/runtime.ts';

/**
 * Every kind of item, by `entity`: those kept for ever (the business's records, their guards and history) and those
 * that may expire. A kind missing here fails the audit, so a new one is classified when it is added.
 */
const kept = new Set([
  'customer',
  'product',
  'staff',
  'staff-directory',
  'unique',
  'approval',
  'order',
  'order-history',
  'customer-history',
  'order-revision',
  'order-sequence',
  'order-po',
  'change-request',
  'open-change-request',
  'cancellation-request',
  'open-cancellation-request',
  'customer-credit',
  'terms-change',
  'open-terms-change',
  'sign-off',
  'payment',
  'receivable',
  'delivery',
  'delivery-note',
  'sequence',
  'complaint',
  'return',
  'returned-quantities',
  'return-note',
  'quotation',
  'ledger-entry',
  'invoice',
  'return-arrival',
  'ledger-adjustment',
  'open-ledger-adjustment',
  'receivable-reminder',
  'statement',
  'survey-answer',
  'ledger-close',
  'report-figures',
]);
const expiring = new Set([
  'idempotency',
  'once',
  'notification',
  'approval-link',
  'approval-mail',
  'approval-code',
  'waiter',
  'receipt-link',
  'return-link',
  'statement-link',
  'report-figures-applied',
  'survey-link',
]);

/**
 * Scans the table (a test may; no request path does) and checks the TTL attribute: never on what must be kept, epoch
 * seconds wherever it is. An outbox event is kept until published, then expires.
 */
export async function auditTimeToLive(tableName = port('table').name) {
  const ttl = tableDefinition.ttlAttribute;
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await port('table').client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const now = Date.now() / 1000;
  const problems: string[] = [];
  for (const item of items) {
    const what = `${String(item.entity)} ${String(item.pk)} / ${String(item.sk)}`;
    const entity = String(item.entity);
    const value = item[ttl];
    const mustKeep = kept.has(entity) || (entity === 'event' && !item.publishedAt);
    if (!mustKeep && !expiring.has(entity) && entity !== 'event') problems.push(`${what}: kind not classified`);
    if (mustKeep && value !== undefined) problems.push(`${what}: must never expire, has ${ttl} ${String(value)}`);
    if (value === undefined) {
      if (!mustKeep) problems.push(`${what}: expires, but has no ${ttl}`);
      continue;
    }
    // Epoch seconds: an integer after the present and before 2100 (milliseconds or an ISO string would never expire).
    if (!Number.isInteger(value) || (value as number) < now || (value as number) > 4_102_444_800) {
      problems.push(`${what}: ${ttl} ${JSON.stringify(value)} is not epoch seconds to come`);
    }
  }
  expect(problems).toEqual([]);
  return items.length;
}
