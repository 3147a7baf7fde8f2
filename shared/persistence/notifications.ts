import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TablePort } from '../ports/index.ts';

/** Key design: see docs/data-model.md ("notification"): one item per message, `NOTIFIED#<what>` / `<template>#<n>`. */
export type NotificationKey = { pk: string; sk: string };

const keepDays = 7;
const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** What the record of one message says when it cannot be claimed. */
export type Claim = { claimed: true; claimId: string } | { claimed: false; status: 'sent' | 'sending' };

/**
 * The record of each e-mail an event (or a workflow step) calls for, so that an at-least-once delivery sends it once:
 * `sending` while one invocation sends it (a lease as long as an invocation may run), `sent` once the mail service
 * accepted it. A send that failed gives its claim back, so the retry sends it; a claim left by an invocation that
 * died mid-send lapses with its lease and is taken over.
 */
export function notificationRecords(table: TablePort) {
  return {
    async claim(key: NotificationKey, now: Date, leaseSeconds: number): Promise<Claim> {
      const claimId = crypto.randomUUID();
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              ...key,
              entity: 'notification',
              status: 'sending',
              claimId,
              leaseUntil: seconds(now) + leaseSeconds,
              expiresAt: seconds(now) + keepDays * 86400,
            },
            // A record without a status was written before sends were recorded: it was sent.
            ConditionExpression: 'attribute_not_exists(pk) OR (#status = :sending AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':sending': 'sending', ':now': seconds(now) },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { claimed: true, claimId };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const status = error.Item?.status?.S;
        return { claimed: false, status: status === 'sending' ? 'sending' : 'sent' };
      }
    },

    /** The mail service accepted the message: it is never sent again. */
    async sent(key: NotificationKey, claimId: string, messageId: string, now: Date) {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: key,
          UpdateExpression: 'SET #status = :sent, messageId = :messageId, sentAt = :at REMOVE claimId, leaseUntil',
          ConditionExpression: 'claimId = :claimId',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':messageId': messageId,
            ':at': now.toISOString(),
            ':claimId': claimId,
          },
        }),
      );
    },

    /** The send failed: the claim is given back, so that the retry sends the message. */
    async release(key: NotificationKey, claimId: string) {
      try {
        await table.client.send(
          new DeleteCommand({
            TableName: table.name,
            Key: key,
            ConditionExpression: 'claimId = :claimId',
            ExpressionAttributeValues: { ':claimId': claimId },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async get(key: NotificationKey) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
      );
      return Item;
    },
  };
}
