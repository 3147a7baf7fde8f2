import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { returnLink, returnLinkPath } from '../../functions/returns/return-link.ts';
import { linkHash, newLinkSecret } from '../../shared/domain/approval.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { nothingReturned } from '../../shared/domain/returns.ts';
import { returnRepository } from '../../shared/persistence/returns.ts';
import { writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { ReturnApplication } from '../../shared/schemas/return.ts';
import { postDecision } from './approvals.ts';
import { testStack } from './stack.ts';

describe('the return link (R33): the customer announces an approved return’s shipment from the e-mailed link', async () => {
  const stack = await testStack();
  const table = port('table');
  const returns = returnRepository(table);
  const now = port('clock').now();
  const today = calendarDateIn(now, companyTimeZone);
  const stamp = now.toISOString();

  /** An approved return, as the workflow leaves it for the customer (stored directly: F5's workflow is elsewhere). */
  const approved = async (id: string, number: string, status: ReturnApplication['status'] = 'approved') => {
    const application: ReturnApplication = {
      id,
      number,
      customerId: 'cus_01J0000000000000000000CUST',
      orderId: `ord_${id.slice(4)}`,
      orderNumber: 'SO-001-2026-0007',
      delivery: 1,
      deliveryNote: 'DN2026110003',
      currency: 'CNY',
      lines: [
        {
          line: 1,
          quantity: 12,
          productCode: 'CZM04',
          name: '双面执手（左）',
          unit: 'pcs',
          unitPrice: 18.5,
          delivered: 100,
        },
        {
          line: 2,
          quantity: 3,
          productCode: 'CZM05',
          name: '双面执手（右）',
          unit: 'pcs',
          unitPrice: 18.5,
          delivered: 80,
        },
      ],
      reason: '表面划伤 scratched surface',
      attachments: [],
      contact: { name: '李伟 Li Wei', email: 'li.wei@huaxin.example' },
      status,
      approval: { by: 'xu.ming@factory.example', at: stamp },
      owner: 'wang.fang@factory.example',
      appliedBy: 'li.wei@huaxin.example',
      appliedAt: stamp,
      version: 4,
      updatedAt: stamp,
    };
    const month = `${number.slice(2, 6)}-${number.slice(6, 8)}`;
    await writeAtomically(table, {
      now,
      events: [],
      writes: returns.applied(
        application,
        nothingReturned(application.orderId, 1),
        month,
        await returns.lastNumber(month),
      ),
    });
    const secret = newLinkSecret();
    await returns.announceLinkCreated(linkHash(secret), {
      returnId: id,
      expiresAt: Math.floor(now.getTime() / 1000) + 30 * 86_400,
    });
    return { application, secret, link: `${stack.url}${returnLinkPath(returnLink(id, secret))}` };
  };

  it('shows the form, sends a bad one back with each problem beside its field, records a good one once', async () => {
    const { application, link } = await approved('ret_01J0000000000000000000RET1', 'RA2026120001');

    const shown = await fetch(link);
    expect(shown.status).toBe(200);
    const form = await shown.text();
    expect(form).toContain('登记退货发货 Announce the return shipment');
    for (const said of [
      'RA2026120001',
      'SO-001-2026-0007',
      'CZM04 双面执手（左）',
      'name="carrier"',
      'name="waybill"',
    ]) {
      expect(form).toContain(said);
    }
    expect(form).toContain('name="quantity.1" value="12"');
    expect(form).toContain(`max="${today}"`);
    expect(form).not.toContain('@factory.example');

    const bad = await postDecision(link, {
      carrier: '',
      waybill: '#',
      shippedOn: '2999-01-01',
      'quantity.1': '13',
      'quantity.2': 'two',
      note: 'kept as typed',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Nothing was recorded');
    expect(bad.html).toMatch(/id="carrier"[^>]*>\s*<p class="error">is required<\/p>/);
    expect(bad.html).toContain('must be 3–40 letters');
    expect(bad.html).toContain('must be a whole number from 0 to 3');
    // Every problem at once, the return's own among them (R33): the date ahead, more than approved.
    expect(bad.html).toContain('cannot be after today');
    expect(bad.html).toContain('is more than the 12 approved');
    expect(bad.html).toContain('kept as typed');
    expect((await returns.get(application.id)).status).toBe('approved');

    // The form's own problems put right, the return's still come back beside their fields.
    const ahead = await postDecision(link, {
      carrier: '德邦物流 Deppon',
      waybill: 'DP-778812',
      shippedOn: '2999-01-01',
      'quantity.1': '13',
      'quantity.2': '3',
    });
    expect(ahead.status).toBe(400);
    expect(ahead.html).toContain('cannot be after today');
    expect(ahead.html).toMatch(/name="quantity.1" value="13"[^>]*><p class="error">is more than the 12 approved<\/p>/);

    const good = await postDecision(link, {
      carrier: '德邦物流 Deppon',
      waybill: 'DP-778812',
      shippedOn: today,
      'quantity.1': '10',
      'quantity.2': '3',
      note: '两箱 two boxes',
    });
    expect(good.status).toBe(200);
    expect(good.html).toContain('Shipment announced — thank you');
    expect(good.html).toContain('DP-778812');
    const shipped = await returns.get(application.id);
    expect(shipped.status).toBe('shipped');
    expect(shipped.shipment).toMatchObject({
      carrier: '德邦物流 Deppon',
      waybill: 'DP-778812',
      shippedOn: today,
      lines: [
        { line: 1, quantity: 10 },
        { line: 2, quantity: 3 },
      ],
      note: '两箱 two boxes',
      announcedBy: 'customer (return link)',
    });
    // One write: the return, its entry in the order's history and the event the waiting workflow resumes on.
    const { Items: history = [] } = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
        ExpressionAttributeValues: { ':pk': `ORDER#${application.orderId}`, ':h': 'HISTORY#' },
      }),
    );
    expect(history).toMatchObject([{ action: 'return shipped', actor: 'customer (return link)' }]);
    const { Items: events = [] } = await table.client.send(
      new ScanCommand({
        TableName: table.name,
        FilterExpression: 'entity = :e AND event.#type = :t',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':e': 'event', ':t': 'ReturnShipmentAnnounced' },
      }),
    );
    expect(events.map((e) => e.event.data.shipment.waybill)).toEqual(['DP-778812']);
    await stack.settle();

    // A second click (or another contact) sees what was announced; nothing changes.
    const again = await postDecision(link, { carrier: 'other', waybill: 'XX-1', shippedOn: today });
    expect(again.status).toBe(200);
    expect(again.html).toContain('This return was announced');
    expect(again.html).toContain('DP-778812');
    expect((await returns.get(application.id)).version).toBe(shipped.version);
    expect(await (await fetch(link)).text()).toContain('This return was announced');
  });

  it('answers an unknown or malformed link with the not-found page, and a return not approved without a form', async () => {
    // The link names its return beside the secret: under another return's id the secret leads nowhere; a link of the
    // secret alone (e-mailed before links named their return) still leads to it.
    const { secret } = await approved('ret_01J0000000000000000000RET3', 'RA2026120003');
    expect(await (await fetch(`${stack.url}${returnLinkPath(secret)}`)).text()).toContain('RA2026120003');
    const elsewhere = returnLinkPath(returnLink('ret_01J0000000000000000000RET1', secret));
    for (const link of [returnLinkPath('x'.repeat(43)), returnLinkPath('short'), elsewhere]) {
      const missing = await fetch(`${stack.url}${link}`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('text/html');
      expect(await missing.text()).toContain('This link is not valid');
    }
    const { link } = await approved('ret_01J0000000000000000000RET2', 'RA2026120002', 'leader_approval');
    const page = await (await fetch(link)).text();
    expect(page).toContain('This return is not approved yet');
    expect(page).not.toContain('<form');
    const posted = await postDecision(link, { carrier: 'x', waybill: 'DP-1', shippedOn: today });
    expect(posted.status).toBe(200);
    expect(posted.html).not.toContain('<form');
  });
});
