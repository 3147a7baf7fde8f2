import { inOrder } from '../../shared/application/reads.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { namedInBody } from '../../shared/domain/errors.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { requestQuotation } from '../../shared/domain/quotation.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { subjectHistoryWrite } from '../../shared/persistence/history.ts';
import { productRepository } from '../../shared/persistence/products.ts';
import { quotationNumber, quotationRepository } from '../../shared/persistence/quotations.ts';
import { retryOnConflict, unlessRetried, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { requestQuotationRoute } from './routes.ts';

/**
 * R37: a quotation asked for, under the month's next number; nothing goes to the customer here. The quotation
 * workflow (started by QuotationRequested) asks whoever approves it. Another quotation taking the number at the same
 * moment makes it number again.
 */
export const handler = httpHandler(requestQuotationRoute, async ({ body, principal, idempotency }) => {
  const table = port('table');
  const quotations = quotationRepository(table);
  return retryOnConflict(async () => {
    const now = port('clock').now();
    const today = calendarDateIn(now, companyTimeZone);
    const month = today.slice(0, 7);
    // One round of reads before the write, failing in the order they were once read: the customer named, the
    // products, an earlier attempt of this request (answered with its first response), the month's numbering.
    const [customer, products, , previous] = await inOrder([
      customerRepository(table).get(body.customerId).catch(namedInBody('customerId', 'a customer')),
      productRepository(table).getMany(body.lines.map((line) => line.productCode)),
      unlessRetried(table, idempotency({ status: 201 }), now),
      quotations.lastNumber(month),
    ]);
    const context = { now: now.toISOString(), actor: principal.email, newId: port('ids').next };
    const { quotation, event, history } = requestQuotation(body, {
      ...context,
      id: `quo_${context.newId()}`,
      number: quotationNumber(month, previous + 1),
      customer,
      products,
      today,
    });
    const response = versioned(201, quotation, { location: `/quotations/${quotation.id}` });
    await writeAtomically(table, {
      now,
      events: [event],
      writes: [
        ...quotations.requested(quotation, month, previous),
        subjectHistoryWrite(table.name, { kind: 'customer', id: customer.id }, history, event.id),
      ],
      idempotency: idempotency(response),
    });
    return response;
  });
});
