import { type Overdue, overdueOf } from '../domain/ageing.ts';
import { type CustomerAccount, customerRepository } from '../persistence/customers.ts';
import { ledgerRepository } from '../persistence/ledger.ts';
import { port } from '../runtime.ts';

/** How many customers' ledgers are read at once: enough to finish thousands in seconds, few enough to not throttle. */
const ledgersAtOnce = 16;

export type Owing = { customer: CustomerAccount; balance: number; overdue: Overdue };

/**
 * R40: every customer that owes money, with its ledger aged on `today`: the customers (one index read, projected),
 * their receivables (BatchGetItem), and the ledgers of those owing only, read some at a time.
 */
export async function customersOwing(today: string): Promise<Owing[]> {
  const table = port('table');
  const ledger = ledgerRepository(table);
  const customers = await customerRepository(table).everyAccount();
  const balances = await ledger.balances(customers.map((customer) => customer.id));
  const owing = customers.filter((customer) => (balances.get(customer.id) ?? 0) > 0);
  const aged: Owing[] = [];
  for (let i = 0; i < owing.length; i += ledgersAtOnce) {
    aged.push(
      ...(await Promise.all(
        owing.slice(i, i + ledgersAtOnce).map(async (customer) => ({
          customer,
          balance: balances.get(customer.id) as number,
          overdue: overdueOf(await ledger.all(customer.id), {
            terms: customer.settlement,
            currency: customer.currency,
            today,
          }),
        })),
      )),
    );
  }
  return aged;
}
