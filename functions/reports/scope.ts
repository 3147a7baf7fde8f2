import type { ReportScope } from '../../shared/application/reports.ts';
import { Forbidden } from '../../shared/domain/errors.ts';
import type { Principal, Role } from '../../shared/domain/roles.ts';
import { actsForCustomerOnly, ownCustomer } from '../../shared/http/access.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { port } from '../../shared/runtime.ts';
import { reportReaders } from './routes.ts';

/** The roles that read amounts: every reader of the reports but the warehouse, which reads counts only. */
const amountReaders: ReadonlySet<Role> = new Set(reportReaders.filter((role) => role !== 'warehouse'));

/**
 * Whose figures a caller reads (R42): a customer's user its own customer's only, whatever it asks for; staff every
 * customer's, or the one they name. The warehouse reads no amounts.
 */
export async function reportScope(principal: Principal, customer: string | undefined): Promise<ReportScope> {
  const withAmounts = principal.roles.some((role) => amountReaders.has(role));
  if (!actsForCustomerOnly(principal)) return { ...(customer ? { customer } : {}), withAmounts };
  const own = (await customerRepository(port('table')).get(ownCustomer(principal))).code;
  if (customer && customer !== own) throw new Forbidden("A customer's user reads its own customer's figures only.");
  return { customer: own, withAmounts };
}
