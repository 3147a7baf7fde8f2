import { GetCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../domain/errors.ts';
import { normalEmail, type StaffWrite } from '../domain/staff.ts';
import type { TablePort } from '../ports/index.ts';
import type { Staff } from '../schemas/staff.ts';
import { dataOf, itemOrNotFound } from './items.ts';
import { type Idempotency, putNew, putVersioned, type Write, writeAtomically } from './write.ts';

/**
 * Key design: see docs/data-model.md ("Staff directory"). The whole directory is one partition, `STAFF`: a company's
 * few hundred people are read in one query (consistent) and resolved in memory. Beside the people, the partition
 * holds the directory's revision (`DIRECTORY`), moved on by every write: the rules that span people (no circle of
 * leaders, one person on duty per role, nobody leaves while others rely on them) are checked against the directory
 * as read, and the write holds only if nothing in the directory changed meanwhile.
 *
 * Any condition of a directory write failing — the revision, a person's version, an e-mail guard — means the
 * directory changed since it was read: DirectoryMoved, and the change is decided again on a fresh read, where the
 * domain's own checks answer (a stale If-Match, an e-mail taken meanwhile) with their precise 409s.
 */
export const staffKeys = {
  partition: 'STAFF',
  person: (id: string) => ({ pk: 'STAFF', sk: `STAFF#${id}` }),
  revision: { pk: 'STAFF', sk: 'DIRECTORY' },
  email: (email: string) => ({ pk: `STAFF_EMAIL#${normalEmail(email)}`, sk: 'STAFF_EMAIL' }),
};

/** The directory changed between its read and the write; read it again and re-check (StaffRepository.change). */
export class DirectoryMoved extends Conflict {
  constructor() {
    super('The staff directory was changed by someone else meanwhile; read it again and retry.');
  }
}

export type DirectoryRead = { staff: Staff[]; revision: number };

const itemOf = (staff: Staff) => ({ ...staffKeys.person(staff.id), entity: 'staff', ...staff });

function emailGuard(tableName: string, staff: Staff): Write {
  return {
    item: {
      Put: {
        TableName: tableName,
        Item: { ...staffKeys.email(staff.email), entity: 'unique', staffId: staff.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    onConditionFailed: () => new DirectoryMoved(),
  };
}

/** The guard of the e-mail a person gives up, removed only if it is still theirs. */
function releasedEmail(tableName: string, previous: Staff): Write {
  return {
    item: {
      Delete: {
        TableName: tableName,
        Key: staffKeys.email(previous.email),
        ConditionExpression: 'staffId = :id',
        ExpressionAttributeValues: { ':id': previous.id },
      },
    },
    onConditionFailed: () => new DirectoryMoved(),
  };
}

/** The directory's revision moves from the one read (0: never written) to the next, or the write fails. */
function nextRevision(tableName: string, read: number): Write {
  return {
    item: {
      Put: {
        TableName: tableName,
        Item: { ...staffKeys.revision, entity: 'staff-directory', revision: read + 1 },
        ...(read === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'revision = :read', ExpressionAttributeValues: { ':read': read } }),
      },
    },
    onConditionFailed: () => new DirectoryMoved(),
  };
}

export function staffRepository(table: TablePort) {
  /** The whole directory and its revision: one query of one partition (pages followed, in case it ever grows). */
  async function directory(): Promise<DirectoryRead> {
    const staff: Staff[] = [];
    let revision = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': staffKeys.partition },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.entity === 'staff') staff.push(dataOf<Staff>(item));
        else if (item.sk === staffKeys.revision.sk) revision = item.revision as number;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return { staff, revision };
  }

  /**
   * Stores people decided on the directory read at `revision`: new people with their e-mail guard, changed people
   * on the version read (an e-mail change moves the guard), their events, the directory's next revision, and the
   * idempotency record — one transaction. A directory changed meanwhile raises DirectoryMoved.
   */
  async function save(writes: StaffWrite[], revision: number, now: Date, idempotency?: Idempotency) {
    if (writes.length === 0) return;
    const items = writes.flatMap(({ staff, previous }): Write[] => {
      if (!previous) {
        return [
          putNew(table.name, itemOf(staff), { field: 'id', message: `Staff ${staff.id} exists` }),
          emailGuard(table.name, staff),
        ];
      }
      const person: Write = {
        item: putVersioned(table.name, itemOf(staff), previous.version, `Staff ${staff.id}`).item,
        onConditionFailed: () => new DirectoryMoved(),
      };
      return previous.email === staff.email
        ? [person]
        : [person, releasedEmail(table.name, previous), emailGuard(table.name, staff)];
    });
    await writeAtomically(table, {
      now,
      idempotency,
      events: writes.map((write) => write.event),
      writes: [...items, nextRevision(table.name, revision)],
    });
  }

  return {
    directory,
    save,

    /**
     * A change of the directory: `decide` reads the directory, applies the rules and says what to write; when the
     * directory moved on before the write, it is read and decided again (up to `attempts` times). A change whose
     * own checks fail (a stale version, a taken e-mail) is not retried.
     */
    async change<T>(
      now: Date,
      decide: (read: DirectoryRead) => Promise<{ writes: StaffWrite[]; idempotency?: Idempotency; result: T }>,
      attempts = 5,
    ): Promise<T> {
      for (let i = 1; ; i++) {
        const read = await directory();
        const { writes, idempotency, result } = await decide(read);
        try {
          await save(writes, read.revision, now, idempotency);
          return result;
        } catch (error) {
          if (!(error instanceof DirectoryMoved) || i >= attempts) throw error;
        }
      }
    },

    async get(id: string) {
      return await itemOrNotFound<Staff>(table, staffKeys.person(id), `Staff ${id} does not exist.`);
    },

    /** The id of the person holding an e-mail (any case), from its uniqueness guard. */
    async idForEmail(email: string) {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: staffKeys.email(email) }));
      return Item?.staffId as string | undefined;
    },
  };
}

export type StaffRepository = ReturnType<typeof staffRepository>;
