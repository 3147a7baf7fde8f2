import { demoPeople, demoProducts } from '../scripts/offline/demo-data.ts';
import { openCustomer } from '../shared/domain/customer.ts';
import { placeOrder } from '../shared/domain/order.ts';
import { addProduct } from '../shared/domain/product.ts';
import type { Customer, NewCustomer } from '../shared/schemas/customer.ts';
import type { LedgerEntry } from '../shared/schemas/ledger.ts';
import type { NewOrderLine, Order } from '../shared/schemas/order.ts';

/** A valid new customer; tests vary one thing at a time. */
export function newCustomer(overrides: Partial<NewCustomer> = {}): NewCustomer {
  return {
    code: '101',
    name: 'Huaxin Windows Co.',
    contacts: [{ name: 'Li Wei', email: 'li.wei@huaxin.example', language: 'zh-CN' }],
    addresses: [],
    region: 'CN',
    currency: 'CNY',
    settlement: { type: 'deposit', depositPercent: 30 },
    accountOwner: demoPeople.merchandiser,
    ...overrides,
  };
}

/** Doc 000's handle-set line as a customer writes it: everything for 50 kits, but only 30 cylinders (R2). */
export const doc000KitComponents = [
  { productCode: 'CZM04', quantity: 50 },
  { productCode: '503085A', quantity: 50 },
  { productCode: 'SP110', quantity: 50 },
  { productCode: 'CZMK08A', quantity: 50 },
  { productCode: 'M5X75', quantity: 100 },
  { productCode: 'CYL75-3045', quantity: 30 },
];

let ids = 0;
/** ULID-shaped ids, in order. */
export const nextTestId = () => `01J${String(++ids).padStart(23, '0')}`;
/** A moment of the test morning, minute by minute. */
export const atMinute = (minute: number) => `2026-11-25T08:${String(minute).padStart(2, '0')}:00.000Z`;

/** A staff id for a customer's account owner, as the directory resolved it (domain tests do no I/O). */
export const testOwner = 'stf_01J0000000000000000000OWNR';

/** A new customer as the domain receives it: its account owner resolved to a staff id. */
export const ownedCustomer = (overrides: Partial<NewCustomer> = {}) =>
  newCustomer({ accountOwner: testOwner, ...overrides });

/** The account team the events of the fixtures' customer go to. */
export const testTeam = { merchandiserEmail: demoPeople.merchandiser, salesManagerEmail: demoPeople.salesManager };

const opened = openCustomer(
  ownedCustomer({ addresses: [{ label: 'Site', lines: ['1 Road'], city: 'Foshan', country: 'CN' }] }),
  testTeam,
  { now: atMinute(0), actor: 'demo', newId: nextTestId },
).customer;
/** An active customer on 30 % deposit terms, with a delivery address; and the demo products with their prices. */
export const activeCustomer: Customer = { ...opened, status: 'active' };
export const productsByCode = new Map(
  demoProducts.map((input) => [
    input.code,
    addProduct(input, { now: atMinute(0), actor: 'demo', newId: nextTestId }).product,
  ]),
);
export const testParties = {
  customerName: 'Huaxin',
  contacts: [],
  merchandiserEmail: 'm@example.com',
  pmcEmail: 'pmc@example.com',
};

/** An order placed from `lines` by the active customer, then at `overrides` (in production, promised, by default). */
export function placedOrder(lines: NewOrderLine[], overrides: Partial<Order> = {}): Order {
  const { order } = placeOrder(
    { poNumber: 'PO-1', channel: 'email', requestedDate: '2027-03-01', lines },
    {
      customer: activeCustomer,
      products: productsByCode,
      now: atMinute(1),
      actor: 'buyer@huaxin.example',
      newId: nextTestId,
      sequence: 1,
      timeZone: 'Asia/Shanghai',
    },
  );
  return { ...order, status: 'in_production', promisedDate: '2027-03-01', ...overrides };
}

/** A ledger entry of customer `cus_1` booked at 10:00 in Shanghai on `day` (R40). */
export const ledgerEntry = (
  kind: LedgerEntry['kind'],
  reference: string,
  amount: number,
  day: string,
): LedgerEntry => ({
  customerId: 'cus_1',
  kind,
  reference,
  amount,
  currency: 'CNY',
  at: `${day}T02:00:00.000Z`,
});
