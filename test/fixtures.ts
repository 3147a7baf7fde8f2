import type { NewCustomer } from '../shared/schemas/customer.ts';

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
    salesManagerEmail: 'sales.manager@example.com',
    merchandiserEmail: 'merchandiser@example.com',
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
