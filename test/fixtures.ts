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
