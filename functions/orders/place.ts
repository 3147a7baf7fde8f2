import { companyTimeZone } from '../../shared/domain/company.ts';
import { customerOrder } from '../../shared/domain/customer-view.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../shared/domain/errors.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { placeOrder } from '../../shared/domain/order.ts';
import { nextNumbering } from '../../shared/domain/order-number.ts';
import { quotedPricesOn } from '../../shared/domain/special-price.ts';
import { actsForCustomerOnly, ownCustomer } from '../../shared/http/access.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { productRepository } from '../../shared/persistence/products.ts';
import { quotationRepository } from '../../shared/persistence/quotations.ts';
import { port } from '../../shared/runtime.ts';
import { placeOrderRoute } from './routes.ts';

/**
 * Orders placed at the same moment for one customer race for its next sequence number; the loser numbers again, so
 * that numbers stay gapless (R3) without a lock. A lost race is a transaction refused — as costly to DynamoDB as one
 * written — so the loser first lets the others through: it pauses, reads the sequence, and writes again only once the
 * sequence stood still over its pause (sensing before sending); while other orders keep moving it, it pauses again.
 * The pause is drawn from zero up to the time the lost write took, doubled with each race lost ("full jitter", at most
 * a second). The loser keeps trying while the function has time left to answer. The 100th order of a customer in one
 * month is refused by `nextNumbering` before anything is written (R3: no number of the month is left).
 */
const pause = (lost: number, writeMs: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, Math.max(10, writeMs) * 2 ** lost)));
/** What an answer needs after the last try: the response, its log line. */
const answerMs = 2000;

export const handler = httpHandler(placeOrderRoute, async ({ body, principal, idempotency, remainingMs }) => {
  const customerId = actsForCustomerOnly(principal) ? ownCustomer(principal) : body.customerId;
  if (actsForCustomerOnly(principal) && body.customerId && body.customerId !== customerId) {
    throw new Forbidden('A customer places orders for itself only.');
  }
  if (!customerId)
    throw new ValidationFailed([{ field: 'customerId', message: 'is required when staff enter an order' }]);
  const table = port('table');
  const orders = orderRepository(table);
  const codes = body.lines.flatMap((line) => [line.productCode, ...(line.components ?? []).map((c) => c.productCode)]);
  // One round of reads before the write: everything the order needs is known from the request.
  const [customer, copiedFrom, products, approvedQuotations, numbering] = await Promise.all([
    customerRepository(table)
      .get(customerId)
      .catch((error) => {
        throw error instanceof NotFound
          ? new ValidationFailed([{ field: 'customerId', message: 'is not a customer' }])
          : error;
      }),
    body.copiedFrom
      ? orders.get(body.copiedFrom).then(
          ({ order }) => order,
          () => undefined,
        )
      : undefined,
    productRepository(table).getMany(codes),
    // R37: a line below list stands on an approved quotation valid on the order's day, or is a special price.
    quotationRepository(table).approvedFor(customerId),
    orders.numbering(customerId),
  ]);
  if (body.copiedFrom && copiedFrom?.customerId !== customer.id) {
    throw new ValidationFailed([{ field: 'copiedFrom', message: "is not one of this customer's orders" }]);
  }

  let previous = numbering;
  for (let lost = 0; ; ) {
    const now = port('clock').now();
    const next = nextNumbering(previous, { customerCode: customer.code, date: now, timeZone: companyTimeZone });
    const { order, event, history } = placeOrder(body, {
      customer,
      products,
      copiedFrom,
      quotedPrices: quotedPricesOn(approvedQuotations, calendarDateIn(now, companyTimeZone), customer.currency),
      sequence: next.last,
      timeZone: companyTimeZone,
      now: now.toISOString(),
      actor: principal.email,
      newId: port('ids').next,
    });
    // A customer's system is answered with the customer's view (no review findings: they are the merchandiser's).
    const view = actsForCustomerOnly(principal) ? customerOrder(order) : order;
    const response = versioned(201, view, { location: `/orders/${order.id}` });
    const writing = Date.now();
    const written = await orders.place(order, { previous, next }, event, history, now, idempotency(response));
    if (written.placed) return response;
    const writeMs = Date.now() - writing;
    lost++;
    // Sense before writing again: pause and read until the sequence stood still over a pause. Nothing seen (DynamoDB
    // cancelled the write for a concurrent one): the first read after the pause will do.
    let seen = written.seen;
    for (let stoodStill = false; !stoodStill; ) {
      if (remainingMs() <= answerMs) throw new Conflict('Too many orders for this customer at once; please retry.');
      await pause(lost, writeMs);
      previous = await orders.numbering(customer.id);
      stoodStill = seen === undefined || previous?.last === seen.last;
      seen = previous;
    }
  }
});
