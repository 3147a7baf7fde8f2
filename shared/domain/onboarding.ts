import type { Customer } from '../schemas/customer.ts';
import { customerTitle, summarisedFacts } from './approval-summary.ts';
import { companyTime } from './company.ts';
import type { EventOf } from './events.ts';

const settlementText = {
  prepaid: '预付款 prepaid',
  deposit: '订金 deposit',
  monthly: '月结 monthly settlement',
};

/** Settlement terms in words (both languages), with the credit limit of monthly settlement (R9, F7). */
export function settlementTerms(customer: Pick<Customer, 'settlement' | 'currency'>) {
  const { settlement } = customer;
  if (settlement.type === 'deposit') return `${settlementText.deposit} ${settlement.depositPercent}%`;
  if (settlement.type === 'monthly')
    return `${settlementText.monthly}, credit limit ${settlement.creditLimit} ${customer.currency}`;
  return settlementText.prepaid;
}

/** What the onboarding review shows its approvers (R10: the contract/order review checklist's facts). */
export function onboardingSubject(customer: Customer) {
  const contact = customer.contacts[0];
  return {
    customerId: customer.id,
    title: customerTitle(customer),
    accountOwner: customer.accountOwner,
    requestedBy: customer.createdBy,
    facts: summarisedFacts({
      head: [
        { label: '客户代码 Code', value: customer.code },
        { label: '名称 Name', value: customer.name },
        { label: '地区 Region', value: customer.region },
        { label: '币种 Currency', value: customer.currency },
        { label: '结算方式 Terms', value: settlementTerms(customer) },
        { label: '联系人 Contact', value: contact ? `${contact.name} <${contact.email}>` : '—' },
        { label: '建档 Opened by', value: `${customer.createdBy}, ${companyTime(customer.createdAt)}` },
      ],
    }),
  };
}

export type CustomerReviewLapsed = EventOf<'CustomerReviewLapsed'>;
