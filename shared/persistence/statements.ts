import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NotFound } from '../domain/errors.ts';
import { type LedgerBack, monthBounds } from '../domain/statement.ts';
import type { TablePort } from '../ports/index.ts';
import type { LedgerEntry } from '../schemas/ledger.ts';
import type { LedgerClose, Statement } from '../schemas/statement.ts';
import { allPages, dataOf, type RegisterQuery, registerIndexes, registerPage } from './items.ts';
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
   * A month's close, in the customer's ledger exactly at the instant the next month begins: after every entry of the
   * month and before every entry of the next (theirs go on with `#<kind>#<reference>`).
   */
  close: (customerId: string, month: string) => ({
    pk: `CUSTOMER#${customerId}`,
    sk: `LEDGER#${monthBounds(month).ends}`,
  }),
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
     * R38: the customer's ledger read back from the end of `month` to the last close before it, in one query (pages
     * of it): whether the month is stated already (its close is the first item), the previous close, and the entries
     * after it — before the month (a first statement) and in it.
     */
    async readBack(customerId: string, month: string): Promise<LedgerBack & { stated: boolean }> {
      const { begins, ends } = monthBounds(month);
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
              ':last': `LEDGER#${ends}`,
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
          const entry = dataOf<LedgerEntry>(item);
          (entry.at >= begins ? back.entries : back.earlier).unshift(entry);
        }
        start = back.stated ? undefined : LastEvaluatedKey;
      } while (start);
      return back;
    },

    /** R38: the statement of a customer's month and its close, each written once: a second run writes nothing. */
    issued: (statement: Statement, close: LedgerClose): Write[] => [
      putNew(table.name, statementItem(statement), {
        field: 'month',
        message: `Statement ${statement.id} was issued already`,
      }),
      putNew(
        table.name,
        { ...statementKeys.close(close.customerId, close.month), entity: closeEntity, ...close },
        { field: 'month', message: `The ledger of ${close.customerId} was closed for ${close.month} already` },
      ),
    ],

    saved: (statement: Statement, expectedVersion: number): Write =>
      putVersioned(table.name, statementItem(statement), expectedVersion, `Statement ${statement.id}`),

    async get(id: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: statementKeys.item(id), ConsistentRead: true }),
      );
      if (!Item) throw new NotFound(`Statement ${id} does not exist.`);
      return dataOf<Statement>(Item);
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
