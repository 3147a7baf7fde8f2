/**
 * The happy path bench/cost.ts prices, driven over HTTP as the demos drive it, against the stack at PORT with the
 * tokens of OFFLINE_DATA_DIR: a monthly-settlement customer's orders (no deposit, no balance: R9), each placed,
 * through intake from the e-mailed links (F1), finished, shipped from the e-mailed links (R17–R22) and signed for by
 * the customer from the link in the delivery note's e-mail (R23). With --statement instead: the month-end run (R38)
 * and the customer confirming its statement from the link in the e-mail.
 *
 *   node bench/cost-orders.ts [--orders 5] [--po COST] [--customer 003] [--statement]
 */
import { parseArgs } from 'node:util';
import { activeCustomer, confirmStatementFromLink, mail, monthEnd, runSchedule, step } from '../scripts/demo/client.ts';
import { finished, orderedAndInProduction, receivedFromLink, shipped } from '../scripts/demo/orders.ts';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1' },
    po: { type: 'string', default: 'COST' },
    customer: { type: 'string', default: '003' },
    statement: { type: 'boolean', default: false },
  },
});

const customer = await activeCustomer(values.customer);
if (customer.settlement.type !== 'monthly') throw new Error(`customer ${values.customer} does not settle monthly`);
const signer = customer.contacts[0].name as string;

if (values.statement) {
  const { month, runAt } = monthEnd();
  step(`R38: the month-end run for ${month}, then ${customer.code} confirms its statement from the link`);
  await runSchedule('month-end', runAt);
  const id = `ST${month.replace('-', '')}-${customer.code}`;
  const sent = await mail('statement', customer.contacts[0].email, id);
  const status = await confirmStatementFromLink(sent, signer);
  if (status !== 200) throw new Error(`confirming ${id} → ${status}`);
} else {
  const sets = 20;
  for (let i = 1; i <= Number(values.orders); i++) {
    const order = await orderedAndInProduction(customer, sets, `${values.po}${i}`);
    await finished(order);
    const sent = await shipped(order, customer, sets);
    const status = await receivedFromLink(sent, signer);
    if (status !== 200) throw new Error(`signing for ${order.number} → ${status}`);
  }
}
