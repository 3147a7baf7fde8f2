import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../scripts/offline/dynamodb.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

/** One DynamoDB Local (in memory) for the whole run; each test file works in tables of its own. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal();
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
