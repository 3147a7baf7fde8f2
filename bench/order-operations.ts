import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { demoCustomers, demoProducts } from '../scripts/offline/demo-data.ts';
import { ulidIds } from '../shared/adapters/ids.ts';
import { accountTeamIn } from '../shared/application/people.ts';
import { approvalLinkParts, decide, linkHash } from '../shared/domain/approval.ts';
import { companyTimeZone } from '../shared/domain/company.ts';
import { openCustomer } from '../shared/domain/customer.ts';
import { domainEvent } from '../shared/domain/events.ts';
import { addDays, calendarDateIn } from '../shared/domain/lead-time.ts';
import { placeOrder } from '../shared/domain/order.ts';
import { nextNumbering } from '../shared/domain/order-number.ts';
import { quotedPricesOn } from '../shared/domain/special-price.ts';
import { staffDirectory } from '../shared/domain/staff-directory.ts';
import { approvalKeys, approvalRepository, publicApproval } from '../shared/persistence/approvals.ts';
import { customerRepository } from '../shared/persistence/customers.ts';
import { orderRepository } from '../shared/persistence/orders.ts';
import { productRepository } from '../shared/persistence/products.ts';
import { quotationRepository } from '../shared/persistence/quotations.ts';
import { staffRepository } from '../shared/persistence/staff.ts';
import type { TablePort } from '../shared/ports/index.ts';
import type { Customer } from '../shared/schemas/customer.ts';
import type { NewOrder } from '../shared/schemas/order.ts';

type Command = Parameters<TablePort['client']['send']>[0];

/**
 * The commands the persistence code would send for `use`, kept instead of sent (every request answers `{}` at once),
 * so that the raw path sends exactly the same requests, built before its clock starts. `use` may fail on the empty
 * answers (a GetItem finding nothing): by then its requests are kept.
 */
export async function capturedCommands(tableName: string, use: (table: TablePort) => Promise<unknown>) {
  const commands: Command[] = [];
  const client = {
    send: async (command: Command) => {
      commands.push(command);
      return {};
    },
  } as unknown as TablePort['client'];
  await use({ client, name: tableName }).catch(() => undefined);
  return commands;
}

/**
 * Customers on the terms of the first demo customer (a deposit customer, CNY, the demo merchandiser its account owner),
 * with the given three-digit codes: created as `loadDemoData` creates the demo customers. R3 gives a customer 99
 * numbers a month, so a benchmark placing more orders spreads them over several.
 */
export async function openCustomers(table: TablePort, codes: readonly number[]) {
  const [terms] = demoCustomers;
  if (!terms) throw new Error('no demo customer');
  const now = new Date();
  const directory = staffDirectory((await staffRepository(table).directory()).staff);
  const owner = directory.find(terms.accountOwner);
  if (!owner) throw new Error(`${terms.accountOwner} is not in the directory: load the demo staff first`);
  const team = accountTeamIn(directory, owner.id, now);
  const customers: Customer[] = [];
  for (const code of codes) {
    const padded = String(code).padStart(3, '0');
    const { customer, event } = openCustomer(
      { ...terms, code: padded, name: `Bench Customer ${padded}`, accountOwner: owner.id },
      team,
      { now: now.toISOString(), actor: 'bench', newId: ulidIds.next },
    );
    await customerRepository(table).create(customer, event, now);
    customers.push(customer);
  }
  return customers;
}

const kitSets = 50;
const kit = demoProducts.find((product) => product.code === 'CZM04-SET')?.kit ?? [];

/** A kit order of three lines (R2: the kit's components as the customer wrote them), from the demo products. */
export function kitOrderBody(customerId: string, poNumber: string) {
  return {
    customerId,
    poNumber,
    channel: 'email',
    requestedDate: addDays(calendarDateIn(new Date(), companyTimeZone), 90),
    lines: [
      {
        productCode: 'CZM04-SET',
        description: '执手套装（套装包装） Handle set, kit packing',
        quantity: kitSets,
        components: kit.map((part) => ({ productCode: part.code, quantity: part.quantity * kitSets })),
      },
      { productCode: 'CHJ01B-800', description: '欧槽铝连杆 Euro-groove aluminium connecting rod', quantity: 200 },
      { productCode: 'CYL75-3045', description: '75 单开锁芯 Single-open lock cylinder', quantity: 60 },
    ],
  } satisfies NewOrder;
}

/**
 * What `POST /orders` (functions/orders/place.ts) sends for this order: its one parallel round of reads (the customer,
 * the products, the approved quotations, the customer's numbering) and its one TransactWriteItems (sequence, number
 * guard, order, PO lookup, history entry, first revision, outbox event), built with the same domain and persistence
 * functions from what the table holds now (read here, before the clock starts).
 */
export async function rawPlaceCommands(table: TablePort, body: NewOrder, actor: string) {
  const customerId = body.customerId ?? '';
  const codes = body.lines.flatMap((line) => [line.productCode, ...(line.components ?? []).map((c) => c.productCode)]);
  const reads = await capturedCommands(table.name, (captured) =>
    Promise.all([
      customerRepository(captured).get(customerId),
      productRepository(captured).getMany(codes),
      quotationRepository(captured).approvedFor(customerId),
      orderRepository(captured).numbering(customerId),
    ]),
  );
  const orders = orderRepository(table);
  const [customer, products, approvedQuotations, previous] = await Promise.all([
    customerRepository(table).get(customerId),
    productRepository(table).getMany(codes),
    quotationRepository(table).approvedFor(customerId),
    orders.numbering(customerId),
  ]);
  const now = new Date();
  const next = nextNumbering(previous, { customerCode: customer.code, date: now, timeZone: companyTimeZone });
  const { order, event, history } = placeOrder(body, {
    customer,
    products,
    quotedPrices: quotedPricesOn(approvedQuotations, calendarDateIn(now, companyTimeZone), customer.currency),
    sequence: next.last,
    timeZone: companyTimeZone,
    now: now.toISOString(),
    actor,
    newId: ulidIds.next,
  });
  const [write] = await capturedCommands(table.name, (captured) =>
    orderRepository(captured).place(order, { previous, next }, event, history, now),
  );
  if (!write) throw new Error('placing an order sent nothing');
  return { order, reads, write };
}

/** What `GET /orders/{id}` reads for staff: the order's partition (order and history) and the order's approvals. */
export const rawGetOrderCommands = (tableName: string, id: string) =>
  capturedCommands(tableName, (table) =>
    Promise.all([orderRepository(table).get(id), approvalRepository(table).forSubject('order', id)]),
  );

/** What `GET /orders?customer=` reads: the first page of the customer's orders, newest first (GSI2). */
export const rawListOrdersCommands = (tableName: string, customerId: string, limit: number) =>
  capturedCommands(tableName, (table) => orderRepository(table).list({ customerId, limit }));

/**
 * A decision from an approval link, as DynamoDB sees it at the least: the link and its approval in one BatchGetItem
 * (consistent), then the approval's PENDING → DECIDED put with its ApprovalDecided event in one TransactWriteItems —
 * built with the domain's `decide` and the repository's `recordDecision`. Not the SendTaskSuccess that hands the
 * decision to the workflow afterwards: that is not DynamoDB.
 */
export async function rawDecisionCommands(table: TablePort, link: string) {
  const parts = approvalLinkParts(link);
  if (!parts) throw new Error(`${link} is no approval link`);
  const hash = linkHash(parts.secret);
  const stored = await approvalRepository(table).getByLink(hash, parts.approvalId);
  const read = new BatchGetCommand({
    RequestItems: {
      [table.name]: { Keys: [approvalKeys.link(hash), approvalKeys.item(stored.id)], ConsistentRead: true },
    },
  });
  const now = new Date();
  const by = stored.assignee;
  const decided = {
    ...stored,
    ...decide(publicApproval(stored), { outcome: 'approve' }, { by, now, channel: 'link' }),
  };
  const event = domainEvent(
    'ApprovalDecided',
    { kind: stored.subject.kind, id: stored.subject.id },
    { approval: publicApproval(decided) },
    { now: now.toISOString(), actor: by, newId: ulidIds.next },
  );
  const [write] = await capturedCommands(table.name, (captured) =>
    approvalRepository(captured).recordDecision(decided, event, now, () => new Error('decided already')),
  );
  if (!write) throw new Error('recording a decision sent nothing');
  return { read, write };
}
