import type { CustomerCreated } from '../domain/customer.ts';
import { composeEmail } from './layout.ts';

const settlementText = {
  prepaid: { 'zh-CN': '预付款', en: 'prepaid' },
  deposit: { 'zh-CN': '订金', en: 'deposit' },
  monthly: { 'zh-CN': '月结', en: 'monthly settlement' },
};

/** To the customer's merchandiser (staff mail is bilingual): a new customer waits for its review (R10). */
export function customerCreatedEmail(event: CustomerCreated, appUrl: string) {
  const { customer } = event.data;
  const terms = settlementText[customer.settlement.type];
  return composeEmail(`新客户待审核 New customer to review: ${customer.code} ${customer.name}`, [
    `客户 ${customer.code}「${customer.name}」已由 ${event.actor} 建档，结算方式：${terms['zh-CN']}，地区：${customer.region}。首单进入计划前需完成合同/订单评审（R10）。`,
    `Customer ${customer.code} "${customer.name}" was opened by ${event.actor}; terms: ${terms.en}, region: ${customer.region}. It needs its review before its first order goes to planning (R10).`,
    { link: `${appUrl}/customers/${customer.id}`, label: `${customer.code} ${customer.name}` },
  ]);
}
