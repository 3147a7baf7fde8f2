/**
 * What the demos of the later flows share: an order taken through intake and production, and a delivery taken
 * through shipping from the e-mailed links (F1, F3), each step printed.
 */

import { demoPeople } from '../offline/demo-data.ts';
import {
  call,
  decideFromMail,
  inDays,
  type Json,
  mail,
  onDuty,
  placeKitOrder,
  recordPayment,
  step,
  throughIntake,
  tokenOf,
} from './client.ts';

/** A customer orders handle sets, and the order goes through intake (F1); a deposit customer's deposit is paid. */
export async function orderedAndInProduction(customer: Json, sets: number, po: string) {
  step(`${customer.code} ${customer.name} orders ${sets} handle sets`);
  const order = await placeKitOrder(customer, sets, po);
  console.log(`  201 ${order.number}, total ${order.totals.amount} ${order.currency}`);
  await throughIntake(order, inDays(40));
  if (order.totals.depositDue) {
    step('Finance records the deposit (R9): the order goes to production');
    await recordPayment(order, {
      amount: order.totals.depositDue,
      reference: `${order.poNumber}-DEP`,
      receivedOn: inDays(0),
    });
  }
  const released = await mail('order-released', await onDuty('pmc'), order.number);
  console.log(`  ✉ ${released.to.join(', ')}: "${released.subject}"`);
  return order;
}

export async function finished(order: Json) {
  step('PMC reports the order finished (POST /orders/{id}/production-finished): its delivery starts shipping');
  const answer = await call('POST', `/orders/${order.id}/production-finished`, await tokenOf('pmc'), { delivery: 1 });
  console.log(`  200 ${answer.number}: ${answer.status}`);
}

/**
 * R17–R22 from the e-mailed links: the stock-prep form, its approval, picking (short once when `short` is given: the
 * form goes round again), the delivery note issued and signed, the shipment; then the customer's e-mail.
 */
export async function shipped(order: Json, customer: Json, sets: number, { short }: { short?: number } = {}) {
  const form = { requestedShipDate: inDays(1), vehiclePlan: '德邦物流上门提货 Deppon collects' };
  const boxes = String(Math.ceil(sets / 10));
  step('R17: the merchandiser prepares the stock-prep form from the link');
  await decideFromMail(demoPeople.merchandiser, order.number, { outcome: 'approve', 'lines.1': String(sets), ...form });
  step('R18: the sales admin approves it and its prices');
  await decideFromMail(await onDuty('sales-admin'), order.number, { outcome: 'approve' });
  const warehouse = await onDuty('warehouse');
  if (short !== undefined) {
    step(`R19: the warehouse finds ${short} on the shelf — the form goes back to the merchandiser`);
    await decideFromMail(warehouse, order.number, { outcome: 'approve', 'lines.1': String(short), 'boxes.1': boxes });
    step('Round 2: the rest found; the form again (revision 2), approved, and the goods match');
    await decideFromMail(demoPeople.merchandiser, order.number, {
      outcome: 'approve',
      'lines.1': String(sets),
      ...form,
      remarks: '余下的已从 B 区调来 the rest brought from zone B',
    });
    await decideFromMail(await onDuty('sales-admin'), order.number, { outcome: 'approve' });
  } else {
    step('R19: the warehouse prepares the goods: model, quantity and boxes as on the form');
  }
  await decideFromMail(warehouse, order.number, { outcome: 'approve', 'lines.1': String(sets), 'boxes.1': boxes });
  step('R20: finance issues the delivery note, the sales admin checks the prices and signs');
  await decideFromMail(await onDuty('finance'), order.number, { outcome: 'approve' });
  await decideFromMail(await onDuty('sales-admin'), order.number, { outcome: 'approve' });
  step('R21: the warehouse ships against the note and signs');
  await decideFromMail(warehouse, order.number, {
    outcome: 'approve',
    carrier: '德邦物流 Deppon',
    waybill: `DP${Date.now().toString().slice(-10)}`,
    vehicle: '粤E·12345',
    driver: '张师傅',
    boxes,
    grossWeight: (sets * 1.23).toFixed(1),
    transitDays: '2',
  });
  const sent = await mail('delivery-note', customer.contacts[0].email, order.number);
  console.log(`  ✉ ${sent.to.join(', ')}: "${sent.subject}" with the note's PDF and the link to sign for it (R22)`);
  return sent;
}

/** R23: the customer signs for the goods from the link in the delivery note's e-mail; the page's status. */
export async function receivedFromLink(sent: { links: string[] }, signedBy: string) {
  const link = sent.links.find((l) => l.includes('/receipt-links/')) ?? '';
  const form = new URLSearchParams({ condition: 'complete', signedBy, signedOn: inDays(0) });
  const signed = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  console.log(`  opened ${new URL(link).pathname.slice(0, 24)}…, posted ${form} → ${signed.status}`);
  return signed.status;
}
