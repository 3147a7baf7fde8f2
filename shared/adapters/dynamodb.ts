import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TablePort } from '../ports/index.ts';
import { awsClientOptions } from './aws/clients.ts';

/**
 * The table from the environment: on AWS the Lambda's region and role; offline DYNAMODB_ENDPOINT points at
 * DynamoDB Local (whose access key must be letters and digits only).
 */
export function tableFromEnvironment(env = process.env): TablePort {
  const name = env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return { client: documentClient(env.DYNAMODB_ENDPOINT), name };
}

export function documentClient(endpoint?: string) {
  // DynamoDB Local on a busy test machine may answer slower than DynamoDB ever should: the limits apply on AWS.
  const client = new DynamoDBClient(
    endpoint
      ? { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : awsClientOptions('dynamodb'),
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
