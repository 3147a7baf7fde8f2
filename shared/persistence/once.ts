import type { Write } from './write.ts';

const keepDays = 7;

const claimItem = (pk: string, sk: string, now: Date) => ({
  pk,
  sk,
  entity: 'once',
  expiresAt: Math.floor(now.getTime() / 1000) + keepDays * 86400,
});

/** The rest of a transaction happens once only: the claim fails it when it had already happened. */
export class AlreadyDone extends Error {}

export const claimOnceWrite = (pk: string, sk: string, now: Date): Write => ({
  item: { Put: { TableName: '', Item: claimItem(pk, sk, now), ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: () => new AlreadyDone(),
});
