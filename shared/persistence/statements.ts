import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NotFound } from '../domain/errors.ts';
import { type LedgerBack, monthBounds } from '../domain/statement.ts';
import type { TablePort } from '../ports/index.ts';
import type { LedgerEntry } from '../schemas/ledger.ts';
import type { LedgerClose, Statement } from '../schemas/statement.ts';
import { allPages, dataOf, itemOrNotFound, type RegisterQuery, registerIndexes, registerPage } from './items.ts';
import { linkStore } from './links.ts';
import { putNew, putVersioned, type Write } from './write.ts';

/** Key design: see docs/data-model.md ("Statements"). */
export const statementKeys = {
  item: (id: string) => ({ pk: `STATEMENT#${id}`, sk: 'STATEMENT' }),
  byStatus: (status: string) => `STATEMENTS#${status}`,
  byCustomer: (customerId: string) => `SUBJECT#customer#${customerId}`,
  all: 'STATEMENTS',
  prefix: 'STATEMENT#',
  /**
   * A month's close, in the customer's ledger at the instant it was cut: the month's end (the run comes after it), or
   * the moment of a run made before the month ended. It sorts after every entry booked before it and before every
   * entry booked after it (theirs go on with `#<kind>#<reference>`), so no entry is ever in two statements or none.
   */
  close: (customerId: string, cutAt: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `LEDGER#${cutAt}` }),
  /** Grants. */
  items: 'STATEMENT#*',
  links: 'STATEMENT_LINK#*',
  /** The customers' partitions, where a statement's entries in its customer's history go. */
  customers: 'CUSTOMER#*',
};

/** R38: the sign-back link e-mailed with a statement stands for that statement. */
export type SignBackLink = { statementId: string };

const closeEntity = 'ledger-close';

/** Register order: by the month stated, so a month's statements are one range of the index. */
const statementItem = (statement: Statement) => ({
  ...statementKeys.item(statement.id),
  entity: 'statement',
  ...registerIndexes(statementKeys, statement, statement.from),
  ...statement,
});

export function statementRepository(table: TablePort) {
  return {
    links: linkStore<SignBackLink>(table, 'STATEMENT'),

    /**
     * R38: the customer's ledger read back from the cut of `month` to the last close before it, in one query (pages
     * of it): whether the month is stated already (its close is met first), the previous close, and the entries after
     * it — all of them this statement's (an entry booked late still shows, once); without a previous close (a first
     * statement), what came before the month is its opening.
     */
    async readBack(customerId: string, month: string, cutAt: string): Promise<LedgerBack & { stated: boolean }> {
      const { begins } = monthBounds(month);
      const back: LedgerBack & { stated: boolean } = { stated: false, earlier: [], entries: [] };
      let start: Record<string, unknown> | undefined;
      do {
        const { Items = [], LastEvaluatedKey } = await table.client.send(
          new QueryCommand({
            TableName: table.name,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
            ExpressionAttributeValues: {
              ':pk': `CUSTOMER#${customerId}`,
              ':first': 'LEDGER#',
              ':last': `LEDGER#${cutAt}`,
            },
            ScanIndexForward: false,
            ExclusiveStartKey: start,
            Limit: 200,
          }),
        );
        for (const item of Items) {
          if (item.entity === closeEntity) {
            const close = dataOf<LedgerClose>(item);
            if (close.month === month) back.stated = true;
            else {
              back.previous = close;
              return back;
            }
            continue;
          }
          back.entries.unshift(dataOf<LedgerEntry>(item));
        }
        start = back.stated ? undefined : LastEvaluatedKey;
      } while (start);
      // A first statement: the customer's history before the month is its opening.
      const at = back.entries.findIndex((entry) => entry.at >= begins);
      const split = at < 0 ? back.entries.length : at;
      return { ...back, earlier: back.entries.slice(0, split), entries: back.entries.slice(split) };
    },

    /** R38: the statement of a customer's month and its close, each written once: a second run writes nothing. */
    issued: (statement: Statement, close: LedgerClose): Write[] => [
      putNew(table.name, statementItem(statement), {
        field: 'month',
        message: `Statement ${statement.id} was issued already`,
      }),
      putNew(
        table.name,
        { ...statementKeys.close(close.customerId, close.cutAt), entity: closeEntity, ...close },
        { field: 'month', message: `The ledger of ${close.customerId} was closed for ${close.month} already` },
      ),
    ],

    saved: (statement: Statement, expectedVersion: number): Write =>
      putVersioned(table.name, statementItem(statement), expectedVersion, `Statement ${statement.id}`),

    async get(id: string) {
      return await itemOrNotFound<Statement>(table, statementKeys.item(id), `Statement ${id} does not exist.`);
    },

    /**
     * R38: the statement a sign-back link stands for, by the hash of its secret (A87): read with the link's item in one
     * request when the link names it (`statementId`), which the link's item must name too; else the link's item, then
     * the statement. An unknown, expired or altered link is not found.
     */
    async ofLink(hash: string, now: Date, statementId?: string) {
      if (!statementId) return await this.get((await this.links.target(hash, now)).statementId);
      const { target, item } = await this.links.targetWith(hash, now, statementKeys.item(statementId));
      if (target.statementId !== statementId) throw new NotFound('There is no such link, or it has expired.');
      if (!item) throw new NotFound(`Statement ${statementId} does not exist.`);
      return dataOf<Statement>(item);
    },

    /** The register, by the month stated, latest first: of a customer, in a status, or all (`from`: a month's first day). */
    page: (query: RegisterQuery) => registerPage<Statement>(table, statementKeys, query),

    /** Every statement of a month (finance's summary): one range of the register. */
    ofMonth: (month: string) =>
      allPages<Statement>(table, {
        TableName: table.name,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :all AND begins_with(gsi3sk, :month)',
        ExpressionAttributeValues: { ':all': statementKeys.all, ':month': `${month}-01#` },
      }),

    /** The statements in a status, oldest month first (the daily follow-up of those waiting to be signed). */
    inStatus: (status: Statement['status']) =>
      allPages<Statement>(table, {
        TableName: table.name,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :status',
        ExpressionAttributeValues: { ':status': statementKeys.byStatus(status) },
      }),
  };
}
