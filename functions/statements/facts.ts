import { summarisedFacts } from '../../shared/domain/approval-summary.ts';
import { companyTime } from '../../shared/domain/company.ts';
import { formatMoney } from '../../shared/domain/order-amounts.ts';
import { lastDispute } from '../../shared/domain/statement.ts';
import type { Statement } from '../../shared/schemas/statement.ts';

/**
 * What finance and its leader see of a disputed statement: its figures, the customer's query, the correction
 * proposed; then its entries, those queried first.
 */
export function statementFacts(statement: Statement) {
  const money = (amount: number) => formatMoney(amount, statement.currency, 'en');
  const dispute = lastDispute(statement);
  const queried = new Set(dispute?.entries ?? []);
  return summarisedFacts({
    head: [
      {
        label: '对账单 Statement',
        value: `${statement.id}, 第 ${statement.revision} 版 revision ${statement.revision}`,
      },
      { label: '客户 Customer', value: `${statement.customerCode} ${statement.customerName}` },
      { label: '期间 Period', value: `${statement.from} – ${statement.to}` },
      { label: '期初 Opening', value: money(statement.opening) },
      { label: '期末 Closing', value: money(statement.closing) },
      ...statement.corrections.map((c) => ({
        label: `已更正 Corrected ${c.reference}`,
        value: `${money(c.amount)} — ${c.reason}`,
      })),
      ...(dispute
        ? [
            {
              label: '客户异议 The customer queries',
              value: `${dispute.signedBy}, ${companyTime(dispute.at)}: ${dispute.comment ?? ''}`,
            },
          ]
        : []),
      ...(statement.pendingCorrection
        ? [
            {
              label: '拟更正 Correction proposed',
              value: `${money(statement.pendingCorrection.amount)} — ${statement.pendingCorrection.reason} (${statement.pendingCorrection.by})`,
            },
          ]
        : []),
    ],
    items: statement.lines.map((line) => ({
      attention: queried.has(line.reference),
      fact: {
        label: `${line.on} ${line.reference}${queried.has(line.reference) ? ' ⚠ 有异议 queried' : ''}`,
        value: `${line.kind}${line.orderNumber ? ` ${line.orderNumber}` : ''}: ${money(line.amount)} → ${money(line.balance)}`,
      },
    })),
  });
}
