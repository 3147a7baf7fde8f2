import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableDefinition } from '../shared/persistence/table.ts';

const key = (name: string) => ({ name, type: AttributeType.STRING });

/** The single table, from the one definition the offline stack also creates in DynamoDB Local. */
export function singleTable(scope: Construct) {
  return new TableV2(scope, 'Table', {
    partitionKey: key(tableDefinition.partitionKey),
    sortKey: key(tableDefinition.sortKey),
    globalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
      indexName: index.name,
      partitionKey: key(index.partitionKey),
      sortKey: key(index.sortKey),
    })),
    timeToLiveAttribute: tableDefinition.ttlAttribute,
    dynamoStream: StreamViewType[tableDefinition.streamView],
    billing: Billing.onDemand(),
    // R42: any moment of the last 35 days can be restored, and the monthly archive exported from (table-archive).
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
    deletionProtection: true,
    encryption: TableEncryptionV2.awsManagedKey(),
  });
}
