import { summarisedFacts } from '../../shared/domain/approval-summary.ts';
import { companyTime } from '../../shared/domain/company.ts';
import { linesValue } from '../../shared/domain/fulfilment.ts';
import { formatMoney, formatUnitPrice } from '../../shared/domain/order-amounts.ts';
import { orderPaid } from '../../shared/domain/payment.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { OrderDelivery } from '../../shared/schemas/delivery.ts';
import type { Delivery, Order } from '../../shared/schemas/order.ts';

/** Where a delivery stands, in both languages (pages never show the code). */
const stageWords: Record<OrderDelivery['status'], string> = {
  finished: '生产完成 finished in production',
  awaiting_payment: '待收尾款 waiting for the balance',
  awaiting_credit: '待信用审批 waiting for credit',
  stock_prep: '备货单准备中 stock-prep form being prepared',
  price_approval: '备货单审核中 stock-prep form in approval',
  picking: '仓库备货中 goods being prepared',
  invoicing: '开送货单 delivery note being issued',
  ready_to_ship: '待发货 ready to ship',
  shipped: '已发货 shipped',
  in_transit: '运输中 in transit',
  arrived: '已到达 arrived',
  delivered: '已签收 signed for',
};

export const deliveryStageInWords = (status: OrderDelivery['status']) => stageWords[status];

/**
 * What each person of shipping sees (at most 30 facts): the order, the delivery and where it stands, the money, why
 * the form came back if it did, then its lines — as the stock-prep form has them once prepared (price, amount, boxes
 * once counted), else as planned.
 */
export function shippingFacts(
  order: Order,
  customer: Customer,
  delivery: OrderDelivery,
  { deliveries, planned, owed }: { deliveries: number; planned?: Delivery; owed?: number },
) {
  const money = (amount: number | undefined) =>
    amount === undefined ? '—' : formatMoney(amount, order.currency, 'zh-CN');
  const form = delivery.stockPrepForm;
  const paid = orderPaid(order);
  const lines = form
    ? form.lines.map((l) => ({
        fact: {
          label: `第 ${l.line} 行 Line ${l.line}`,
          value: `${l.productCode} ${l.name} × ${l.quantity} ${l.unit} @ ${formatUnitPrice(l.unitPrice, order.currency, 'zh-CN')} = ${money(l.amount)}${l.boxes === undefined ? '' : `, ${l.boxes} 箱 boxes`}`,
        },
        attention: false,
      }))
    : delivery.lines.map((l) => {
        const ordered = order.lines.find((o) => o.line === l.line);
        return {
          fact: {
            label: `第 ${l.line} 行 Line ${l.line}`,
            value: `${l.productCode} ${l.name} × ${l.quantity} @ ${ordered?.unitPrice === undefined ? '—' : formatUnitPrice(ordered.unitPrice, order.currency, 'zh-CN')}`,
          },
          attention: false,
        };
      });
  const lastRound = delivery.picking.at(-1);
  return summarisedFacts({
    head: [
      { label: '订单号 Order', value: `${order.number} (PO ${order.poNumber})` },
      { label: '客户 Customer', value: `${customer.code} ${customer.name}` },
      {
        label: '批次 Delivery',
        value: `${delivery.delivery} / ${deliveries}${planned ? `, 计划 planned ${planned.requestedDate}` : ''}`,
      },
      ...(delivery.replacementFor
        ? [
            {
              label: '补发 Replacement (R27)',
              value: `投诉 ${delivery.replacementFor.complaintNumber} 的补发，不收费 replaces what complaint ${delivery.replacementFor.complaintNumber} names, no charge`,
            },
          ]
        : []),
      { label: '状态 Status', value: deliveryStageInWords(delivery.status) },
      {
        label: '本批金额 Value',
        value: money(form?.totals.amount ?? (delivery.replacementFor ? 0 : linesValue(order, delivery.lines))),
      },
      {
        label: '订单收款 Order paid',
        value: `${money(paid.paidTotal)} / ${money(order.totals.amount)}${customer.settlement.type === 'monthly' ? ' (月结 monthly settlement)' : ''}`,
      },
      ...(customer.settlement.type === 'monthly' && owed !== undefined
        ? [
            {
              label: '信用 Credit (F7)',
              value: `已欠 owes ${money(owed)}，额度 limit ${money(customer.settlement.creditLimit)}`,
            },
          ]
        : []),
      ...(form
        ? [
            { label: '备货单 Stock-prep form', value: `第 ${form.revision} 版 revision ${form.revision}` },
            { label: '要求出货 Ship on', value: form.requestedShipDate },
            { label: '车辆安排 Vehicle plan', value: form.vehiclePlan },
          ]
        : []),
      ...(delivery.deliveryNote ? [{ label: '送货单 Delivery note', value: delivery.deliveryNote }] : []),
      ...(delivery.returned
        ? [
            {
              label: '退回原因 Returned because',
              value: `${delivery.returned.reason || '—'} (${delivery.returned.by}, ${companyTime(delivery.returned.at)})`,
            },
          ]
        : []),
      ...(lastRound && !lastRound.matched
        ? [
            {
              label: '上次备货 Last picking',
              value: lastRound.lines.map((l) => `第 ${l.line} 行 line ${l.line}: ${l.onHand} / ${l.asked}`).join('; '),
            },
          ]
        : []),
    ],
    items: lines,
  });
}
