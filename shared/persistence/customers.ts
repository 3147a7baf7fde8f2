import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomerCreated } from '../domain/customer.ts';
import { Conflict } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { TablePort } from '../ports/index.ts';
import type { Customer } from '../schemas/customer.ts';
import { allPages, gsi1Page, itemOrNotFound, type Page } from './items.ts';
import { type Idempotency, putVersioned, type Write, writeAtomically } from './write.ts';

/** Key design: see docs/data-model.md ("Customers"). */
export const customerKeys = {
  item: (id: string) => ({ pk: `CUSTOMER#${id}`, sk: 'CUSTOMER' }),
  code: (code: string) => ({ pk: `CUSTOMER_CODE#${code}`, sk: 'CUSTOMER_CODE' }),
  list: { gsi1pk: 'CUSTOMERS' },
  /** Grants: a customer's partition (the customer, its history, its receivable). */
  partitions: 'CUSTOMER#*',
};

/** The customer item as stored (the month-end benchmark writes thousands of them at once). */
export const customerItem = (customer: Customer) => ({
  ...customerKeys.item(customer.id),
  entity: 'customer',
  ...customerKeys.list,
  gsi1sk: customer.code,
  ...customer,
});

/** The customer's settlement is not what a write relied on (A116): `monthly` is what it is now. */
export class SettlementChanged extends Conflict {
  readonly monthly: boolean;
  constructor(monthly: boolean) {
    super("The customer's settlement terms changed a moment ago; nothing was saved. Please try again.");
    this.monthly = monthly;
  }
}

/**
 * A116: the customer settles monthly (or not), checked in the transaction of a change that depends on it (F7, R9)
 * instead of read before it; a settlement changed meanwhile fails the write, saying what it is now.
 */
export const settlementCheck = (tableName: string, customerId: string, monthly: boolean): Write => ({
  item: {
    ConditionCheck: {
      TableName: tableName,
      Key: customerKeys.item(customerId),
      ConditionExpression: `attribute_exists(pk) AND #settlement.#type ${monthly ? '=' : '<>'} :monthly`,
      ExpressionAttributeNames: { '#settlement': 'settlement', '#type': 'type' },
      ExpressionAttributeValues: { ':monthly': 'monthly' },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  },
  onConditionFailed: (found) =>
    new SettlementChanged((found as Pick<Customer, 'settlement'> | undefined)?.settlement.type === 'monthly'),
});

/** A customer as the receivables' reports read it. */
export type CustomerAccount = Pick<Customer, 'id' | 'code' | 'name' | 'currency' | 'settlement' | 'accountOwner'>;

export function customerRepository(table: TablePort) {
  return {
    /** R3: the code is unique — a guard item claims it in the same transaction as the customer. */
    async create(customer: Customer, event: CustomerCreated, now: Date, idempotency?: Idempotency) {
      await writeAtomically(table, {
        now,
        idempotency,
        events: [event],
        writes: [
          {
            item: {
              Put: {
                TableName: table.name,
                Item: { ...customerKeys.code(customer.code), entity: 'unique', customerId: customer.id },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            onConditionFailed: () =>
              new Conflict(`Customer code ${customer.code} is already in use.`, [
                { field: 'code', message: 'is already used by another customer' },
              ]),
          },
          {
            item: {
              Put: {
                TableName: table.name,
                Item: customerItem(customer),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          },
        ],
      });
    },

    async get(id: string) {
      return await itemOrNotFound<Customer>(table, customerKeys.item(id), `Customer ${id} does not exist.`, {
        consistent: false,
      });
    },

    /** The id of the customer holding a code (the uniqueness guard records it), if any. */
    async idForCode(code: string) {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: customerKeys.code(code) }));
      return Item?.customerId as string | undefined;
    },

    /** The customer if unchanged since read, with its event and `more` writes of the same transaction. */
    async update(customer: Customer, expectedVersion: number, event: DomainEvent, now: Date, more: Write[] = []) {
      await writeAtomically(table, {
        now,
        events: [event],
        writes: [putVersioned(table.name, customerItem(customer), expectedVersion, `Customer ${customer.id}`), ...more],
      });
    },

    /** Customers by code, a page at a time. */
    list: (page: Page) => gsi1Page<Customer>(table, customerKeys.list.gsi1pk, page),

    /**
     * Every customer by code, every page of A3, with only what the receivables' reports and reminders need (R40):
     * never their contacts and addresses.
     */
    everyAccount: () =>
      allPages<CustomerAccount>(table, {
        TableName: table.name,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': customerKeys.list.gsi1pk },
        ProjectionExpression: 'id, code, #name, currency, settlement, accountOwner',
        ExpressionAttributeNames: { '#name': 'name' },
      }),
  };
}
