import type { EventOf } from '../domain/events.ts';
import type { Language } from '../schemas/common.ts';
import type { ComplaintDemand, ComplaintKind } from '../schemas/complaint.ts';
import { composeEmail } from './layout.ts';

type Kind = (typeof ComplaintKind.options)[number];
type Demand = (typeof ComplaintDemand.options)[number];

const text = {
  'zh-CN': {
    subject: (number: string, order: string) => `投诉已受理：${number}（订单 ${order}）`,
    body: (number: string, order: string, delivery: number, note?: string) =>
      `我们已登记贵司关于订单 ${order} 第 ${delivery} 批${note ? `（送货单 ${note}）` : ''}的投诉，编号 ${number}。`,
    kind: '问题',
    lines: '涉及',
    demand: '贵司要求',
    due: (date: string) => `我们将于 ${date} 前书面答复。`,
    weight: '请告知实际收到的货物重量（公斤），以便我们与发货毛重核对。',
    answered: (number: string, order: string) => `投诉答复：${number}（订单 ${order}）`,
    answeredBody: (number: string) => `关于贵司投诉 ${number}，我们的答复如下：`,
    resolution: '处理方式',
    resolutions: {
      explanation: '解释说明',
      rework: '返工',
      replacement: '补发/换货',
      credit: '折让/冲账',
      return: '退货',
    },
    kinds: { quality: '质量问题', short_shipment: '短少', wrong_goods: '发错货', damage: '破损', late: '延迟' },
    demands: { explanation: '解释说明', rework: '返工', replacement: '补发/换货', credit: '折让/冲账', return: '退货' },
  },
  en: {
    subject: (number: string, order: string) => `Complaint received: ${number} (order ${order})`,
    body: (number: string, order: string, delivery: number, note?: string) =>
      `We have registered your complaint about delivery ${delivery} of order ${order}${note ? ` (delivery note ${note})` : ''} as ${number}.`,
    kind: 'Problem',
    lines: 'Goods concerned',
    demand: 'You ask for',
    due: (date: string) => `You will have our written reply by ${date}.`,
    weight:
      'Please tell us the weight of the goods you received (kg), so that we can check it against the gross weight shipped.',
    answered: (number: string, order: string) => `Our reply to complaint ${number} (order ${order})`,
    answeredBody: (number: string) => `Here is our reply to your complaint ${number}:`,
    resolution: 'Resolution',
    resolutions: {
      explanation: 'explanation',
      rework: 'rework',
      replacement: 'replacement shipment',
      credit: 'credit',
      return: 'return',
    },
    kinds: {
      quality: 'quality',
      short_shipment: 'short shipment',
      wrong_goods: 'wrong goods',
      damage: 'damage',
      late: 'late',
    },
    demands: {
      explanation: 'an explanation',
      rework: 'rework',
      replacement: 'a replacement',
      credit: 'a credit',
      return: 'a return',
    },
  },
} satisfies Record<
  Language,
  { kinds: Record<Kind, string>; demands: Record<Demand, string> } & Record<string, unknown>
>;

/** R25: to the customer at once, in its language: the complaint's number, what was registered, when the reply is due. */
export function complaintAcknowledgedEmail(event: EventOf<'ComplaintRegistered'>, language: Language) {
  const { complaint } = event.data;
  const t = text[language];
  const lines = complaint.lines.map((l) => `${l.productCode} × ${l.quantity}`).join(', ');
  return composeEmail(t.subject(complaint.number, complaint.orderNumber), [
    t.body(complaint.number, complaint.orderNumber, complaint.delivery, complaint.deliveryNote),
    `${t.kind}: ${t.kinds[complaint.kind]} — ${complaint.description}`,
    `${t.lines}: ${lines}`,
    `${t.demand}: ${t.demands[complaint.demand]}`,
    ...(complaint.status === 'awaiting_weight' ? [t.weight] : []),
    t.due(complaint.dueOn),
  ]);
}

/** R29: to the complaint's owner (the account's merchandiser): a new complaint to take up, and its due date. */
export function complaintRegisteredEmail(event: EventOf<'ComplaintRegistered'>, appUrl: string) {
  const { complaint, parties } = event.data;
  const zh = text['zh-CN'];
  const weight = complaint.weight
    ? [
        `收货重量 Weight received: ${complaint.weight.received} kg${complaint.weight.shipped === undefined ? '' : `，发货毛重 shipped ${complaint.weight.shipped} kg，差 difference ${complaint.weight.difference} kg`}`,
      ]
    : complaint.status === 'awaiting_weight'
      ? ['已请客户告知实收重量 The customer is asked for the weight received (R28).']
      : [];
  return composeEmail(`新投诉 New complaint: ${complaint.number} ${parties.customerName}`, [
    `客户 ${parties.customerName} 投诉订单 ${complaint.orderNumber} 第 ${complaint.delivery} 批：${zh.kinds[complaint.kind]}，要求${zh.demands[complaint.demand]}。请于 ${complaint.dueOn} 前书面答复客户。`,
    `${parties.customerName} complains about delivery ${complaint.delivery} of order ${complaint.orderNumber}: ${text.en.kinds[complaint.kind]}, asking for ${text.en.demands[complaint.demand]}. The written reply is due by ${complaint.dueOn}.`,
    complaint.description,
    complaint.lines.map((l) => `${l.productCode} × ${l.quantity}`).join(', '),
    ...weight,
    { link: `${appUrl}/complaints/${complaint.id}`, label: complaint.number },
  ]);
}

/** R27: to the customer, in its language: the written reply and the resolution. */
export function complaintAnsweredEmail(event: EventOf<'ComplaintAnswered'>, language: Language) {
  const { complaint, reply } = event.data;
  const t = text[language];
  return composeEmail(t.answered(complaint.number, complaint.orderNumber), [
    t.answeredBody(complaint.number),
    reply.text,
    `${t.resolution}: ${t.resolutions[reply.resolution]}`,
  ]);
}

/** R29: to the complaint's owner: a step found nobody, even after the escalation; it is asked again. */
export function complaintStalledEmail(event: EventOf<'ComplaintStalled'>, appUrl: string) {
  const { complaint, step, parties } = event.data;
  return composeEmail(`投诉处理停滞 Complaint stalled: ${complaint.number} ${parties.customerName}`, [
    `投诉 ${complaint.number} 的步骤 ${step} 无人处理（已提醒并升级），现重新发出。答复期限 ${complaint.dueOn}。`,
    `Step ${step} of complaint ${complaint.number} found nobody to act, even after the reminder and the escalation; it is asked again. The reply is due by ${complaint.dueOn}.`,
    { link: `${appUrl}/complaints/${complaint.id}`, label: complaint.number },
  ]);
}

/** R28: to the complaint's owner: the customer gave no weight received in time; the report goes ahead without it. */
export function complaintWeightMissingEmail(event: EventOf<'ComplaintWeightMissing'>, appUrl: string) {
  const { complaint, customerName } = event.data;
  return composeEmail(`未收到实收重量 No weight received: ${complaint.number} ${customerName}`, [
    `客户 ${customerName} 未告知投诉 ${complaint.number}（订单 ${complaint.orderNumber}）的实收重量。请撰写投诉报告，可不附重量；答复期限 ${complaint.dueOn}。`,
    `${customerName} has not given the weight received for complaint ${complaint.number} (order ${complaint.orderNumber}). Please write the complaint report without it; the reply is due by ${complaint.dueOn}.`,
    { link: `${appUrl}/complaints/${complaint.id}`, label: complaint.number },
  ]);
}

/** R29: to the owner (reminded) and the owner's leader (escalated): a complaint not answered by its due date. */
export function complaintOverdueEmail(event: EventOf<'ComplaintOverdue'>, appUrl: string) {
  const { complaint, customerName, daysOverdue } = event.data;
  return composeEmail(`投诉逾期 Complaint overdue: ${complaint.number} ${customerName}`, [
    `投诉 ${complaint.number}（客户 ${customerName}，订单 ${complaint.orderNumber}）应于 ${complaint.dueOn} 前书面答复，已逾期 ${daysOverdue} 天。负责人 ${complaint.owner}，请尽快答复客户。`,
    `Complaint ${complaint.number} (${customerName}, order ${complaint.orderNumber}) was due for its written reply by ${complaint.dueOn} and is ${daysOverdue} day(s) overdue. Its owner, ${complaint.owner}, is reminded; the leader is told.`,
    { link: `${appUrl}/complaints/${complaint.id}`, label: complaint.number },
  ]);
}
