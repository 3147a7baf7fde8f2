import { summarisedFacts } from '../../shared/domain/approval-summary.ts';
import { companyTime } from '../../shared/domain/company.ts';
import type { Complaint } from '../../shared/schemas/complaint.ts';
import type { Customer } from '../../shared/schemas/customer.ts';

const kinds: Record<Complaint['kind'], string> = {
  quality: '质量问题 quality',
  short_shipment: '短少 short shipment',
  wrong_goods: '发错货 wrong goods',
  damage: '破损 damage',
  late: '延迟 late',
};
const demands: Record<Complaint['demand'], string> = {
  explanation: '解释说明 an explanation',
  rework: '返工 rework',
  replacement: '补发/换货 a replacement',
  credit: '折让/冲账 a credit',
  return: '退货 a return',
};
const causes = { company: '本公司 the company', customer: '客户 the customer', carrier: '承运人 the carrier' };

export const resolutionInWords = (resolution: Complaint['demand']) => demands[resolution];

/**
 * What each person of a complaint sees: the register's entry, the report and QA's analysis once written, why it came
 * back if it did, then the lines complained of.
 */
export function complaintFacts(complaint: Complaint, customer: Pick<Customer, 'code' | 'name'>) {
  const { report, analysis, returned, weight } = complaint;
  return summarisedFacts({
    head: [
      { label: '投诉编号 Complaint', value: complaint.number },
      { label: '客户 Customer', value: `${customer.code} ${customer.name}` },
      {
        label: '订单 Order',
        value: `${complaint.orderNumber}, 第 ${complaint.delivery} 批 delivery ${complaint.delivery}${complaint.deliveryNote ? ` (${complaint.deliveryNote})` : ''}`,
      },
      { label: '问题 Problem', value: `${kinds[complaint.kind]}: ${complaint.description}` },
      { label: '客户要求 The customer asks for', value: demands[complaint.demand] },
      {
        label: '联系人 Contact',
        value: [complaint.contact.name, complaint.contact.phone, complaint.contact.email].filter(Boolean).join(', '),
      },
      ...(weight
        ? [
            {
              label: '重量 Weight (R28)',
              value: `收到 received ${weight.received} kg${weight.shipped === undefined ? '' : ` / 发出 shipped ${weight.shipped} kg, 差 difference ${weight.difference} kg`}`,
            },
          ]
        : []),
      { label: '答复期限 Reply due', value: complaint.dueOn },
      ...(report
        ? [
            { label: '报告 Report', value: report.description },
            { label: '证据 Evidence', value: report.evidence },
            ...(report.signedBy ? [{ label: '签核 Signed by', value: report.signedBy }] : []),
          ]
        : []),
      ...(analysis
        ? [
            { label: '根本原因 Root cause', value: `${analysis.rootCause} (${causes[analysis.causedBy]})` },
            { label: '围堵 Containment', value: analysis.containment },
            { label: '纠正 Corrective', value: analysis.corrective },
            { label: '预防 Preventive', value: analysis.preventive },
          ]
        : []),
      ...(returned
        ? [
            {
              label: '退回原因 Returned because',
              value: `${returned.reason} (${returned.by}, ${companyTime(returned.at)})`,
            },
          ]
        : []),
    ],
    items: complaint.lines.map((l) => ({
      fact: {
        label: `第 ${l.line} 行 Line ${l.line}`,
        value: `${l.productCode} ${l.name} × ${l.quantity} / ${l.shipped}${l.note ? ` — ${l.note}` : ''}`,
      },
      attention: false,
    })),
  });
}
