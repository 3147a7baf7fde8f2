import { companyTime } from '../domain/company.ts';
import type { FieldIssue } from '../domain/errors.ts';
import { escapeHtml } from '../mail/layout.ts';
import type { OrderDelivery, ReceiptCondition } from '../schemas/delivery.ts';
import { page } from './layout.ts';

/** R23: the page a customer's person signs for a delivery on, from the link e-mailed with its delivery note. */

const conditions: { value: ReceiptCondition; label: string }[] = [
  { value: 'complete', label: '完好无误 Received complete' },
  { value: 'damaged', label: '有破损 Received with damage' },
  { value: 'short', label: '有短少 Received short' },
];

const fact = (label: string, value: string) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;

/** What was shipped: the order and the customer's PO, the note, the carrier and waybill, and the lines. */
function shipped(delivery: OrderDelivery) {
  const { shipment, stockPrepForm: form } = delivery;
  const lines = form
    ? form.lines.map((l) => ({
        text: `${l.productCode} ${l.name}`,
        quantity: `${l.quantity} ${l.unit}`,
        boxes: l.boxes === undefined ? '' : String(l.boxes),
      }))
    : delivery.lines.map((l) => ({ text: `${l.productCode} ${l.name}`, quantity: String(l.quantity), boxes: '' }));
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
<table><thead><tr><th>品名 Item</th><th>数量 Qty</th><th>箱数 Boxes</th></tr></thead><tbody>${lines
    .map(
      (l) => `<tr><td>${escapeHtml(l.text)}</td><td>${escapeHtml(l.quantity)}</td><td>${escapeHtml(l.boxes)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

type Posted = { values?: Record<string, string>; errors?: FieldIssue[] };

const problems = (errors: FieldIssue[], field: string) =>
  errors
    .filter((e) => e.field === field)
    .map((e) => `<p class="error">${escapeHtml(e.message)}</p>`)
    .join('');

const title = (delivery: OrderDelivery) => `签收 Sign for delivery ${delivery.delivery} of ${delivery.orderNumber}`;

/** The delivery and the receipt form, filled in as posted with each problem beside its field. */
export function receiptPage(
  delivery: OrderDelivery,
  action: string,
  today: string,
  { values = {}, errors = [] }: Posted = {},
) {
  const value = (key: string, fallback = '') => escapeHtml(values[key] ?? fallback);
  const invalid = (key: string) => (errors.some((e) => e.field === key) ? ' invalid' : '');
  const chosen = values.condition ?? 'complete';
  const options = conditions
    .map(
      (c) =>
        `<label class="choice"><input type="radio" name="condition" value="${c.value}"${chosen === c.value ? ' checked' : ''}> ${escapeHtml(c.label)}</label>`,
    )
    .join('');
  const body = `<h1>签收货物 Sign for the goods</h1>
${shipped(delivery)}
${errors.length ? '<div class="problems"><p>没有记录，请更正下列问题。 Nothing was recorded: please correct what is marked.</p></div>' : ''}
<form method="post" action="${escapeHtml(action)}">
<div class="field${invalid('condition')}"><label>收货情况 Condition <span class="req">*</span></label>${options}${problems(errors, 'condition')}</div>
<div class="field${invalid('signedBy')}"><label for="signedBy">签收人 Signed by <span class="req">*</span></label><input type="text" id="signedBy" name="signedBy" value="${value('signedBy')}" maxlength="100" autocomplete="name" required>${problems(errors, 'signedBy')}</div>
<div class="field${invalid('signedOn')}"><label for="signedOn">签收日期 Date received <span class="req">*</span></label><input type="date" id="signedOn" name="signedOn" value="${value('signedOn', today)}" max="${escapeHtml(today)}" required>${problems(errors, 'signedOn')}</div>
<div class="field${invalid('note')}"><label for="note">破损或短少说明 What was damaged or short <span class="note">(有破损或短少时必填 required then)</span></label><textarea id="note" name="note" rows="4" maxlength="2000">${value('note')}</textarea>${problems(errors, 'note')}</div>
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
