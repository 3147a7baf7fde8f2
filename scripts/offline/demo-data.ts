import { openCustomer } from '../../shared/domain/customer.ts';
import { addProduct } from '../../shared/domain/product.ts';
import type { Role } from '../../shared/domain/roles.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { productRepository } from '../../shared/persistence/products.ts';
import type { Ports } from '../../shared/ports/index.ts';
import type { NewCustomer } from '../../shared/schemas/customer.ts';
import type { NewProduct } from '../../shared/schemas/product.ts';

/** One demo user per role; on AWS these are Cognito users in the group of the same name. */
export const demoUsers: { role: Role; email: string; name: string; customerCode?: string }[] = [
  { role: 'customer', email: 'li.wei@huaxin.example', name: 'Li Wei (Huaxin Windows)', customerCode: '001' },
  { role: 'merchandiser', email: 'wang.fang@factory.example', name: 'Wang Fang' },
  { role: 'planner', email: 'zhao.lei@factory.example', name: 'Zhao Lei' },
  { role: 'pmc', email: 'chen.jie@factory.example', name: 'Chen Jie' },
  { role: 'sales-admin', email: 'liu.yang@factory.example', name: 'Liu Yang' },
  { role: 'warehouse', email: 'sun.hao@factory.example', name: 'Sun Hao' },
  { role: 'finance', email: 'zhou.min@factory.example', name: 'Zhou Min' },
  { role: 'qa', email: 'wu.qiang@factory.example', name: 'Wu Qiang' },
  { role: 'leader', email: 'xu.ming@factory.example', name: 'Xu Ming' },
  { role: 'gm', email: 'he.jun@factory.example', name: 'He Jun' },
  { role: 'admin', email: 'ops@factory.example', name: 'Operations' },
];

/** The deployment settings (stack parameters on AWS) the offline stack runs with. */
export const demoSettings = {
  ESCALATION_EMAIL: 'he.jun@factory.example',
  PLANNING_EMAIL: 'zhao.lei@factory.example',
  PMC_EMAIL: 'chen.jie@factory.example',
  PRODUCTION_EMAIL: 'production@factory.example',
  FINANCE_EMAIL: 'zhou.min@factory.example',
  /** R16: the sales manager decides cancellations up to these amounts; above them, the general manager. */
  CANCELLATION_LIMITS: 'CNY=50000;USD=7000;EUR=6500',
  GENERAL_MANAGER_EMAIL: 'he.jun@factory.example',
  OPERATIONS_EMAIL: 'ops@factory.example',
};

const staff = { salesManagerEmail: 'xu.ming@factory.example', merchandiserEmail: 'wang.fang@factory.example' };

/** Customers on each kind of settlement terms (R9, F7). */
export const demoCustomers: NewCustomer[] = [
  {
    code: '001',
    name: '华信门窗有限公司 Huaxin Windows Co.',
    contacts: [{ name: '李伟 Li Wei', email: 'li.wei@huaxin.example', language: 'zh-CN', phone: '+86 757 8888 0001' }],
    addresses: [{ label: '工厂 Factory', lines: ['佛山市南海区大沥镇工业大道 18 号'], city: 'Foshan', country: 'CN' }],
    region: 'CN',
    currency: 'CNY',
    settlement: { type: 'deposit', depositPercent: 30 },
    ...staff,
  },
  {
    code: '002',
    name: 'Northwind Fenestration Inc.',
    contacts: [{ name: 'Emily Carter', email: 'purchasing@northwind.example', language: 'en' }],
    addresses: [{ label: 'Warehouse', lines: ['1200 Harbor Rd'], city: 'Oakland', postalCode: '94607', country: 'US' }],
    region: 'NA',
    currency: 'USD',
    settlement: { type: 'prepaid' },
    ...staff,
  },
  {
    code: '003',
    name: '济南铝业贸易 Jinan Aluminium Trading',
    contacts: [{ name: '王静 Wang Jing', email: 'finance@jinan-alu.example', language: 'zh-CN' }],
    addresses: [{ label: '仓库 Warehouse', lines: ['济南市历城区工业北路 66 号'], city: 'Jinan', country: 'CN' }],
    region: 'CN',
    currency: 'CNY',
    settlement: { type: 'monthly', creditLimit: 200000 },
    ...staff,
  },
];

const part = (code: string, name: string, spec: string, unit: string, cny: number, usd: number, moq: number) =>
  ({
    code,
    name,
    spec,
    type: 'P',
    unit,
    prices: { CNY: cny, USD: usd },
    minimumOrderQuantity: moq,
    active: true,
  }) as const;

/** The sample products of doc 000, with the handle set as a kit (R2: its bill of materials). */
export const demoProducts: NewProduct[] = [
  part('CHJ01B-800', '欧槽铝连杆 Euro-groove aluminium connecting rod', '800 mm', 'pc', 18.5, 2.8, 100),
  part('CZM04', '双面执手（左） Double-sided handle, left', 'left', 'pc', 32, 4.9, 50),
  part('503085A', '锁体 Lock body', '85 × 30', 'pc', 21, 3.2, 50),
  part('CZMK08A', '锁扣 Strike plate', '', 'pc', 3.2, 0.5, 50),
  part('SP110', '110 方轴 Square spindle', '110 mm', 'pc', 1.6, 0.25, 50),
  part('M5X75', '螺丝 Screw M5×75', 'M5 × 75', 'pc', 0.12, 0.02, 500),
  part('CYL75-3045', '75 单开锁芯 Single-open lock cylinder', '75 mm, 30/45T', 'pc', 26, 3.9, 30),
  {
    code: 'CZM04-SET',
    name: '执手套装（套装包装） Handle set, kit packing',
    spec: 'CZM04 + 503085A + SP110 + CZMK08A + 2 × M5X75 + CYL75-3045',
    type: 'C',
    unit: 'set',
    prices: { CNY: 85, USD: 12.9 },
    minimumOrderQuantity: 50,
    kit: [
      { code: 'CZM04', quantity: 1 },
      { code: '503085A', quantity: 1 },
      { code: 'SP110', quantity: 1 },
      { code: 'CZMK08A', quantity: 1 },
      { code: 'M5X75', quantity: 2 },
      { code: 'CYL75-3045', quantity: 1 },
    ],
    active: true,
  },
];

/** Loads what is missing (by code), so a restart neither duplicates nor overwrites anything. */
export async function loadDemoData({ table, clock, ids }: Pick<Ports, 'table' | 'clock' | 'ids'>) {
  const now = clock.now();
  const customers = customerRepository(table);
  const products = productRepository(table);
  let added = 0;
  for (const input of demoCustomers) {
    if (await customers.idForCode(input.code)) continue;
    const { customer, event } = openCustomer(input, { now: now.toISOString(), actor: 'demo-data', newId: ids.next });
    await customers.create(customer, event, now);
    added++;
  }
  const present = await products.getMany(demoProducts.map((p) => p.code));
  for (const input of demoProducts.filter((p) => !present.has(p.code))) {
    const { product, event } = addProduct(input, { now: now.toISOString(), actor: 'demo-data', newId: ids.next });
    await products.create(product, event, now);
    added++;
  }
  const customerIds = Object.fromEntries(
    await Promise.all(demoCustomers.map(async ({ code }) => [code, await customers.idForCode(code)] as const)),
  );
  return { added, customerIds };
}
