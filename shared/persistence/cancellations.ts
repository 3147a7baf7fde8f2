import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import { cancellableStatuses, whyNotCancellable } from '../domain/order-cancellation.ts';
import type { TablePort } from '../ports/index.ts';
import type { CancellationRequest, CustomerCredit } from '../schemas/cancellation.ts';
import type { HistoryEntry } from '../schemas/order.ts';
import { dataOf } from './items.ts';
import { orderStatusCheck } from './orders.ts';
import { onOrder, type RequestKind, requestKeys, requestRepository } from './requests.ts';
import type { Idempotency, Write } from './write.ts';

/**
 * Key design: see docs/data-model.md ("Cancellation requests"). They live in their order's partition (see
 * requests.ts); credits live in the customer's partition.
 */
const cancellations: RequestKind<CancellationRequest> = {
  subject: onOrder,
  prefix: 'CANCELLATION',
  guard: 'cancellation',
  entity: 'cancellation-request',
  label: 'Cancellation',
  isOpen: (status) => status === 'waiting',
};

export const cancellationKeys = {
  ...requestKeys(cancellations),
  credit: (customerId: string, orderId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `CREDIT#${orderId}` }),
};

export function cancellationRepository(table: TablePort) {
  const requests = requestRepository<CancellationRequest>(table, cancellations);

  /** R16: the deposit owed back, written once per order (a retried step finds it and writes nothing twice). */
  const creditWrite = (credit: CustomerCredit): Write => ({
    item: {
      Put: {
        TableName: table.name,
        Item: { ...cancellationKeys.credit(credit.customerId, credit.orderId), entity: 'customer-credit', ...credit },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    onConditionFailed: () => new Conflict(`A credit for order ${credit.orderNumber} is recorded already.`),
  });

  return {
    ...requests,
    creditWrite,

    /** R16: a new request, refused with 409 while another one of the order waits, or when the order ended meanwhile. */
    open: (
      cancellation: CancellationRequest,
      recorded: { event: DomainEvent; history: HistoryEntry },
      now: Date,
      idempotency?: Idempotency,
    ) =>
      requests.open(cancellation, recorded, now, {
        idempotency,
        checks: [
          orderStatusCheck(table.name, cancellation.orderId, cancellableStatuses, (order) =>
            whyNotCancellable({ number: cancellation.orderNumber, ...order }),
          ),
        ],
      }),

    /** The order's latest cancellation request, if any. */
    latest: async (orderId: string) => (await requests.forSubject(orderId, { newestFirst: true, limit: 1 }))[0],

    /** R16: the credit recorded for a cancelled order, if any (F7 reads these). */
    async credit(customerId: string, orderId: string) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: cancellationKeys.credit(customerId, orderId),
          ConsistentRead: true,
        }),
      );
      return Item ? dataOf<CustomerCredit>(Item) : undefined;
    },
  };
}
