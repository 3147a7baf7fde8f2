import { customerQuotation } from '../../shared/domain/customer-view.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import type { Principal } from '../../shared/domain/roles.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { quotationRepository } from '../../shared/persistence/quotations.ts';
import type { TablePort } from '../../shared/ports/index.ts';

/**
 * A quotation as the caller may read it: staff the whole of it; a customer's user only its own approved ones (one
 * being decided, refused or lapsed does not exist for it), without list prices or who decided.
 */
export async function visibleQuotation(table: TablePort, id: string, principal: Principal) {
  const quotation = await quotationRepository(table).get(id);
  assertVisible(principal, quotation, 'Quotation');
  if (!actsForCustomerOnly(principal)) return { quotation, view: quotation };
  if (quotation.status !== 'approved') throw new NotFound(`Quotation ${quotation.id} does not exist.`);
  return { quotation, view: customerQuotation(quotation) };
}
