import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { handler as monthEnd } from '../functions/statements/month-end.ts';
import { loadDemoStaff } from '../scripts/offline/demo-data.ts';
import { localClient, startDynamoDbLocal } from '../scripts/offline/dynamodb.ts';
import { documentClient } from '../shared/adapters/dynamodb.ts';
import { ulidIds } from '../shared/adapters/ids.ts';
import { eachAtMost } from '../shared/concurrency.ts';
import { renderStatement } from '../shared/documents/statement.ts';
import { monthBounds, statementId } from '../shared/domain/statement.ts';
import { customerItem } from '../shared/persistence/customers.ts';
import { ledgerKeys } from '../shared/persistence/ledger.ts';
import { statementKeys, statementRepository } from '../shared/persistence/statements.ts';
import { createTableInput } from '../shared/persistence/table.ts';
import type { TablePort } from '../shared/ports/index.ts';
import { bindPorts } from '../shared/runtime.ts';
import type { Customer } from '../shared/schemas/customer.ts';
import { round } from './stats.ts';

/**
 * R38 at scale: the month-end run over generated customers settling monthly, each with last month's close and this
 * month's entries, against the raw minimum — one query per customer-month, with the run's own concurrency — timed in
 * the same run on the same table. PDF rendering is measured apart (the workflow renders each statement's document).
 */
export type MonthEndOptions = {
  sizes: number[];
  /** Ledger entries of each customer in the month stated. */
  entries: number;
  /** Statements rendered as PDFs for the rendering figure. */
  pdfs: number;
  log: (line: string) => void;
};

const month = '2026-11';
const runAt = '2026-11-30T18:00:00.000Z'; // 1 December, 02:00 in Shanghai
const concurrency = Number(process.env.MONTH_END_CONCURRENCY ?? 16);

/** Counts what a table's client sends, by command, and the time spent waiting for each kind (summed over lanes). */
function counted(table: TablePort) {
  const counts: Record<string, number> = {};
  const ms: Record<string, number> = {};
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName as string;
      counts[name] = (counts[name] ?? 0) + 1;
      const start = performance.now();
      try {
        return await next(args);
      } finally {
        ms[name] = (ms[name] ?? 0) + performance.now() - start;
      }
    },
    { step: 'initialize', name: 'countCommands' },
  );
  return {
    counts,
    ms,
    reset: () => {
      for (const key of Object.keys(counts)) delete counts[key];
      for (const key of Object.keys(ms)) delete ms[key];
    },
  };
}

function generatedCustomer(i: number, size: number): Customer {
  const code = `B${size}-${String(i).padStart(5, '0')}`;
  return {
    id: `cus_${ulidIds.next()}`,
    code,
    name: `Bench customer ${code}`,
    contacts: [{ name: 'Accounts', email: `accounts-${i}@bench.example`, language: i % 2 ? 'en' : 'zh-CN' }],
    addresses: [{ label: 'Warehouse', lines: ['1 Bench Road'], city: 'Jinan', country: 'CN' }],
    region: 'CN',
    currency: 'CNY',
    settlement: { type: 'monthly', creditLimit: 1_000_000 },
    accountOwner: 'stf_bench',
    status: 'active',
    version: 1,
    createdAt: runAt,
    createdBy: 'bench',
    updatedAt: runAt,
    updatedBy: 'bench',
  } as Customer;
}

/** A customer's month: last month's close (an open note), then `entries` notes and payments in November. */
function ledgerOf(customer: Customer, entries: number) {
  const { begins } = monthBounds(month);
  const close = {
    ...statementKeys.close(customer.id, begins),
    entity: 'ledger-close',
    customerId: customer.id,
    month: '2026-10',
    cutAt: begins,
    closing: 1000,
    carried: { notes: [{ reference: 'DN-OCT', at: '2026-10-10T02:00:00.000Z', amount: 1000, open: 1000 }], credit: 0 },
    statementId: statementId('2026-10', customer.code),
  };
  const moves = Array.from({ length: entries }, (_, n) => {
    const entry = {
      customerId: customer.id,
      kind: n % 3 === 2 ? ('payment' as const) : ('delivery-note' as const),
      reference: `${n % 3 === 2 ? 'PAY' : 'DN'}-${customer.code}-${n}`,
      amount: n % 3 === 2 ? -300 : 250.5,
      currency: 'CNY' as const,
      orderNumber: `CN${customer.code}O${n}`,
      at: new Date(new Date(begins).getTime() + (n + 1) * 60_000).toISOString(),
    };
    return { ...ledgerKeys.entry(entry), entity: 'ledger-entry', ...entry };
  });
  return [customerItem(customer), close, ...moves];
}

async function writeAll(table: TablePort, items: Record<string, unknown>[]) {
  const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
  await eachAtMost(batches, 8, async (batch) => {
    let request = batch.map((Item) => ({ PutRequest: { Item } }));
    while (request.length) {
      const { UnprocessedItems } = await table.client.send(
        new BatchWriteCommand({ RequestItems: { [table.name]: request } }),
      );
      request = (UnprocessedItems?.[table.name] ?? []) as typeof request;
    }
  });
}

async function timedMs(work: () => Promise<unknown>) {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export type MonthEndRow = {
  customers: number;
  entries: number;
  rawMs: number;
  runMs: number;
  ratio: number;
  msPerStatement: number;
  rawQueriesPerStatement: number;
  readsPerStatement: number;
  writesPerStatement: number;
  calls: Record<string, number>;
  /** The time each kind of request was waited for, per statement (summed over the lanes). */
  msWaitedPerStatement: Record<string, number>;
};

export async function measureMonthEnd({ sizes, entries, pdfs, log }: MonthEndOptions) {
  const rows: MonthEndRow[] = [];
  let pdf: { statements: number; msPerStatement: number; bytesPerStatement: number } | undefined;
  for (const size of sizes) {
    // A DynamoDB Local of its own for each size: it keeps everything in memory and slows as it fills.
    const dynamo = await startDynamoDbLocal();
    const { endpoint } = dynamo;
    const name = `bench-month-end-${size}`;
    await localClient(endpoint).send(new CreateTableCommand(createTableInput(name)));
    const table: TablePort = { client: documentClient(endpoint), name };
    const calls = counted(table);
    const clock = { now: () => new Date(runAt) };
    const sent: string[] = [];
    bindPorts({
      table,
      clock,
      ids: ulidIds,
      mail: {
        send: async (message) => {
          sent.push(message.subject);
          return { messageId: `bench-${sent.length}` };
        },
      },
    });
    await loadDemoStaff({ table, clock, ids: ulidIds });
    log(`month-end ${size}: writing ${size} customers with ${entries} entries each…`);
    const customers = Array.from({ length: size }, (_, i) => generatedCustomer(i, size));
    await writeAll(
      table,
      customers.flatMap((c) => ledgerOf(c, entries)),
    );

    // The raw minimum: one query per customer-month (back to last month's close), at the run's concurrency.
    calls.reset();
    const { ends } = monthBounds(month);
    const rawMs = await timedMs(() =>
      eachAtMost(customers, concurrency, async (customer) => {
        await table.client.send(
          new QueryCommand({
            TableName: name,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
            ExpressionAttributeValues: {
              ':pk': `CUSTOMER#${customer.id}`,
              ':first': 'LEDGER#',
              ':last': `LEDGER#${ends}`,
            },
            ScanIndexForward: false,
          }),
        );
      }),
    );
    const rawQueries = calls.counts.QueryCommand ?? 0;

    log(`month-end ${size}: raw ${round(rawMs, 0)} ms; the run…`);
    calls.reset();
    let result: { issued: number; failed: unknown[] } = { issued: 0, failed: [] };
    const runMs = await timedMs(async () => {
      result = (await monthEnd({ schedule: 'month-end', scheduledTime: runAt })) as typeof result;
    });
    const runCalls = { ...calls.counts };
    const waited = Object.fromEntries(Object.entries(calls.ms).map(([name, total]) => [name, round(total / size, 2)]));
    if (result.issued !== size || result.failed.length) {
      throw new Error(`month-end ${size}: ${result.issued} issued, ${result.failed.length} failed`);
    }
    const reads = (runCalls.QueryCommand ?? 0) + (runCalls.GetItemCommand ?? 0);
    rows.push({
      customers: size,
      entries: size * entries,
      rawMs: round(rawMs, 0),
      runMs: round(runMs, 0),
      ratio: round(runMs / rawMs, 2),
      msPerStatement: round(runMs / size, 2),
      rawQueriesPerStatement: round(rawQueries / size, 2),
      readsPerStatement: round(reads / size, 2),
      writesPerStatement: round((runCalls.TransactWriteItemsCommand ?? 0) / size, 2),
      calls: runCalls,
      msWaitedPerStatement: waited,
    });
    log(
      `  raw ${round(rawMs, 0)} ms, run ${round(runMs, 0)} ms (${round(runMs / rawMs, 2)}×), ${round(reads / size, 2)} reads per statement`,
    );
    if (!pdf) {
      const statements = await Promise.all(
        customers.slice(0, pdfs).map((c) => statementRepository(table).get(statementId(month, c.code))),
      );
      let bytes = 0;
      const ms = await timedMs(async () => {
        for (const statement of statements) bytes += (await renderStatement(statement)).length;
      });
      pdf = {
        statements: statements.length,
        msPerStatement: round(ms / statements.length, 1),
        bytesPerStatement: Math.round(bytes / statements.length),
      };
    }
    await dynamo.stop();
  }
  return {
    month,
    concurrency,
    entriesPerCustomer: entries,
    rows,
    pdf,
    /** Linear when the time per statement stays within 1.5× of the smallest size's. */
    linear: rows.every((row) => row.msPerStatement <= 1.5 * (rows[0]?.msPerStatement ?? 0)),
  };
}
