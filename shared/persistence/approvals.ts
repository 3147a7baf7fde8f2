import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApprovalDecided } from '../domain/approval.ts';
import type { StoredCode } from '../domain/approval-code.ts';
import { NotFound } from '../domain/errors.ts';
import type { TablePort } from '../ports/index.ts';
import type { Approval } from '../schemas/approval.ts';
import { allPages, batchGet, dataOf } from './items.ts';
import { type Write, writeAtomically } from './write.ts';

/** Key design: see docs/data-model.md ("Approvals"). */
export const approvalKeys = {
  item: (id: string) => ({ pk: `APPROVAL#${id}`, sk: 'APPROVAL' }),
  link: (hash: string) => ({ pk: `APPROVAL_LINK#${hash}`, sk: 'LINK' }),
  /** The request e-mail sent for an approval, by the mail service's message id (bounces and complaints name it). */
  mail: (messageId: string) => ({ pk: `APPROVAL_MAIL#${messageId}`, sk: 'MAIL' }),
  /** The one-time code asked of an approval decided from its link (docs/decisions/approval-codes.md). */
  code: (approvalId: string) => ({ pk: `APPROVAL_CODE#${approvalId}`, sk: 'CODE' }),
  /** The partition keys of approvals and of their links, as grant patterns (ItemsGrant). */
  items: 'APPROVAL#*',
  links: 'APPROVAL_LINK#*',
  mails: 'APPROVAL_MAIL#*',
  codes: 'APPROVAL_CODE#*',
  pending: (role: string) => `PENDING_APPROVALS#${role}`,
  subject: (kind: string, id: string) => `SUBJECT#${kind}#${id}`,
};

/** A retried request-approval call carries the same task token, so the id derived from it finds the first attempt. */
export function approvalIdFor(taskToken: string) {
  return `apr_${createHash('sha256').update(taskToken).digest('base64url').slice(0, 32)}`;
}

const linkKeepDays = 30;

type Stored = Approval & {
  taskToken: string;
  linkHash: string;
  /**
   * A decision whose hand-over to the workflow failed without an answer (a timeout): it was undone, yet may have
   * reached the step. If a retry then finds the step gone, this is what counted (shared/application/approvals.ts).
   */
  unconfirmed?: NonNullable<Approval['decision']>;
};

/**
 * `expiresAt` is the table's TTL attribute (epoch seconds): an approval, kept for ever as the record of who decided
 * what, stores the moment its request stops waiting under another name.
 */
function itemOf({ taskToken, linkHash, expiresAt, ...approval }: Stored) {
  return {
    ...approvalKeys.item(approval.id),
    entity: 'approval',
    // Only pending approvals are in a role's to-do list (a sparse index).
    ...(approval.status === 'pending'
      ? { gsi1pk: approvalKeys.pending(approval.role), gsi1sk: `${approval.createdAt}#${approval.id}` }
      : {}),
    gsi2pk: approvalKeys.subject(approval.subject.kind, approval.subject.id),
    gsi2sk: `APPROVAL#${approval.createdAt}#${approval.id}`,
    ...approval,
    requestExpiresAt: expiresAt,
    taskToken,
    linkHash,
  };
}

/** `another`: a further link to an approval that keeps its own (the daily follow-up's, R7). */
function linkItemOf(approval: Pick<Approval, 'id' | 'expiresAt'>, hash: string, another = false) {
  return {
    ...approvalKeys.link(hash),
    entity: 'approval-link',
    approvalId: approval.id,
    ...(another ? { another: true } : {}),
    expiresAt: linkLifetimeEnd(approval),
  };
}

/** Kept as long as the link: the count of codes sent must outlive every code of a pending approval. */
const linkLifetimeEnd = (approval: Pick<Approval, 'expiresAt'>) =>
  Math.floor(Date.parse(approval.expiresAt) / 1000) + linkKeepDays * 86400;

const codeOf = ({ hash, salt, validUntil, triesLeft, sent, sentAt }: Record<string, unknown>) =>
  ({ hash, salt, validUntil, triesLeft, sent, sentAt }) as StoredCode;

const storedOf = ({ requestExpiresAt, ...item }: Record<string, unknown>) =>
  // Approvals written before the request's expiry had a name of its own kept it as `expiresAt` (an ISO string).
  dataOf<Stored>({ ...item, expiresAt: requestExpiresAt ?? item.expiresAt });

/** The approval was decided or closed by someone else since it was read. */
class MovedOn extends Error {}

/** The approval as the API shows it: the task token and link hash stay inside. */
export const publicApproval = ({ taskToken, linkHash, unconfirmed, ...approval }: Stored): Approval => approval;

export function approvalRepository(table: TablePort) {
  const put = (stored: Stored, condition: { expression: string; values?: Record<string, unknown> }) => ({
    item: {
      Put: {
        TableName: table.name,
        Item: itemOf(stored),
        ConditionExpression: condition.expression,
        ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
        // "status" is a reserved word in DynamoDB expressions.
        ...(condition.expression.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      },
    },
  });
  const pendingOnly = { expression: '#status = :pending', values: { ':pending': 'pending' } };

  return {
    async find(id: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: approvalKeys.item(id), ConsistentRead: true }),
      );
      return Item ? storedOf(Item) : undefined;
    },

    async get(id: string) {
      const stored = await this.find(id);
      if (!stored) throw new NotFound(`Approval ${id} does not exist.`);
      return stored;
    },

    /**
     * The approval a link leads to (A12), by the hash of its secret: the link's item and the approval, read together
     * (one BatchGetItem, consistent) when the link names its approval; else the link's item, then the approval it
     * names. Not found unless the link is the approval's request link or a further one (`another`) to it.
     */
    async getByLink(hash: string, approvalId?: string) {
      const [link, stored] = approvalId
        ? await batchGet(table, [approvalKeys.link(hash), approvalKeys.item(approvalId)], { consistent: true }).then(
            (items) => {
              const approval = items.find((item) => item.sk === 'APPROVAL');
              return [items.find((item) => item.sk === 'LINK'), approval && storedOf(approval)] as const;
            },
          )
        : await table.client
            .send(new GetCommand({ TableName: table.name, Key: approvalKeys.link(hash) }))
            .then(async ({ Item }) => [Item, Item && (await this.find(Item.approvalId as string))] as const);
      if (!link || !stored || link.approvalId !== stored.id || (stored.linkHash !== hash && link.another !== true))
        throw new NotFound('There is no such approval link.');
      return stored;
    },

    /** A new approval with its link; or, for a retried request, a fresh link replacing the old one. */
    async open(approval: Approval, taskToken: string, hash: string, now: Date) {
      const existing = await this.find(approval.id);
      const writes = existing
        ? [
            put({ ...existing, linkHash: hash }, pendingOnly),
            { item: { Delete: { TableName: table.name, Key: approvalKeys.link(existing.linkHash) } } },
          ]
        : [put({ ...approval, taskToken, linkHash: hash }, { expression: 'attribute_not_exists(pk)' })];
      const target = existing ?? approval;
      await writeAtomically(table, {
        now,
        events: [],
        writes: [...writes, { item: { Put: { TableName: table.name, Item: linkItemOf(target, hash) } } }],
      });
      return publicApproval({ ...target, taskToken, linkHash: hash });
    },

    /**
     * A further link to a pending approval, beside the one its request e-mailed (which stays valid): the daily
     * follow-up's (R7), since only the hash of a link is ever stored.
     */
    async addLink(approval: Pick<Approval, 'id' | 'expiresAt'>, hash: string) {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: linkItemOf(approval, hash, true),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    /** A role's to-do list: its pending approvals, oldest first, every page (GSI1, sparse). */
    pendingOf: (role: string) =>
      allPages<Record<string, unknown>>(table, {
        TableName: table.name,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': approvalKeys.pending(role) },
      }).then((items) => items.map(storedOf)),

    /**
     * PENDING → DECIDED, only if still pending: of two concurrent decisions exactly one is recorded. `with` are
     * further writes of the same transaction (a sign-off group, a history entry).
     */
    async recordDecision(
      decided: Stored,
      event: ApprovalDecided,
      now: Date,
      onConflict: () => Error,
      with_: Write[] = [],
    ) {
      await writeAtomically(table, {
        now,
        events: [event],
        writes: [{ ...put(decided, pendingOnly), onConditionFailed: onConflict }, ...with_],
      });
    },

    /** The decision that counted replaces the one recorded since (it reached the workflow first). */
    async confirmDecision(counted: Stored, now: Date) {
      await writeAtomically(table, {
        now,
        events: [],
        writes: [put(counted, { expression: '#status = :decided', values: { ':decided': 'decided' } })],
      });
    },

    /** Puts a decided approval back to pending when its decision could not reach the workflow (a retry may follow). */
    async undoDecision(stored: Stored, now: Date, with_: Write[] = []) {
      await writeAtomically(table, {
        now,
        events: [],
        writes: [
          put(
            { ...stored, status: 'pending', decision: undefined, unconfirmed: stored.decision },
            { expression: '#status = :decided', values: { ':decided': 'decided' } },
          ),
          ...with_,
        ],
      });
    },

    /**
     * Closes an approval only if it still is as read (pending, or decided when its step had ended): a decision made
     * since — the index it was listed from may lag — is never overwritten. False when it had moved on.
     */
    async close(stored: Stored, reason: string, now: Date) {
      try {
        await writeAtomically(table, {
          now,
          events: [],
          writes: [
            {
              ...put(
                { ...stored, status: 'closed', closedReason: reason },
                { expression: '#status = :read', values: { ':read': stored.status } },
              ),
              onConditionFailed: () => new MovedOn(),
            },
          ],
        });
        return true;
      } catch (error) {
        if (error instanceof MovedOn) return false;
        throw error;
      }
    },

    /**
     * Remembers which approval a request e-mail was for (the mail service's message id), for as long as a bounce or
     * a complaint may name it: the approval's link's lifetime.
     */
    async recordMail(approval: Approval, messageId: string, recipient: string) {
      if (!messageId) return;
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: {
            ...approvalKeys.mail(messageId),
            entity: 'approval-mail',
            approvalId: approval.id,
            recipient,
            expiresAt: linkLifetimeEnd(approval),
          },
        }),
      );
    },

    /** The approval a request e-mail was sent for, by the message id, with whom it was sent to. */
    async findByMail(messageId: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: approvalKeys.mail(messageId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const approval = await this.find(Item.approvalId as string);
      return approval && { approval, recipient: Item.recipient as string };
    },

    /** The one-time code last sent for an approval, if any. */
    async findCode(approvalId: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: approvalKeys.code(approvalId), ConsistentRead: true }),
      );
      return Item ? codeOf(Item) : undefined;
    },

    /**
     * A new code replaces the one read (`previous`), only if no other was sent meanwhile: two concurrent requests for
     * a code send one. False when another came first.
     */
    async saveCode(approval: Approval, code: StoredCode, previous: StoredCode | undefined) {
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              ...approvalKeys.code(approval.id),
              entity: 'approval-code',
              ...code,
              expiresAt: linkLifetimeEnd(approval),
            },
            ConditionExpression: previous ? 'sent = :sent' : 'attribute_not_exists(pk)',
            ...(previous ? { ExpressionAttributeValues: { ':sent': previous.sent } } : {}),
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    /**
     * Every guess first spends a try of a usable code, in one conditional write — so parallel guesses never get more
     * than the code's tries — and answers the code as it is after; nothing when no usable code is left.
     */
    async spendTry(approvalId: string, now: Date) {
      try {
        const { Attributes } = await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: approvalKeys.code(approvalId),
            UpdateExpression: 'SET triesLeft = triesLeft - :one',
            ConditionExpression: 'triesLeft > :zero AND validUntil > :now',
            ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':now': now.toISOString() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? codeOf(Attributes) : undefined;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
        throw error;
      }
    },

    /** The approvals of one subject (a customer, an order), oldest first: its decision history. */
    async forSubject(kind: string, id: string) {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
          ExpressionAttributeValues: { ':pk': approvalKeys.subject(kind, id), ':prefix': 'APPROVAL#' },
        }),
      );
      return Items.map(storedOf);
    },
  };
}
