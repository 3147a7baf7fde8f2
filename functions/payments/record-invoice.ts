import { inOrder } from '../../shared/application/reads.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { recordInvoice } from '../../shared/domain/invoice.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { ledgerRepository } from '../../shared/persistence/ledger.ts';
import { retryOnConflict, unlessRetried, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { recordInvoiceRoute } from './routes.ts';

/**
 * R39: finance records the invoice issued for money received — never more than paid and not invoiced yet; two at the
 * same moment are read again one after the other, so the same money is never invoiced twice.
 */
export const handler = httpHandler(recordInvoiceRoute, async ({ params, body, principal, idempotency }) => {
  const table = port('table');
  const ledger = ledgerRepository(table);
  return retryOnConflict(
    async () => {
      const now = port('clock').now();
      // One round of reads before the write: the customer, an earlier attempt of this request, what it was invoiced.
      const [customer, , invoicing] = await inOrder([
        customerRepository(table).get(params.id),
        unlessRetried(table, idempotency({ status: 201 }), now),
        ledger.receivable(params.id),
      ]);
      const context = { id: `inv_${port('ids').next()}`, now: now.toISOString(), actor: principal.email };
      const invoice = recordInvoice(
        body,
        { customer, invoicing, today: calendarDateIn(now, companyTimeZone) },
        context,
      );
      const response = { status: 201, body: invoice };
      await writeAtomically(table, {
        now,
        events: [],
        writes: ledger.invoiced(invoice, invoicing.invoiced),
        idempotency: idempotency(response),
      });
      return response;
    },
    5,
    // A number recorded already stays so however often it is read again.
    (error) => error.errors?.[0]?.field === 'number',
  );
});
