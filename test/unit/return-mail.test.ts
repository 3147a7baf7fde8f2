import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../functions/notifications/notify.ts';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { formatMoney } from '../../shared/domain/order-amounts.ts';
import { returnSummary } from '../../shared/domain/returns.ts';
import {
  returnAppliedEmail,
  returnApprovedEmail,
  returnArrivalHeldEmail,
  returnArrivalSettledEmail,
  returnDifferenceEmail,
  returnNoteEmail,
  returnNoteNotSentEmail,
  returnRefusedEmail,
  returnShipmentLateEmail,
  returnStalledEmail,
  returnStoppedEmail,
  returnToAnalyseEmail,
} from '../../shared/mail/return-templates.ts';
import type { Language } from '../../shared/schemas/common.ts';
import { OrderSummary } from '../../shared/schemas/order.ts';
import type { ReturnApplication } from '../../shared/schemas/return.ts';
import { atMinute, nextTestId, placedOrder } from '../fixtures.ts';

const appUrl = 'https://app.example';
const owner = demoPeople.merchandiser;
const context = { now: atMinute(30), actor: 'workflow:return', newId: nextTestId };
const order = placedOrder([
  { productCode: 'CZM04', description: '双面执手（左）', quantity: 100 },
  { productCode: 'CZM05', description: '双面执手（右）', quantity: 80 },
]);
const parties = {
  customerName: '华信门窗有限公司 Huaxin Windows Co.',
  contacts: [
    { name: '李伟 Li Wei', email: 'li.wei@huaxin.example', language: 'zh-CN' as const },
    { name: 'Anna Chen', email: 'anna@huaxin.example', language: 'en' as const },
    { name: '王静 Wang Jing', email: 'wang.jing@huaxin.example', language: 'zh-CN' as const },
  ],
  merchandiserEmail: owner,
  pmcEmail: demoPeople.pmcOnDuty,
};

const application: ReturnApplication = {
  id: 'ret_01J00000000000000000000RET',
  number: 'RA2026120007',
  customerId: order.customerId,
  orderId: order.id,
  orderNumber: order.number,
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
    { line: 2, quantity: 3, productCode: 'CZM05', name: '双面执手（右）', unit: 'pcs', unitPrice: 18.5, delivered: 80 },
  ],
  reason: '表面划伤 scratched surface',
  attachments: [],
  contact: { name: '李伟 Li Wei', email: 'li.wei@huaxin.example' },
  status: 'approved',
  approval: { by: demoPeople.salesManager, at: '2026-11-10T02:00:00.000Z' },
  owner,
  appliedBy: 'li.wei@huaxin.example',
  appliedAt: atMinute(0),
  version: 5,
  updatedAt: atMinute(20),
};
const summary = returnSummary(application);
const subject = { kind: 'order', id: order.id };

const applied = domainEvent(
  'ReturnApplied',
  subject,
  { return: summary, order: OrderSummary.parse(order), parties },
  context,
);
const refused = domainEvent(
  'ReturnRefused',
  subject,
  { return: { ...summary, status: 'refused' }, reason: '客户原因，不予退货 caused by the customer', parties },
  context,
);
const difference = domainEvent(
  'ReturnReceivedWithDifference',
  subject,
  {
    return: { ...summary, status: 'receiving' },
    lines: [
      { line: 1, productCode: 'CZM04', expected: 12, received: 10 },
      { line: 2, productCode: 'CZM05', expected: 3, received: 3 },
    ],
    note: '两件未在箱内 two pieces not in the box',
    parties,
  },
  context,
);
const stopped = domainEvent(
  'ReturnStopped',
  subject,
  {
    return: { ...summary, status: 'stopped' },
    reason: '型号不符 not our model',
    by: demoPeople.financeOnDuty,
    parties,
    salesManagerEmail: demoPeople.salesManager,
  },
  context,
);
const stalled = domainEvent(
  'ReturnStalled',
  subject,
  { return: { ...summary, status: 'sign_off' }, step: 'SignOffWarehouseSupervisor', parties },
  context,
);
const held = domainEvent(
  'ReturnArrivalHeld',
  { kind: 'customer', id: order.customerId },
  {
    arrival: {
      id: 'rar_1',
      customerId: order.customerId,
      returnNumber: 'RA2026119999',
      carrier: '德邦物流 Deppon',
      waybill: 'DP-778812',
      lines: [{ productCode: 'CZM04', quantity: 7 }],
      note: '外箱无标识 no label on the box',
      status: 'held',
      recordedBy: demoPeople.warehouseOnDuty,
      recordedAt: atMinute(40),
    },
    parties,
  },
  context,
);
const note = {
  number: 'RN2026120002',
  returnNumber: application.number,
  orderNumber: order.number,
  currency: 'CNY' as const,
  totals: { quantity: 13, amount: 240.5 },
  language: 'zh-CN' as const,
};

const languages: Language[] = ['zh-CN', 'en'];
/** Nobody of the company is named in what the customer reads. */
const namesNoStaff = (mail: { subject: string; text: string; html: string }) => {
  for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(/@factory\.example/);
};
const both = (mail: { text: string }) => expect(mail.text).toMatch(/[\u4e00-\u9fff][\s\S]*[A-Za-z]{4,}/);

describe('the e-mails of a return (F5)', () => {
  it('acknowledge an application to the customer at once, in its language, with the number, lines and reason (R30)', () => {
    for (const language of languages) {
      const mail = returnAppliedEmail(applied, language);
      expect(mail.subject).toContain('RA2026120007');
      expect(mail.subject).toContain(order.number);
      expect(mail.text).toContain('CZM04 × 12, CZM05 × 3');
      expect(mail.text).toContain('表面划伤 scratched surface');
      expect(mail.text).toContain('DN2026110003');
      namesNoStaff(mail);
    }
    expect(returnAppliedEmail(applied, 'zh-CN').text).toContain('书面形式答复');
    expect(returnAppliedEmail(applied, 'en').text).toContain('reply to you in writing');
  });

  it('ask the owner, in both languages, to analyse a new application (R31)', () => {
    const mail = returnToAnalyseEmail(applied, appUrl);
    expect(mail.subject).toContain('新退货申请 New return application: RA2026120007');
    both(mail);
    expect(mail.text).toContain('CZM04 × 12');
    expect(mail.text).toContain(`${appUrl}/returns/${application.id}`);
  });

  it('tell the customer the return is approved: the number to quote, what to send, how to announce it (R33)', () => {
    const link = 'https://api.example/return-links/secret';
    for (const language of languages) {
      const mail = returnApprovedEmail(application, language, link);
      expect(mail.subject).toContain('RA2026120007');
      expect(mail.text).toContain('CZM04 双面执手（左） × 12 pcs');
      expect(mail.text).toContain('CZM05 双面执手（右） × 3 pcs');
      expect(mail.text).toContain(`POST /returns/${application.id}/shipment`);
      expect(mail.html).toContain(`href="${link}"`);
      namesNoStaff(mail);
    }
    expect(returnApprovedEmail(application, 'zh-CN', link).text).toContain('可能拒收');
    expect(returnApprovedEmail(application, 'en', link).text).toContain('may be refused');
    expect(returnApprovedEmail(application, 'en', link).text).toContain('waybill');
  });

  it('tell the customer why the application is refused (R32)', () => {
    for (const language of languages) {
      const mail = returnRefusedEmail(refused, language);
      expect(mail.subject).toContain('RA2026120007');
      expect(mail.text).toContain('客户原因，不予退货 caused by the customer');
      namesNoStaff(mail);
    }
  });

  it('alert the owner to goods held without an approved application (R33)', () => {
    const mail = returnArrivalHeldEmail(held, appUrl);
    both(mail);
    expect(mail.subject).toContain('Huaxin Windows Co.');
    for (const said of ['RA2026119999', 'DP-778812', 'CZM04 × 7', '外箱无标识 no label on the box']) {
      expect(mail.text).toContain(said);
    }
    const unquoted = { ...held, data: { ...held.data, arrival: { ...held.data.arrival, returnNumber: undefined } } };
    expect(returnArrivalHeldEmail(unquoted, appUrl).text).toContain('No return number quoted');
  });

  it('ask the warehouse to send settled goods back, or to receive them under their return (R30, R33)', () => {
    const settled = (arrival: object) =>
      domainEvent(
        'ReturnArrivalSettled',
        held.subject,
        {
          arrival: { ...held.data.arrival, ...arrival },
          customerName: parties.customerName,
          warehouseEmail: demoPeople.warehouseOnDuty,
        },
        context,
      );
    const by = { settledBy: demoPeople.merchandiser, settledAt: atMinute(50) };
    const sentBack = settled({
      status: 'sent-back',
      settlement: { note: '德邦到付退回 back by Deppon, freight collect', ...by },
    });
    expect(messagesFor(sentBack.type, sentBack).map((m) => [m.to, m.template])).toEqual([
      [[demoPeople.warehouseOnDuty], 'return-arrival-settled'],
    ]);
    const back = returnArrivalSettledEmail(sentBack);
    both(back);
    expect(back.subject).toContain(`Send held goods back: ${parties.customerName}`);
    for (const said of ['德邦到付退回 back by Deppon, freight collect', 'DP-778812', 'CZM04 × 7', 'rar_1']) {
      expect(back.text).toContain(said);
    }
    const taken = returnArrivalSettledEmail(
      settled({
        status: 'under-return',
        settlement: { returnId: application.id, returnNumber: 'RA2026120007', ...by },
      }),
    );
    both(taken);
    expect(taken.subject).toContain('Held goods are return RA2026120007');
    expect(taken.text).toContain('R34');
  });

  it('tell the customer of a difference counted, line by line, the credit following what was received (R34)', () => {
    const zh = returnDifferenceEmail(difference, 'zh-CN');
    expect(zh.text).toContain('CZM04：申请 12，实收 10');
    expect(zh.text).toContain('按实收数量');
    const en = returnDifferenceEmail(difference, 'en');
    expect(en.text).toContain('CZM04: applied for 12, received 10');
    expect(en.text).toContain('The credit follows the quantities received');
    for (const mail of [zh, en]) {
      expect(mail.subject).toContain('RA2026120007');
      namesNoStaff(mail);
    }
  });

  it('tell the owner and the sales manager who refused the sign-off, and why (R35)', () => {
    const mail = returnStoppedEmail(stopped, appUrl);
    both(mail);
    expect(mail.subject).toContain('Return stopped: RA2026120007');
    expect(mail.text).toContain(demoPeople.financeOnDuty);
    expect(mail.text).toContain('型号不符 not our model');
  });

  it('tell the owner a step found nobody, and of a shipment not announced two weeks on', () => {
    const mail = returnStalledEmail(stalled, appUrl);
    expect(mail.text).toContain('SignOffWarehouseSupervisor');
    expect(mail.text).toContain(`${appUrl}/returns/${application.id}`);
    const late = returnShipmentLateEmail(application, parties.customerName, appUrl);
    both(late);
    expect(late.subject).toContain('RA2026120007');
    expect(late.text).toContain('2026-11-10 10:00');
    expect(late.text).toContain('has not announced the shipment');
  });

  it('send the return note with the credit in the customer’s language, or tell the owner it could not (R36)', () => {
    for (const language of languages) {
      const mail = returnNoteEmail(note, language);
      expect(mail.subject).toContain('RN2026120002');
      expect(mail.subject).toContain('RA2026120007');
      expect(mail.text).toContain(formatMoney(240.5, 'CNY', language));
      expect(mail.text).toContain('13');
      namesNoStaff(mail);
    }
    expect(returnNoteEmail(note, 'zh-CN').text).toContain('¥240.50');
    const notSent = returnNoteNotSentEmail(note, parties.customerName, appUrl);
    both(notSent);
    expect(notSent.text).toContain('RN2026120002');
  });
});

describe('who receives the e-mails of a return (notify)', () => {
  const sent = (event: Parameters<typeof messagesFor>[1]) =>
    messagesFor(event.type, event).map((m) => ({ to: m.to, template: m.template, subject: m.subject }));

  it('an application: each language of the customer once, and the owner to analyse it', () => {
    expect(sent(applied)).toEqual([
      {
        to: ['li.wei@huaxin.example', 'wang.jing@huaxin.example'],
        template: 'return-applied',
        subject: returnAppliedEmail(applied, 'zh-CN').subject,
      },
      { to: ['anna@huaxin.example'], template: 'return-applied', subject: returnAppliedEmail(applied, 'en').subject },
      { to: [owner], template: 'return-to-analyse', subject: returnToAnalyseEmail(applied, '').subject },
    ]);
  });

  it('a refusal and a difference: the customer, and the owner a copy in Chinese', () => {
    for (const [event, template] of [
      [refused, 'return-refused'],
      [difference, 'return-difference'],
    ] as const) {
      const messages = sent(event);
      expect(messages.map((m) => [m.to, m.template])).toEqual([
        [['li.wei@huaxin.example', 'wang.jing@huaxin.example'], template],
        [['anna@huaxin.example'], template],
        [[owner], template],
      ]);
      expect(messages[2]?.subject).toBe(messages[0]?.subject);
    }
  });

  it('goods held, a stall: the owner; a stop: the owner and the sales manager', () => {
    expect(sent(held).map((m) => [m.to, m.template])).toEqual([[[owner], 'return-arrival-held']]);
    expect(sent(stalled).map((m) => [m.to, m.template])).toEqual([[[owner], 'return-stalled']]);
    expect(sent(stopped).map((m) => [m.to, m.template])).toEqual([
      [[owner, demoPeople.salesManager], 'return-stopped'],
    ]);
    const ownLeader = { ...stopped, data: { ...stopped.data, salesManagerEmail: owner } };
    expect(sent(ownLeader).map((m) => m.to)).toEqual([[owner]]);
  });
});
