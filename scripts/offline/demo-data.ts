import { accountTeamIn } from '../../shared/application/people.ts';
import { openCustomer } from '../../shared/domain/customer.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { addProduct } from '../../shared/domain/product.ts';
import type { Role, StaffRole } from '../../shared/domain/roles.ts';
import { directoryIssues, type StaffAdded, type StaffWrite } from '../../shared/domain/staff.ts';
import { staffDirectory } from '../../shared/domain/staff-directory.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { productRepository } from '../../shared/persistence/products.ts';
import { staffRepository } from '../../shared/persistence/staff.ts';
import type { Ports } from '../../shared/ports/index.ts';
import type { Language } from '../../shared/schemas/common.ts';
import type { NewCustomer } from '../../shared/schemas/customer.ts';
import type { NewProduct } from '../../shared/schemas/product.ts';
import type { Staff } from '../../shared/schemas/staff.ts';

/**
 * One demo user per role; on AWS these are Cognito users in the group of the same name. Every staff user is a person
 * of the demo company's directory (below) holding that role.
 */
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
  { role: 'admin', email: 'feng.tao@factory.example', name: 'Feng Tao' },
];

/** The deployment settings (stack parameters on AWS) the offline stack runs with. */
export const demoSettings = {
  /** The workshop's shared mailbox, told of contract modifications (R14): a mailbox, not a person. */
  PRODUCTION_EMAIL: 'production@factory.example',
  /** R16: the sales manager decides cancellations up to these amounts; above them, the general manager. */
  CANCELLATION_LIMITS: 'CNY=50000;USD=7000;EUR=6500',
  /** A credit limit raised by more than these amounts is approved from the link only with a one-time code. */
  CREDIT_RAISE_CODE_THRESHOLDS: 'CNY=100000;USD=14000;EUR=13000',
  /** R37: special prices up to 10 % below list are the deputy GM's to approve; deeper ones the general manager's. */
  SPECIAL_PRICE_DEPUTY_LIMIT: '10',
};

/**
 * Whom the staff directory resolves each step to in the demo company as loaded (nobody away): the demos and tests
 * read their mailboxes.
 */
export const demoPeople = {
  /** Account owner of the demo customers. */
  merchandiser: 'wang.fang@factory.example',
  /** Her deputy. */
  deputyMerchandiser: 'li.na@factory.example',
  /** Her leader: the demo customers' sales manager. */
  salesManager: 'xu.ming@factory.example',
  plannerOnDuty: 'zhao.lei@factory.example',
  pmcOnDuty: 'chen.jie@factory.example',
  /** PMC's manager, the PMC planner's leader. */
  pmcManager: 'zheng.guoqiang@factory.example',
  financeOnDuty: 'zhou.min@factory.example',
  /** Sales admin: approves stock-prep forms and their prices, signs delivery notes (R18, R20). */
  salesAdmin: 'liu.yang@factory.example',
  /** The warehouse keeper on duty: prepares and ships the goods (R19, R21). */
  warehouseOnDuty: 'sun.hao@factory.example',
  /** Quality on duty: analyses complaints, 8D (R26). */
  qaOnDuty: 'wu.qiang@factory.example',
  generalManager: 'he.jun@factory.example',
  /** The general manager's deputy: approves special prices up to SPECIAL_PRICE_DEPUTY_LIMIT below list (R37). */
  deputyGeneralManager: 'lin.guodong@factory.example',
  /** The administrator: operations. */
  operations: 'feng.tao@factory.example',
};

const accountTeam = { accountOwner: demoPeople.merchandiser };

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
    ...accountTeam,
  },
  {
    code: '002',
    name: 'Northwind Fenestration Inc.',
    contacts: [{ name: 'Emily Carter', email: 'purchasing@northwind.example', language: 'en' }],
    addresses: [{ label: 'Warehouse', lines: ['1200 Harbor Rd'], city: 'Oakland', postalCode: '94607', country: 'US' }],
    region: 'NA',
    currency: 'USD',
    settlement: { type: 'prepaid' },
    ...accountTeam,
  },
  {
    code: '003',
    name: '济南铝业贸易 Jinan Aluminium Trading',
    contacts: [{ name: '王静 Wang Jing', email: 'finance@jinan-alu.example', language: 'zh-CN' }],
    addresses: [{ label: '仓库 Warehouse', lines: ['济南市历城区工业北路 66 号'], city: 'Jinan', country: 'CN' }],
    region: 'CN',
    currency: 'CNY',
    settlement: { type: 'monthly', creditLimit: 200000 },
    ...accountTeam,
  },
  {
    code: '004',
    name: 'Pacific Glazing Pty Ltd',
    contacts: [{ name: 'Sam Nguyen', email: 'accounts@pacific-glazing.example', language: 'en' }],
    addresses: [
      { label: 'Warehouse', lines: ['14 Export Drive'], city: 'Brisbane', postalCode: '4000', country: 'AU' },
    ],
    region: 'AU',
    currency: 'USD',
    settlement: { type: 'monthly', creditLimit: 30000 },
    ...accountTeam,
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

/** A person of the demo company; leader and deputy by e-mail; away as days from the moment the data is loaded. */
type DemoPerson = {
  name: string;
  email: string;
  language?: Language;
  roles: StaffRole[];
  department: string;
  leader?: string;
  deputy?: string;
  onDuty?: StaffRole[];
  away?: { fromDay: number; toDay: number; note: string };
};

const at = (name: string) => `${name}@factory.example`;

/**
 * The demo company: a building-hardware maker of 23 people. The addresses of the demo settings and the demo
 * customers' account team are people here: planning (赵磊, on duty), PMC (陈杰, on duty), finance (周敏, on duty),
 * the general manager (何军, escalations and cancellations), the customers' merchandiser (王芳) and sales manager
 * (徐明, her leader). PRODUCTION_EMAIL stays the workshop's shared mailbox, not a person. Thomas Becker, the export
 * sales manager, is away at a trade fair: 徐明 stands in for him.
 */
export const demoStaff: DemoPerson[] = [
  // Management
  {
    name: '何军 He Jun',
    email: at('he.jun'),
    roles: ['gm', 'leader'],
    department: 'management',
    deputy: at('lin.guodong'),
  },
  {
    name: '林国栋 Lin Guodong',
    email: at('lin.guodong'),
    roles: ['gm', 'leader'],
    department: 'management',
    leader: at('he.jun'),
    deputy: at('he.jun'),
  },
  // Sales: two sales managers, each the leader of two merchandisers; the sales admin
  {
    name: '徐明 Xu Ming',
    email: at('xu.ming'),
    roles: ['leader'],
    department: 'sales',
    leader: at('he.jun'),
    deputy: at('thomas.becker'),
  },
  {
    name: 'Thomas Becker',
    email: at('thomas.becker'),
    language: 'en',
    roles: ['leader'],
    department: 'sales',
    leader: at('he.jun'),
    deputy: at('xu.ming'),
    away: { fromDay: -2, toDay: 12, note: 'fensterbau frontale, Nuremberg' },
  },
  {
    name: '王芳 Wang Fang',
    email: at('wang.fang'),
    roles: ['merchandiser'],
    department: 'sales',
    leader: at('xu.ming'),
    deputy: at('li.na'),
  },
  {
    name: '李娜 Li Na',
    email: at('li.na'),
    roles: ['merchandiser'],
    department: 'sales',
    leader: at('xu.ming'),
    deputy: at('wang.fang'),
  },
  {
    name: '张伟 Zhang Wei',
    email: at('zhang.wei'),
    roles: ['merchandiser'],
    department: 'sales',
    leader: at('thomas.becker'),
    deputy: at('chen.xiaoyan'),
  },
  {
    name: '陈晓燕 Chen Xiaoyan',
    email: at('chen.xiaoyan'),
    roles: ['merchandiser'],
    department: 'sales',
    leader: at('thomas.becker'),
    deputy: at('zhang.wei'),
  },
  { name: '刘洋 Liu Yang', email: at('liu.yang'), roles: ['sales-admin'], department: 'sales', leader: at('xu.ming') },
  // Customer service: planning (汇审, R4)
  {
    name: '赵磊 Zhao Lei',
    email: at('zhao.lei'),
    roles: ['planner'],
    department: 'customer-service',
    leader: at('lin.guodong'),
    deputy: at('sun.li'),
    onDuty: ['planner'],
  },
  {
    name: '孙丽 Sun Li',
    email: at('sun.li'),
    roles: ['planner'],
    department: 'customer-service',
    leader: at('lin.guodong'),
    deputy: at('zhao.lei'),
  },
  // PMC: the manager and two planners (promised dates, R5); production reports lines started (R12)
  {
    name: '郑国强 Zheng Guoqiang',
    email: at('zheng.guoqiang'),
    roles: ['pmc', 'leader'],
    department: 'pmc',
    leader: at('lin.guodong'),
    deputy: at('chen.jie'),
  },
  {
    name: '陈杰 Chen Jie',
    email: at('chen.jie'),
    roles: ['pmc'],
    department: 'pmc',
    leader: at('zheng.guoqiang'),
    deputy: at('ma.chao'),
    onDuty: ['pmc'],
  },
  {
    name: '马超 Ma Chao',
    email: at('ma.chao'),
    roles: ['pmc'],
    department: 'pmc',
    leader: at('zheng.guoqiang'),
    deputy: at('chen.jie'),
  },
  {
    name: '黄伟 Huang Wei',
    email: at('huang.wei'),
    roles: ['pmc'],
    department: 'production',
    leader: at('zheng.guoqiang'),
    deputy: at('ma.chao'),
  },
  // Warehouse
  {
    name: '罗军 Luo Jun',
    email: at('luo.jun'),
    roles: ['warehouse', 'leader'],
    department: 'warehouse',
    leader: at('lin.guodong'),
    deputy: at('sun.hao'),
  },
  {
    name: '孙浩 Sun Hao',
    email: at('sun.hao'),
    roles: ['warehouse'],
    department: 'warehouse',
    leader: at('luo.jun'),
    deputy: at('luo.jun'),
    onDuty: ['warehouse'],
  },
  // Finance: the manager and the billing desk
  {
    name: '钱华 Qian Hua',
    email: at('qian.hua'),
    roles: ['finance', 'leader'],
    department: 'finance',
    leader: at('he.jun'),
    deputy: at('zhou.min'),
  },
  {
    name: '周敏 Zhou Min',
    email: at('zhou.min'),
    roles: ['finance'],
    department: 'finance',
    leader: at('qian.hua'),
    deputy: at('zheng.li'),
    onDuty: ['finance'],
  },
  {
    name: '郑丽 Zheng Li',
    email: at('zheng.li'),
    roles: ['finance'],
    department: 'finance',
    leader: at('qian.hua'),
    deputy: at('zhou.min'),
  },
  // Quality
  {
    name: '吴强 Wu Qiang',
    email: at('wu.qiang'),
    roles: ['qa'],
    department: 'quality',
    leader: at('lin.guodong'),
    deputy: at('yang.fan'),
    onDuty: ['qa'],
  },
  {
    name: '杨帆 Yang Fan',
    email: at('yang.fan'),
    roles: ['qa'],
    department: 'quality',
    leader: at('lin.guodong'),
    deputy: at('wu.qiang'),
  },
  // The system administrator, who keeps this directory
  { name: '冯涛 Feng Tao', email: at('feng.tao'), roles: ['admin'], department: 'it', leader: at('he.jun') },
];

const day = 24 * 60 * 60 * 1000;

/** The demo company as directory records, loaded at `now` (the away period counts from it); checked by every rule. */
export function demoDirectory(now: Date, newId: () => string): Staff[] {
  const ids = new Map(demoStaff.map((person) => [person.email, `stf_${newId()}`]));
  const idOf = (email: string | undefined) => {
    if (email === undefined) return undefined;
    const id = ids.get(email);
    if (!id) throw new Error(`demo staff: ${email} is not in the demo company`);
    return id;
  };
  const iso = (days: number) => new Date(now.getTime() + days * day).toISOString();
  const staff = demoStaff.map(
    ({ leader, deputy, away, onDuty = [], language = 'zh-CN', ...person }): Staff => ({
      ...person,
      id: idOf(person.email) as string,
      language,
      onDuty,
      active: true,
      ...(leader ? { leader: idOf(leader) } : {}),
      ...(deputy ? { deputy: idOf(deputy) } : {}),
      ...(away ? { away: { from: iso(away.fromDay), to: iso(away.toDay), note: away.note } } : {}),
      version: 1,
      createdAt: now.toISOString(),
      createdBy: 'demo-data',
      updatedAt: now.toISOString(),
      updatedBy: 'demo-data',
    }),
  );
  const issues = directoryIssues(staff);
  if (issues.length) throw new Error(`demo staff break the directory's rules: ${JSON.stringify(issues)}`);
  return staff;
}

/**
 * The demo company, when its directory has none of them yet (a fresh start): written together, a few dozen people a
 * transaction (each is a person, an e-mail guard and an event), so a restart neither duplicates nor overwrites.
 */
export async function loadDemoStaff({ table, clock, ids }: Pick<Ports, 'table' | 'clock' | 'ids'>) {
  const repository = staffRepository(table);
  const read = await repository.directory();
  const known = new Set(read.staff.map((person) => person.email));
  if (demoStaff.some((person) => known.has(person.email))) return 0;
  const now = clock.now();
  const context = { now: now.toISOString(), actor: 'demo-data', newId: ids.next };
  const writes = demoDirectory(now, ids.next).map(
    (staff): StaffWrite => ({
      staff,
      event: domainEvent('StaffAdded', { kind: 'staff', id: staff.id }, { staff }, context) as StaffAdded,
    }),
  );
  let revision = read.revision;
  for (let i = 0; i < writes.length; i += 30) {
    await repository.save(writes.slice(i, i + 30), revision, now);
    revision++;
  }
  return writes.length;
}

/** Loads what is missing (by code), so a restart neither duplicates nor overwrites anything. */
export async function loadDemoData({ table, clock, ids }: Pick<Ports, 'table' | 'clock' | 'ids'>) {
  const now = clock.now();
  const customers = customerRepository(table);
  const products = productRepository(table);
  let added = await loadDemoStaff({ table, clock, ids });
  const directory = staffDirectory((await staffRepository(table).directory()).staff);
  for (const input of demoCustomers) {
    if (await customers.idForCode(input.code)) continue;
    const owner = directory.find(input.accountOwner);
    if (!owner) throw new Error(`demo customer ${input.code}: ${input.accountOwner} is not in the directory`);
    const team = accountTeamIn(directory, owner.id, now);
    const { customer, event } = openCustomer({ ...input, accountOwner: owner.id }, team, {
      now: now.toISOString(),
      actor: 'demo-data',
      newId: ids.next,
    });
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
