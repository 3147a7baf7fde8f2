import { closePendingApprovals } from '../../shared/application/approvals.ts';
import { inOrder, sent } from '../../shared/application/reads.ts';
import { Conflict, NotFound, ValidationFailed } from '../../shared/domain/errors.ts';
import { mergeOrders } from '../../shared/domain/order-arrangement.ts';
import { assertUnchanged, expectedVersion, httpHandler, versioned } from '../../shared/http/handler.ts';
import { executionName } from '../../shared/naming.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { orderArrangementRepository } from '../../shared/persistence/order-arrangements.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { productRepository } from '../../shared/persistence/products.ts';
import { earlierAttempt, IdempotentReplay } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { Order } from '../../shared/schemas/order.ts';
import { mergeOrdersRoute } from './routes.ts';

/**
 * R24: the absorbed order's intake ends with it. Its workflow, if still waiting (for finance's deposit, R9), is
 * stopped, and its pending approvals closed so that their links say so. Both are no-ops once done, so a retry
 * of the request finishes what a failed first attempt left.
 */
async function endIntakeOf(absorbedId: string, cause: string) {
  await port('workflows').stopExecution('order-intake', executionName('order-intake', absorbedId), cause);
  await closePendingApprovals({ kind: 'order', id: absorbedId }, cause);
}

/** R24: the merchandiser merges the order named in the body into this one, on the versions read of both. */
export const handler = httpHandler(mergeOrdersRoute, async ({ params, body, headers, principal, idempotency }) => {
  const expected = expectedVersion(headers, body.version);
  const table = port('table');
  const orders = orderRepository(table);
  const now = port('clock').now();
  // Two rounds of reads before the write: an earlier attempt and both orders (named by the request), then the
  // customer and the products of both orders' lines (named by the orders); each awaited in the order the checks go.
  const earlierRead = sent(earlierAttempt(table, idempotency({ status: 200 }), now));
  const survivingRead = sent(orders.get(params.id));
  const absorbedRead = sent(
    orders
      .get(body.orderId)
      .then(({ order }) => order)
      .catch((error) => {
        throw error instanceof NotFound
          ? new ValidationFailed([{ field: 'orderId', message: 'is not an order' }])
          : error;
      }),
  );
  // A retry of a merge that was done: the first response (the orders have moved on, so the rules would refuse it).
  const earlier = await earlierRead;
  if (earlier instanceof IdempotentReplay) {
    await endIntakeOf(body.orderId, `merged into ${(earlier.response.body as Order).number}`);
  }
  if (earlier) throw earlier;

  const { order: surviving } = await survivingRead;
  const absorbed = await absorbedRead;
  assertUnchanged(surviving, expected, `Order ${surviving.number}`);
  if (absorbed.version !== body.otherVersion) {
    throw new Conflict(`Order ${absorbed.number} was changed by someone else; read it again and retry.`, [
      {
        field: 'otherVersion',
        message: `is not the current version (you sent ${body.otherVersion}, it is ${absorbed.version})`,
      },
    ]);
  }
  const codes = [...surviving.lines, ...absorbed.lines].flatMap((line) => [
    line.productCode,
    ...(line.components ?? []).map((component) => component.productCode),
  ]);
  const [customer, products] = await inOrder([
    customerRepository(table).get(surviving.customerId),
    productRepository(table).getMany(codes),
  ]);
  const merge = mergeOrders(surviving, absorbed, {
    customer,
    products,
    now: now.toISOString(),
    actor: principal.email,
    newId: port('ids').next,
  });
  const response = versioned(200, merge.surviving);
  await orderArrangementRepository(table).merge(
    merge,
    { surviving: expected, absorbed: body.otherVersion },
    now,
    idempotency(response),
  );
  await endIntakeOf(absorbed.id, `merged into ${surviving.number}`);
  return response;
});
