import { companyTime } from '../domain/company.ts';
import type { CustomerCreated, CustomerReviewed } from '../domain/customer.ts';
import { type CustomerReviewLapsed, settlementTerms } from '../domain/onboarding.ts';
import { composeEmail } from './layout.ts';

const customerLink = (appUrl: string, customer: { id: string; code: string; name: string }) => ({
  link: `${appUrl}/customers/${customer.id}`,
  label: `${customer.code} ${customer.name}`,
});

/** To the customer's merchandiser (staff mail is bilingual): a new customer waits for its review (R10). */
export function customerCreatedEmail(event: CustomerCreated, appUrl: string) {
  const { customer } = event.data;
  const terms = settlementTerms(customer);
  return composeEmail(`新客户待审核 New customer to review: ${customer.code} ${customer.name}`, [
    `客户 ${customer.code}「${customer.name}」已由 ${event.actor} 建档，结算方式：${terms}，地区：${customer.region}。首单进入计划前需完成合同/订单评审（R10）。`,
    `Customer ${customer.code} "${customer.name}" was opened by ${event.actor}; terms: ${terms}, region: ${customer.region}. It needs its review before its first order goes to planning (R10).`,
    customerLink(appUrl, customer),
  ]);
}

/** To merchandiser and sales manager: the onboarding review's outcome, with the reason of a rejection (R13). */
export function customerReviewedEmail(event: CustomerReviewed, appUrl: string) {
  const { customer } = event.data;
  const { review } = customer;
  const title = `${customer.code} ${customer.name}`;
  // People read times in the company's time zone, e-mails included.
  const when = review?.decidedAt && companyTime(review.decidedAt);
  if (event.type === 'CustomerActivated') {
    return composeEmail(`客户已启用 Customer approved: ${title}`, [
      `客户 ${title} 已通过评审（${review?.decidedBy}，${when}），其订单可进入计划。`,
      `Customer ${title} passed its review (${review?.decidedBy}, ${when}); its orders may now go to planning.`,
      customerLink(appUrl, customer),
    ]);
  }
  return composeEmail(`客户评审未通过 Customer rejected: ${title}`, [
    `客户 ${title} 未通过评审（${review?.decidedBy}，${when}）。理由：${review?.reason}`,
    `Customer ${title} was rejected in its review (${review?.decidedBy}, ${when}). Reason: ${review?.reason}`,
    customerLink(appUrl, customer),
  ]);
}

/** Nobody decided the review, even after escalation. */
export function customerReviewLapsedEmail(event: CustomerReviewLapsed, appUrl: string) {
  const { customer } = event.data;
  const title = `${customer.code} ${customer.name}`;
  return composeEmail(`客户评审逾期 Customer review lapsed: ${title}`, [
    `客户 ${title} 的评审在提醒和升级后仍无人处理，客户仍处于待审核状态。请跟进。`,
    `Nobody decided the review of customer ${title}, even after the reminder and the escalation; it stays in review. Please follow up.`,
    customerLink(appUrl, customer),
  ]);
}
