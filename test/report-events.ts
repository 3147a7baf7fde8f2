import { orderNumber } from '../shared/domain/order-number.ts';
import type { Region } from '../shared/schemas/common.ts';
import { type DomainEvent, parseEvent } from '../shared/schemas/events.ts';
import type { ProductType } from '../shared/schemas/product.ts';

/**
 * R41, R43: generated domain events of many orders — the stream the report figures are kept from, for the tests that
 * recount them (test/unit/report-figures.test.ts, test/integration/report-figures.test.ts) and the benchmark
 * (bench/reports.ts). Deterministic for a seed; every event parses.
 */

const regions: Region[] = ['CN', 'NA', 'LA', 'EU', 'SE', 'AU', 'ME', 'AF', 'UN'];
const productTypes: ProductType[] = ['S', 'P', 'C'];
const complaintKinds = ['quality', 'short_shipment', 'wrong_goods', 'damage', 'late'] as const;
const roles = ['merchandiser', 'planner', 'pmc', 'finance', 'leader'] as const;

/** A small deterministic generator (mulberry32). */
export function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}

export type GeneratedOptions = {
  orders: number;
  customers: number;
  /** The month the orders are placed in, `YYYY-MM`; their later events may fall in the month after. */
  month: string;
  seed?: number;
  /** Starts the events' ids: several generated streams in one table keep apart. */
  idPrefix?: string;
  /** Each event handed over as made, none kept (the benchmark's 100,000 orders); returns an empty list then. */
  onEvent?: (event: DomainEvent) => void;
  /** Checked against its schema (parseEvent) as made: true unless the caller has the stream checked elsewhere. */
  validate?: boolean;
};

const two = (n: number) => String(n).padStart(2, '0');
const pad26 = (text: string) =>
  text
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '0')
    .padStart(26, '0')
    .slice(-26);

/** The events of `orders` orders of `customers` customers: placed, confirmed, shipped, signed for, and their troubles. */
export function generatedEvents({
  orders,
  customers,
  month,
  seed = 1,
  idPrefix = 'g',
  onEvent,
  validate = true,
}: GeneratedOptions) {
  const random = seeded(seed);
  const events: DomainEvent[] = [];
  let eventNumber = 0;
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const instant = (day: number, hour: number) =>
    new Date(Date.UTC(year, monthNumber - 1, day, hour - 8, random.int(60)));
  const dateOf = (at: Date) => at.toISOString().slice(0, 10);
  const customerOf = Array.from({ length: customers }, (_, i) => ({
    code: String(i + 1).padStart(3, '0'),
    region: regions[i % regions.length] as Region,
    currency: i % 3 === 0 ? 'USD' : 'CNY',
  }));
  const sequences = new Map<string, number>();
  const add = (type: string, at: Date, data: object, subject = { kind: 'order', id: 'ord' }) => {
    eventNumber += 1;
    const made = {
      id: `${idPrefix}-${seed}-${eventNumber}`,
      type,
      occurredAt: at.toISOString(),
      actor: 'generated',
      subject,
      data,
    };
    const event = validate ? parseEvent(made) : (made as DomainEvent);
    if (onEvent) onEvent(event);
    else events.push(event);
  };
  const parties = {
    customerName: 'Generated',
    contacts: [],
    merchandiserEmail: 'm@example.com',
    pmcEmail: 'p@example.com',
  };

  for (let n = 0; n < orders; n += 1) {
    const customer = random.pick(customerOf);
    const productType = random.pick(productTypes);
    const placedDay = 1 + random.int(28);
    const placedAt = instant(placedDay, 9 + random.int(9));
    const sequence = ((sequences.get(customer.code) ?? 0) % 99) + 1;
    sequences.set(customer.code, sequence);
    const number = orderNumber({
      region: customer.region,
      productType,
      customerCode: customer.code,
      date: placedAt,
      sequence,
      timeZone: 'Asia/Shanghai',
    });
    const id = `ord_${pad26(`${idPrefix}${seed}x${n}`)}`;
    const amount = Math.round((100 + random.next() * 50_000) * 100) / 100;
    const requestedDate = dateOf(instant(Math.min(28, placedDay + 10 + random.int(20)), 12));
    const order = (status: string, extra: object = {}) => ({
      id,
      number,
      customerId: `cus_${pad26(customer.code)}`,
      customerCode: customer.code,
      poNumber: `PO-${n}`,
      channel: 'email',
      currency: customer.currency,
      requestedDate,
      totals: { amount },
      status,
      revision: 1,
      version: 1,
      createdAt: placedAt.toISOString(),
      createdBy: 'generated',
      updatedAt: placedAt.toISOString(),
      updatedBy: 'generated',
      ...extra,
    });
    add('OrderPlaced', placedAt, { order: order('in_review') });
    if (random.chance(0.05)) {
      add('OrderRejected', instant(placedDay, 18), { order: order('rejected'), parties, reasons: 'no' });
      continue;
    }
    if (random.chance(0.05))
      add('OrderPromiseLate', instant(placedDay + 1, 16), { order: order('awaiting_promise'), parties });
    const confirmedDay = placedDay + 1 + random.int(3);
    const confirmedOn = dateOf(instant(confirmedDay, 12));
    const promisedDate = dateOf(instant(Math.min(28, confirmedDay + 15 + random.int(15)), 12));
    const deposit = random.chance(0.3);
    const promised = { promisedDate, promiseBasis: confirmedOn };
    add('OrderAcknowledged', instant(confirmedDay, 11), {
      order: order(deposit ? 'awaiting_deposit' : 'acknowledged', promised),
      parties,
    });
    let basis = confirmedOn;
    if (deposit) {
      const depositDay = confirmedDay + random.int(4);
      basis = dateOf(instant(depositDay, 12));
      if (random.chance(0.1))
        add('OrderDepositLate', instant(depositDay, 9), {
          order: order('awaiting_deposit', promised),
          paid: { depositReceived: 0, paidTotal: 0 },
          parties,
          financeEmail: 'f@example.com',
        });
      add('OrderDepositRecorded', instant(depositDay, 15), {
        order: order('acknowledged', { ...promised, promiseBasis: basis, depositReceivedOn: basis }),
        parties,
      });
    }
    if (random.chance(0.04)) {
      add('OrderCancelled', instant(confirmedDay + 2, 10), {
        order: order('cancelled', promised),
        cancellation: {
          id: `can_${pad26(`${n}`)}`,
          orderId: id,
          orderNumber: number,
          customerId: `cus_${pad26(customer.code)}`,
          currency: customer.currency,
          reason: 'changed plans',
          requestedBy: 'generated',
          requestedAt: instant(confirmedDay + 1, 10).toISOString(),
          status: 'approved',
          version: 2,
          updatedAt: instant(confirmedDay + 2, 10).toISOString(),
        },
        parties,
      });
      continue;
    }
    const facts = { ...promised, promiseBasis: basis };
    const shipDay = Math.min(40, confirmedDay + 8 + random.int(25));
    const shippedAt = instant(shipDay, 14);
    const shipping = { delivery: 1, parties };
    if (random.chance(0.05))
      add('BalanceLate', instant(shipDay - 1, 9), {
        ...shipping,
        order: order('finished', facts),
        due: amount,
        paid: { depositReceived: 0, paidTotal: 0 },
        financeEmail: 'f@example.com',
      });
    if (random.chance(0.03))
      add('DeliveryHeld', instant(shipDay - 1, 10), { ...shipping, order: order('finished', facts), reason: 'credit' });
    if (random.chance(0.03))
      add('DeliveryStalled', instant(shipDay - 1, 11), {
        ...shipping,
        order: order('finished', facts),
        step: 'picking',
      });
    add('DeliveryShipped', shippedAt, {
      ...shipping,
      order: order('shipped', facts),
      deliveryNote: `DN${n}`,
      shipment: { carrier: 'SF', waybill: `SF${n}`, shippedOn: dateOf(shippedAt) },
      amount,
    });
    if (random.chance(0.05))
      add('DeliveryLate', instant(shipDay + 5, 9), {
        ...shipping,
        order: order('shipped', facts),
        expectedBy: dateOf(instant(shipDay + 4, 12)),
        waybill: `SF${n}`,
      });
    const signedAt = instant(shipDay + 2 + random.int(5), 15);
    const condition = random.chance(0.9) ? 'complete' : random.pick(['damaged', 'short'] as const);
    add('DeliverySignedFor', signedAt, {
      ...shipping,
      order: order('delivered', facts),
      receipt: {
        condition,
        signedBy: 'Receiver',
        signedOn: dateOf(signedAt),
        ...(condition === 'complete' ? {} : { note: `${condition} goods` }),
        recordedBy: 'generated',
        recordedAt: signedAt.toISOString(),
      },
    });
    if (random.chance(0.08)) {
      const registeredAt = instant(shipDay + 8, 10);
      const complaint = (status: string) => ({
        id: `cmp_${pad26(`${idPrefix}${n}`)}`,
        number: `CP${year}${two(monthNumber)}${String(n).padStart(4, '0')}`,
        orderNumber: number,
        delivery: 1,
        kind: random.pick(complaintKinds),
        description: 'generated',
        demand: 'explanation',
        contact: { name: 'Buyer' },
        status,
        owner: 'm@example.com',
        dueOn: dateOf(instant(shipDay + 15, 12)),
        lines: [{ line: 1, productCode: 'P1', quantity: 1 }],
        registeredAt: registeredAt.toISOString(),
      });
      const registered = complaint('registered');
      add('ComplaintRegistered', registeredAt, { complaint: registered, order: order('delivered', facts), parties });
      if (random.chance(0.3)) {
        add('ComplaintOverdue', instant(shipDay + 16, 9), {
          complaint: registered,
          customerName: 'Generated',
          daysOverdue: 1,
        });
        add('ComplaintOverdue', instant(shipDay + 17, 9), {
          complaint: registered,
          customerName: 'Generated',
          daysOverdue: 2,
        });
      }
      if (random.chance(0.7)) {
        add('ComplaintAnswered', instant(shipDay + 10 + random.int(10), 16), {
          complaint: { ...registered, kind: registered.kind, status: 'answered' },
          reply: { resolution: 'explanation', text: 'answered' },
          parties,
        });
      }
    }
    if (random.chance(0.03)) {
      const ret = {
        id: `ret_${pad26(`${idPrefix}${n}`)}`,
        number: `RT${n}`,
        orderNumber: number,
        delivery: 1,
        deliveryNote: `DN${n}`,
        currency: customer.currency,
        reason: 'generated',
        contact: { name: 'Buyer' },
        status: 'applied',
        owner: 'm@example.com',
        lines: [{ line: 1, productCode: 'P1', quantity: 1 }],
      };
      add('ReturnApplied', instant(shipDay + 9, 10), { return: ret, order: order('delivered', facts), parties });
      if (random.chance(0.5)) {
        add('ReturnReceivedWithDifference', instant(shipDay + 14, 10), {
          return: ret,
          lines: [{ line: 1, productCode: 'P1', expected: 1, received: 0 }],
          parties,
        });
      }
    }
    if (random.chance(0.2)) {
      const createdAt = instant(confirmedDay, 9);
      const decidedAt = new Date(createdAt.getTime() + random.int(72) * 3_600_000);
      add(
        'ApprovalDecided',
        decidedAt,
        {
          approval: {
            id: `apr_${pad26(`${idPrefix}${n}`)}`,
            flow: 'order-intake',
            step: 'review',
            ask: 'Review',
            subject: { kind: 'order', id, title: number },
            role: random.pick(roles),
            assignee: 'a@example.com',
            language: 'en',
            reminder: 0,
            status: 'decided',
            createdAt: createdAt.toISOString(),
            expiresAt: new Date(createdAt.getTime() + 24 * 3_600_000).toISOString(),
            decision: { outcome: 'approve', by: 'a@example.com', at: decidedAt.toISOString(), channel: 'link' },
          },
        },
        { kind: 'approval', id: `apr_${n}` },
      );
    }
  }
  for (const customer of customerOf) {
    if (!random.chance(0.5)) continue;
    const answeredAt = instant(1 + random.int(28), 10);
    const modules = { overall: random.int(101), service: random.int(101), quality: random.int(101) };
    add(
      'SatisfactionSurveyAnswered',
      answeredAt,
      {
        answer: {
          surveyId: `srv_${year}`,
          year,
          customerId: `cus_${pad26(customer.code)}`,
          customerCode: customer.code,
          respondent: `buyer-${customer.code}@example.com`,
          modules,
          score: Math.round(((modules.overall + modules.service + modules.quality) / 3) * 100) / 100,
          answeredAt: answeredAt.toISOString(),
        },
      },
      { kind: 'survey', id: `srv_${year}` },
    );
  }
  return events;
}
