import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import {
  type AwsService,
  awsClientLimits,
  awsClientOptions,
  worstCaseMilliseconds,
} from '../../shared/adapters/aws/clients.ts';
import { documentClient } from '../../shared/adapters/dynamodb.ts';
import { functionTimeoutSeconds } from '../../shared/limits.ts';

/** What an SDK client was actually built with: its HTTP handler's resolved configuration and its attempts. */
async function configured(client: { config: { requestHandler: unknown; maxAttempts: () => Promise<number> } }) {
  const handler = client.config.requestHandler as { configProvider: Promise<Record<string, unknown>> };
  return { ...(await handler.configProvider), maxAttempts: await client.config.maxAttempts() };
}

const region = { region: 'eu-west-1' };
const clients: Record<AwsService, () => { config: never }> = {
  dynamodb: () => new DynamoDBClient({ ...awsClientOptions('dynamodb'), ...region }) as never,
  sfn: () => new SFNClient({ ...awsClientOptions('sfn'), ...region }) as never,
  ses: () => new SESClient({ ...awsClientOptions('ses'), ...region }) as never,
  eventbridge: () => new EventBridgeClient({ ...awsClientOptions('eventbridge'), ...region }) as never,
};

describe('AWS SDK clients give up before their function does', () => {
  it.each(Object.keys(awsClientLimits) as AwsService[])(
    '%s: a request timeout that fails the call, and every attempt within the shortest function using it',
    async (service) => {
      const limits = awsClientLimits[service];
      expect(await configured(clients[service]())).toMatchObject({
        connectionTimeout: limits.connectionTimeout,
        requestTimeout: limits.requestTimeout,
        throwOnRequestTimeout: true,
        maxAttempts: limits.maxAttempts,
      });
      // Room left for the function's own work (and, on an approval, for undoing the decision): at least a second.
      expect(worstCaseMilliseconds(service)).toBeLessThanOrEqual(functionTimeoutSeconds[limits.usedBy] * 1000 - 1000);
    },
  );

  it('the table client of every function is built with them on AWS', async () => {
    expect(await configured(documentClient() as never)).toMatchObject({
      connectionTimeout: 1000,
      requestTimeout: 1500,
      throwOnRequestTimeout: true,
      maxAttempts: 3,
    });
  });
});
