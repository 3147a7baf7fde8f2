/**
 * What the demos of returns share (F5): an application by the customer's system, and the goods received, signed off
 * by five and credited with a return note — every actor from their e-mail or the API, each step printed.
 */
import { demoPeople } from '../offline/demo-data.ts';
import { call, customerToken, decideFromMail, inDays, type Json, mail, onDuty, step, tokenOf } from './client.ts';

/** R30: the customer applies to return `quantity` of the order's first delivery's first line. */
export async function applyForReturn(order: Json, customer: Json, quantity: number, reason: string, note: string) {
  const contact = customer.contacts[0];
  const filed = await call(
    'POST',
    '/returns',
    await customerToken(customer),
    {
      orderId: order.id,
      delivery: 1,
      lines: [{ line: 1, quantity, note }],
      reason,
      attachments: [
        {
          name: '照片 photo',
          url: `https://files.${contact.email.split('@')[1]}/returns/${order.number}-${quantity}.jpg`,
        },
      ],
      contact: { name: contact.name, email: contact.email },
    },
    { headers: { 'idempotency-key': `demo-return-${order.id}-${quantity}` }, expect: 201 },
  );
  console.log(`  201 ${filed.number}: ${filed.status}, ${filed.lines[0].productCode} × ${filed.lines[0].quantity}`);
  const acknowledged = await mail('return-applied', contact.email, filed.number);
  console.log(`  ✉ ${acknowledged.to.join(', ')}: "${acknowledged.subject}"`);
  return filed;
}

/** R34–R36: counted, five signatures, the return note issued and signed, e-mailed. */
export async function receivedAndCredited(number: string, received: number) {
  const [warehouse, salesAdmin, finance] = [
    await onDuty('warehouse'),
    await onDuty('sales-admin'),
    await onDuty('finance'),
  ];
  const staff = await tokenOf('merchandiser');
  const keeper = (await call('GET', '/staff?role=warehouse', staff)).items.find(
    (p: { email: string }) => p.email === warehouse,
  );
  // R35: the keeper, the warehouse supervisor (the keeper's leader), sales admin, the sales manager, finance.
  const supervisor = (await call('GET', `/staff/${encodeURIComponent(keeper.leader)}`, staff)).email as string;
  step(`R34: the warehouse counts what came back: ${received}`);
  await decideFromMail(warehouse, number, { outcome: 'approve', 'lines.1': String(received) });
  step('R35: the warehouse keeper, the warehouse supervisor, sales admin, the sales manager and finance sign');
  for (const signer of [warehouse, supervisor, salesAdmin, demoPeople.salesManager, finance]) {
    await decideFromMail(signer, number, { outcome: 'approve' });
  }
  step('R36: finance issues the return note and books the credit; the warehouse and sales admin sign it');
  await decideFromMail(finance, number, { outcome: 'approve' });
  await decideFromMail(warehouse, number, { outcome: 'approve' });
  await decideFromMail(salesAdmin, number, { outcome: 'approve' });
}

/** A return the company caused: analysed, confirmed by the leader, announced through the API, received, credited. */
export async function companyFaultReturn(order: Json, customer: Json, quantity: number) {
  step(`R30: ${customer.code} applies to return ${quantity} scratched sets`);
  const filed = await applyForReturn(order, customer, quantity, '表面划伤 the finish is scratched', '划伤 scratched');
  step('R31: the merchandiser analyses it: the company caused it (packing); R32: the leader confirms');
  await decideFromMail(demoPeople.merchandiser, filed.number, {
    outcome: 'approve',
    causedBy: 'company',
    cause: '包装缺少隔板 no dividers in the box',
    productionFault: 'no',
    handling: 'rework',
  });
  await decideFromMail(demoPeople.salesManager, filed.number, { outcome: 'approve' });
  await mail('return-approved', customer.contacts[0].email, filed.number);
  step('R33: the customer announces the shipment through the API');
  const sent = await call(
    'POST',
    `/returns/${filed.id}/shipment`,
    await customerToken(customer),
    { carrier: '顺丰 SF Express', waybill: `SFR${Date.now().toString().slice(-8)}`, shippedOn: inDays(0) },
    { headers: { 'idempotency-key': `demo-return-ship-${filed.id}` }, expect: 200 },
  );
  console.log(`  200 ${sent.number}: ${sent.status}, waybill ${sent.shipment.waybill}`);
  await receivedAndCredited(filed.number, quantity);
  return filed;
}
