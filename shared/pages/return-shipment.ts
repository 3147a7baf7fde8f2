import { companyTime } from '../domain/company.ts';
import { escapeHtml } from '../mail/layout.ts';
import type { ReturnApplication } from '../schemas/return.ts';
import { fact, formState, linesTable, type Posted, page } from './layout.ts';

/**
 * R33: the page a customer's person announces an approved return's shipment on, from the link e-mailed with the
 * approval: carrier, waybill, the day shipped and what the consignment holds.
 */

/** The form's field for a line's quantity in the consignment. */
export const lineQuantityField = (line: number) => `quantity.${line}`;

const title = (application: ReturnApplication) => `退货发货 Return shipment ${application.number}`;

/** The return: its number, the order and delivery it is of. */
const facts = (application: ReturnApplication) =>
  [
    fact('退货编号 Return number', application.number),
    fact('订单号 Order', application.orderNumber),
    fact('批次 Delivery', String(application.delivery)),
    ...(application.deliveryNote ? [fact('送货单 Delivery note', application.deliveryNote)] : []),
  ].join('');

const item = (line: ReturnApplication['lines'][number]) => `${line.productCode} ${line.name}`;

/** The return's facts and the announcement form, filled in as posted with each problem beside its field. */
export function returnShipmentPage(application: ReturnApplication, action: string, today: string, posted: Posted = {}) {
  const lineFields = application.lines.map((l) => lineQuantityField(l.line));
  const form = formState(posted, ['carrier', 'waybill', 'shippedOn', 'note', ...lineFields]);
  const lines = application.lines
    .map((l) => {
      const key = lineQuantityField(l.line);
      return `<tr class="${form.invalid(key).trim()}"><td>${escapeHtml(item(l))}</td><td>${l.quantity} ${escapeHtml(l.unit)}</td><td><input type="text" id="${key}" name="${key}" value="${form.value(key, String(l.quantity))}" inputmode="numeric" pattern="[0-9]*" maxlength="9" required aria-label="${escapeHtml(`${item(l)} 本次寄回 in this consignment`)}">${form.problems(key)}</td></tr>`;
    })
    .join('');
  const body = `<h1>登记退货发货 Announce the return shipment</h1>
<p class="subject">请在货物及单据上注明退货编号 ${escapeHtml(application.number)}。 Put the return number on the consignment and its papers.</p>
<dl>${facts(application)}</dl>
${form.notice}
<form method="post" action="${escapeHtml(action)}">
${form.field('carrier', '承运人 Carrier', `<input type="text" id="carrier" name="carrier" value="${form.value('carrier')}" maxlength="100" required>`, { required: true })}
${form.field('waybill', '运单号 Waybill number', `<input type="text" id="waybill" name="waybill" value="${form.value('waybill')}" maxlength="40" autocapitalize="characters" required>`, { required: true })}
${form.field('shippedOn', '发货日期 Shipped on', `<input type="date" id="shippedOn" name="shippedOn" value="${form.value('shippedOn', today)}" max="${escapeHtml(today)}" required>`, { required: true })}
<div class="field${form.invalid('lines')}"><label>寄回数量 What the consignment holds <span class="req">*</span></label>
<table><thead><tr><th>品名 Item</th><th>已批准 Approved</th><th>本次寄回 In this consignment</th></tr></thead><tbody>${lines}</tbody></table>${form.problems('lines')}</div>
${form.field('note', '备注 Note', `<textarea id="note" name="note" rows="3" maxlength="500">${form.value('note')}</textarea>`)}
<div class="actions"><button class="approve" type="submit">确认发货 Announce the shipment</button></div>
</form>`;
  return page(title(application), body);
}

/** The return as announced: the carrier, the waybill, when, and what the consignment holds. */
export function announcedPage(application: ReturnApplication, { justNow }: { justNow: boolean }) {
  const { shipment } = application;
  const held = application.lines.map((l) => {
    const shipped = shipment?.lines?.find((s) => s.line === l.line)?.quantity ?? l.quantity;
    return [item(l), `${l.quantity} ${l.unit}`, `${shipped} ${l.unit}`];
  });
  const body = `<h1>${justNow ? '已登记发货，谢谢 Shipment announced — thank you' : '此退货已登记发货 This return was announced'}</h1>
<dl>${facts(application)}${
    shipment
      ? [
          fact('承运人 Carrier', shipment.carrier),
          fact('运单号 Waybill', shipment.waybill),
          fact('发货日期 Shipped on', shipment.shippedOn),
          fact('登记时间 Announced', companyTime(shipment.announcedAt)),
          ...(shipment.note ? [fact('备注 Note', shipment.note)] : []),
        ].join('')
      : ''
  }</dl>
${linesTable(['品名 Item', '已批准 Approved', '本次寄回 In this consignment'], held)}
<p class="next">货物到达后，我司仓库将按此核对型号及数量，并按实收数量冲账。 Our warehouse checks the goods against this when they arrive; the credit follows what is received.</p>`;
  return page(title(application), body);
}

/** A return whose shipment cannot be announced (not approved, or settled otherwise): where it stands, in words. */
export function notAnnounceablePage(application: ReturnApplication) {
  const body = `<h1>此退货无需登记发货 This return takes no shipment now</h1>
<dl>${facts(application)}</dl>
<p>${
    application.status === 'refused' || application.status === 'stopped'
      ? '此退货已终止，请勿寄回货物。 This return has ended: do not send the goods back.'
      : '此退货尚未批准，请在收到批准后再寄回货物。 This return is not approved yet: send the goods only once it is.'
  }</p>
<p class="note">如有疑问请联系跟单员。 Ask the merchandiser with any question.</p>`;
  return page(title(application), body);
}
