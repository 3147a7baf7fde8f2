import { companyTime } from '../domain/company.ts';
import { escapeHtml } from '../mail/layout.ts';
import type { OrderDelivery, ReceiptCondition } from '../schemas/delivery.ts';
import { fact, formState, linesTable, type Posted, page } from './layout.ts';

/** R23: the page a customer's person signs for a delivery on, from the link e-mailed with its delivery note. */

const conditions: { value: ReceiptCondition; label: string }[] = [
  { value: 'complete', label: '完好无误 Received complete' },
  { value: 'damaged', label: '有破损 Received with damage' },
  { value: 'short', label: '有短少 Received short' },
];

/** What was shipped: the order and the customer's PO, the note, the carrier and waybill, and the lines. */
function shipped(delivery: OrderDelivery) {
  const { shipment, stockPrepForm: form } = delivery;
  const lines = form
    ? form.lines.map((l) => [
        `${l.productCode} ${l.name}`,
        `${l.quantity} ${l.unit}`,
        l.boxes === undefined ? '' : String(l.boxes),
      ])
    : delivery.lines.map((l) => [`${l.productCode} ${l.name}`, String(l.quantity), '']);
  return `<dl>${[
    fact('订单号 Order', `${delivery.orderNumber}${form ? ` (PO ${form.poNumber})` : ''}`),
    fact('批次 Delivery', String(delivery.delivery)),
    ...(delivery.deliveryNote ? [fact('送货单 Delivery note', delivery.deliveryNote)] : []),
    ...(shipment
      ? [
          fact('承运人 Carrier', shipment.carrier),
          fact('运单号 Waybill', shipment.waybill),
          ...(shipment.shippedOn ? [fact('发货日期 Shipped on', shipment.shippedOn)] : []),
        ]
      : []),
    ...(delivery.expectedBy ? [fact('预计到达 Expected by', delivery.expectedBy)] : []),
  ].join('')}</dl>
${linesTable(['品名 Item', '数量 Qty', '箱数 Boxes'], lines)}`;
}

const title = (delivery: OrderDelivery) => `签收 Sign for delivery ${delivery.delivery} of ${delivery.orderNumber}`;

/** The delivery and the receipt form, filled in as posted with each problem beside its field. */
export function receiptPage(delivery: OrderDelivery, action: string, today: string, posted: Posted = {}) {
  const form = formState(posted, ['condition', 'signedBy', 'signedOn', 'note']);
  const chosen = posted.values?.condition ?? 'complete';
  const options = conditions
    .map(
      (c) =>
        `<label class="choice"><input type="radio" name="condition" value="${c.value}"${chosen === c.value ? ' checked' : ''}> ${escapeHtml(c.label)}</label>`,
    )
    .join('');
  const body = `<h1>签收货物 Sign for the goods</h1>
${shipped(delivery)}
${form.notice}
<form method="post" action="${escapeHtml(action)}">
<div class="field${form.invalid('condition')}"><label>收货情况 Condition <span class="req">*</span></label>${options}${form.problems('condition')}</div>
${form.field('signedBy', '签收人 Signed by', `<input type="text" id="signedBy" name="signedBy" value="${form.value('signedBy')}" maxlength="100" autocomplete="name" required>`, { required: true })}
${form.field('signedOn', '签收日期 Date received', `<input type="date" id="signedOn" name="signedOn" value="${form.value('signedOn', today)}" max="${escapeHtml(today)}" required>`, { required: true })}
${form.field('note', '破损或短少说明 What was damaged or short', `<textarea id="note" name="note" rows="4" maxlength="2000">${form.value('note')}</textarea>`, { note: '有破损或短少时必填 required then' })}
<div class="actions"><button class="approve" type="submit">确认签收 Sign for the goods</button></div>
</form>`;
  return page(title(delivery), body);
}

/** The delivery as signed for: who signed, when, and how it arrived. */
export function signedPage(delivery: OrderDelivery, { justNow }: { justNow: boolean }) {
  const receipt = delivery.receipt;
  const condition = conditions.find((c) => c.value === receipt?.condition)?.label ?? '';
  const body = `<h1>${justNow ? '已签收，谢谢 Signed for — thank you' : '此批货物已签收 This delivery was signed for'}</h1>
<p class="outcome">${escapeHtml(condition)}</p>
<dl>${receipt ? `${fact('签收人 Signed by', receipt.signedBy)}${fact('签收日期 Date received', receipt.signedOn)}${fact('记录时间 Recorded', companyTime(receipt.recordedAt))}${receipt.note ? fact('说明 Note', receipt.note) : ''}` : ''}</dl>
${shipped(delivery)}
${receipt && receipt.condition !== 'complete' ? '<p class="next">我们的跟单员会尽快与您联系。 Our merchandiser will contact you shortly.</p>' : ''}`;
  return page(title(delivery), body);
}
