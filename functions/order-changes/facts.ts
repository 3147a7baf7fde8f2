import { summarisedFacts } from '../../shared/domain/approval-summary.ts';
import { companyTime } from '../../shared/domain/company.ts';
import { formatMoney } from '../../shared/domain/order-amounts.ts';
import { findingLine, findingText } from '../../shared/domain/order-review.ts';
import type { ChangeRequest, LineDifference } from '../../shared/schemas/change-request.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { Order } from '../../shared/schemas/order.ts';

const changeLabel: Record<LineDifference['change'], string> = {
  added: '新增 added',
  removed: '取消 removed',
  changed: '变更 changed',
  unchanged: '不变 unchanged',
};

/**
 * What PMC (R12) and the planner (R14) see: each line that changes before → after (and whether production has
 * started it), the dates, the amounts, the review; once prepared, the contract modification form's own facts.
 */
export function changeFacts(order: Order, changeRequest: ChangeRequest, customer: Customer) {
  const money = (amount: number | undefined) =>
    amount === undefined ? '—' : formatMoney(amount, order.currency, 'zh-CN');
  const side = (values: LineDifference['before']) => (values ? `${values.quantity} × ${money(values.unitPrice)}` : '—');
  const { current, proposed, form, findings } = changeRequest;
  const nameOf = (code: string) => {
    const line = [...order.lines, ...proposed.lines].find((l) => l.productCode === code);
    return line ? ('productName' in line && line.productName) || line.description : '';
  };
  // The lines that change, each with its findings; a line production has started, or one with findings, comes first.
  const lines = changeRequest.differences
    .filter((d) => d.change !== 'unchanged')
    .map((d) => {
      const started = order.lines.find((l) => l.line === d.line)?.productionStartedAt;
      const about = findings.filter((f) => f.line === d.line);
      return {
        attention: started !== undefined || about.length > 0,
        fact: {
          label: `第 ${d.line} 行 Line ${d.line} ${changeLabel[d.change]}`,
          value: [
            `${d.productCode} ${nameOf(d.productCode)}: ${side(d.before)} → ${side(d.after)}${started ? ` (已投产 in production since ${companyTime(started)})` : ''}`,
            ...about.map(findingLine),
          ].join('; '),
        },
      };
    });
  const changedLines = new Set(changeRequest.differences.filter((d) => d.change !== 'unchanged').map((d) => d.line));
  const others = findings
    .filter((f) => f.line === undefined || !changedLines.has(f.line))
    .map((f) => findingText(f))
    .map(({ label, text }) => ({ attention: true, fact: { label, value: text } }));
  const beside = (label: string, before: string | undefined, after: string | undefined) =>
    before === after ? [] : [{ label, value: `${before ?? '—'} → ${after ?? '—'}` }];
  return summarisedFacts({
    head: [
      { label: '订单号 Order', value: `${order.number} (revision ${changeRequest.baseRevision})` },
      { label: '客户 Customer', value: `${order.customerCode} ${customer.name}` },
      { label: '变更原因 Reason', value: changeRequest.reason },
      { label: '申请人 Requested by', value: changeRequest.requestedBy },
    ],
    items: [...lines, ...others],
    tail: [
      ...beside('要求交期 Requested date', current.requestedDate, proposed.requestedDate),
      ...beside('送货地址 Delivery address', current.deliveryAddress?.label, proposed.deliveryAddress?.label),
      ...beside('收货联系人 Delivery contact', current.deliveryContact?.name, proposed.deliveryContact?.name),
      { label: '金额 Total', value: `${money(current.totals.amount)} → ${money(proposed.totals.amount)}` },
      {
        label: '订金 Deposit due',
        value: `${money(current.totals.depositDue)} → ${money(proposed.totals.depositDue)}`,
      },
      { label: '承诺交期 Promised date', value: `${current.promisedDate ?? '—'} → ${form?.after.promisedDate ?? '?'}` },
      ...(form ? [{ label: 'PMC 评估 Assessed by', value: form.assessedBy }] : []),
    ],
  });
}
