import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Contribution, type Counters, type Dimensions, runningCounters } from '../domain/report-figures.ts';
import type { TablePort } from '../ports/index.ts';
import { WriteRaced } from './write.ts';

/**
 * R41, R43: the report figures, kept by adding each event's contribution once (docs/data-model.md, "Report figures";
 * docs/decisions/report-figures.md). Counters are attributes `n:<name>`, added with UpdateItem `ADD`.
 */
export const figureKeys = {
  /** The event applied: a redelivery finds it and adds nothing. */
  applied: (eventId: string) => ({ pk: `FIGURES#EVENT#${eventId}`, sk: 'FIGURES#EVENT' }),
  /** One day's figures, one item per customer × product type × region with something that day. */
  day: (date: string) => `FIGURES#DAY#${date}`,
  /** One month's figures: one item per customer × product type × region, plus one per day (`D#date`) of the company. */
  month: (month: string) => `FIGURES#MONTH#${month}`,
  /** The KPIs of a month, one item per customer (`C#*`: the company's approvals). */
  kpi: (month: string) => `FIGURES#KPI#${month}`,
  /** The running totals (complaints open now), one item per customer × product type × region. */
  running: 'FIGURES#RUNNING',
  combination: ({ customer, productType, region }: Dimensions) => `C#${customer}#${productType}#${region}`,
  /** A customer's combinations begin with it; its KPI item is just it. */
  customerPrefix: (customer: string) => `C#${customer}#`,
  dayTotal: (date: string) => `D#${date}`,
};

/**
 * How long an applied event's guard is kept: longer than any redelivery — EventBridge retries for hours, the dead-
 * letter queue keeps a failed event 14 days before a redrive (infra/events.ts), the outbox sweep republishes within
 * minutes. TTL deletion may lag by a day or two more; 30 days leaves room for both.
 */
export const appliedKeepDays = 30;

const counterPrefix = 'n:';
const entity = 'report-figures';

export type Target = { pk: string; sk: string; attributes: Record<string, string>; counters: Counters };

/** The items one contribution adds to, each once (two increments of the same item are merged: one update each). */
export function targetsOf({ figures, kpis }: Contribution): Target[] {
  const targets = new Map<string, Target>();
  const add = (pk: string, sk: string, attributes: Record<string, string>, counters: Counters) => {
    if (Object.keys(counters).length === 0) return;
    const key = `${pk}\u0000${sk}`;
    const target = targets.get(key) ?? { pk, sk, attributes, counters: {} };
    for (const [name, value] of Object.entries(counters)) target.counters[name] = (target.counters[name] ?? 0) + value;
    targets.set(key, target);
  };
  for (const { day, dimensions, counters } of figures) {
    const dated: Counters = {};
    const running: Counters = {};
    for (const [name, value] of Object.entries(counters)) (runningCounters.has(name) ? running : dated)[name] = value;
    const sk = figureKeys.combination(dimensions);
    add(figureKeys.day(day), sk, { ...dimensions, date: day }, dated);
    add(figureKeys.month(day.slice(0, 7)), sk, { ...dimensions, month: day.slice(0, 7) }, dated);
    add(figureKeys.month(day.slice(0, 7)), figureKeys.dayTotal(day), { date: day }, dated);
    add(figureKeys.running, sk, { ...dimensions }, running);
  }
  for (const { month, customer, counters } of kpis) {
    add(figureKeys.kpi(month), figureKeys.customerPrefix(customer), { customer, month }, counters);
  }
  return [...targets.values()];
}

/** The UpdateItem adding a target's counters (and setting its dimensions, the same every time). */
export function counterUpdate(tableName: string, { pk, sk, attributes, counters }: Target) {
  const names: Record<string, string> = { '#entity': 'entity' };
  const values: Record<string, unknown> = { ':entity': entity };
  const sets = ['#entity = :entity'];
  Object.entries(attributes).forEach(([name, value], i) => {
    names[`#a${i}`] = name;
    values[`:a${i}`] = value;
    sets.push(`#a${i} = :a${i}`);
  });
  const adds = Object.entries(counters).map(([name, value], i) => {
    names[`#c${i}`] = `${counterPrefix}${name}`;
    values[`:c${i}`] = value;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: { pk, sk },
      UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** DynamoDB's most items in one transaction. */
export const maxTransactionItems = 100;

/** The transaction's items: the guard first (its condition fails on a redelivery), then one update per item. */
export function appliedWrites(tableName: string, eventId: string, contribution: Contribution, now: Date) {
  const targets = targetsOf(contribution);
  const guard = {
    Put: {
      TableName: tableName,
      Item: {
        ...figureKeys.applied(eventId),
        entity: 'report-figures-applied',
        expiresAt: Math.floor(now.getTime() / 1000) + appliedKeepDays * 86_400,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  const items = [guard, ...targets.map((target) => counterUpdate(tableName, target))];
  if (items.length > maxTransactionItems) {
    throw new Error(
      `An event's figures take ${items.length} items, more than one transaction's ${maxTransactionItems}.`,
    );
  }
  return items;
}

/**
 * Adds one event's contribution once: the guard and every counter in one transaction. Returns false when the event
 * had already been applied (a redelivery): nothing is added again.
 */
export async function applyContribution(table: TablePort, eventId: string, contribution: Contribution, now: Date) {
  if (contribution.figures.length === 0 && contribution.kpis.length === 0) return false;
  try {
    await table.client.send(
      new TransactWriteCommand({ TransactItems: appliedWrites(table.name, eventId, contribution, now) }),
    );
    return true;
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [guard] = error.CancellationReasons ?? [];
    if (guard?.Code === 'ConditionalCheckFailed') return false;
    if ((error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict')) {
      throw new WriteRaced();
    }
    throw error;
  }
}

/** A figures item as read: its attributes (dimensions, date or month) and its counters. */
export type FiguresItem = { sk: string; attributes: Record<string, string>; counters: Counters };

/** What a report's queries read: the items DynamoDB returned and examined, and how many queries. */
export type ReadTally = { queries: number; count: number; scannedCount: number };

export const newTally = (): ReadTally => ({ queries: 0, count: 0, scannedCount: 0 });

function itemOf(item: Record<string, unknown>): FiguresItem {
  const attributes: Record<string, string> = {};
  const counters: Counters = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(counterPrefix)) counters[name.slice(counterPrefix.length)] = Number(value);
    else if (typeof value === 'string' && !['pk', 'sk', 'entity'].includes(name)) attributes[name] = value;
  }
  return { sk: String(item.sk), attributes, counters };
}

/** Every item of one figures partition, or those whose sort key begins with `prefix` (one customer's). */
export async function figuresPartition(table: TablePort, pk: string, prefix: string | undefined, tally: ReadTally) {
  const found: FiguresItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':prefix': prefix } : {}) },
        ExclusiveStartKey: start,
      }),
    );
    tally.queries += 1;
    tally.count += page.Count ?? 0;
    tally.scannedCount += page.ScannedCount ?? 0;
    found.push(...(page.Items ?? []).map(itemOf));
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}
