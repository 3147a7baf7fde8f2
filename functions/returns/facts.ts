import { summarisedFacts } from '../../shared/domain/approval-summary.ts';
import { companyTime } from '../../shared/domain/company.ts';
import { creditFor } from '../../shared/domain/returns.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { ReturnApplication } from '../../shared/schemas/return.ts';

const causes = { company: '本公司 the company', customer: '客户 the customer' };
const handlings = {
  restock: '入库 back into stock',
  rework: '返工 rework',
  remelt: '回炉 remelt (总经理批准 the general manager approves)',
  scrap: '报废 scrap',
};

/**
 * What each person of a return sees: the application, the analysis and approvals once made, the shipment and the
 * count once there, the credit it comes to, why it came back if it did; then its lines.
 */
export function returnFacts(application: ReturnApplication, customer: Pick<Customer, 'code' | 'name'>) {
  const { analysis, approval, shipment, receipt, returned, complaint } = application;
  const credit = creditFor(application);
  return summarisedFacts({
    head: [
      { label: '退货编号 Return', value: application.number },
      { label: '客户 Customer', value: `${customer.code} ${customer.name}` },
      {
        label: '订单 Order',
        value: `${application.orderNumber}, 第 ${application.delivery} 批 delivery ${application.delivery}${application.deliveryNote ? ` (${application.deliveryNote})` : ''}`,
      },
      { label: '退货原因 Reason', value: application.reason },
      ...(complaint ? [{ label: '投诉 Complaint', value: complaint.number }] : []),
      ...(application.attachments.length
        ? [{ label: '附件 Attachments', value: application.attachments.map((a) => `${a.name} ${a.url}`).join('; ') }]
        : []),
      ...(analysis
        ? [
            {
              label: '责任方 Caused by',
              value: `${causes[analysis.causedBy]}${analysis.productionFault ? ' — 生产问题 production fault' : ''}`,
            },
            { label: '原因分析 Cause', value: analysis.cause },
            { label: '处理 Handling', value: handlings[analysis.handling] },
            ...(analysis.complaint ? [{ label: '投诉报告 Complaint report', value: analysis.complaint.number }] : []),
          ]
        : []),
      ...(approval?.exception ? [{ label: '特批 Exception', value: approval.exception }] : []),
      ...(shipment
        ? [{ label: '退回运输 Shipped back', value: `${shipment.shippedOn}, ${shipment.carrier} ${shipment.waybill}` }]
        : []),
      ...(receipt?.difference ? [{ label: '收货差异 Received otherwise', value: '见各行 see the lines' }] : []),
      {
        label: '冲账金额 Credit',
        value: `${credit.totals.amount} ${application.currency}${receipt ? '' : ' (按申请数量 as applied for)'}`,
      },
      ...(returned
        ? [
            {
              label: '退回原因 Returned because',
              value: `${returned.reason} (${returned.by}, ${companyTime(returned.at)})`,
            },
          ]
        : []),
    ],
    items: application.lines.map((l) => {
      const received = receipt?.lines.find((r) => r.line === l.line)?.received;
      return {
        fact: {
          label: `第 ${l.line} 行 Line ${l.line}`,
          value: `${l.productCode} ${l.name} × ${l.quantity} ${l.unit} / 发货 delivered ${l.delivered}${received === undefined ? '' : `, 实收 received ${received}`}${l.note ? ` — ${l.note}` : ''}`,
        },
        attention: received !== undefined && received !== l.quantity,
      };
    }),
  });
}

/** The lines a person's form asks a quantity for: what the consignment holds as announced, else as applied for. */
export const returnLines = (application: ReturnApplication) =>
  application.lines.map((l) => ({
    line: l.line,
    label: `${l.productCode} ${l.name}`,
    quantity: application.shipment?.lines?.find((s) => s.line === l.line)?.quantity ?? l.quantity,
  }));
