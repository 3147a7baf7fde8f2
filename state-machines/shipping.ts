import { accountOwner, onDuty, salesManager } from './kit/approvers.ts';
import { at } from './kit/asl.ts';
import { decided, decision, type FlowContext, personStep } from './kit/person-steps.ts';
import { days, hours } from './kit/policy.ts';
import { defineWorkflow } from './kit/workflow.ts';

const ids = { orderId: at('$.delivery.orderId'), delivery: at('$.delivery.delivery') };
const subject = { kind: 'order', id: at('$.delivery.orderId'), title: at('$.delivery.title') };
const facts = at('$.round.facts');
const flow: FlowContext = { ids, subject, round: '$.round' };

/** F3: one delivery of an order from finished in production to signed for by the customer (R9, R17–R23). */
export const shipping = defineWorkflow({
  name: 'shipping',
  description:
    'F3 shipping of one delivery: balance before goods (R9) or credit (F7), stock-prep form (R17), prices (R18), picking with its mismatch loop (R19), delivery note issued and signed (R20), shipped (R21), note and waybill to the customer (R22), signed for or late (R23).',
  worker: 'shipping',
  subject: { kind: 'order', idField: 'orderId' },
  startedBy: {
    event: 'DeliveryFinished',
    start: (event) => ({
      id: event.data.executionId,
      input: { orderId: event.subject.id, delivery: String(event.data.delivery) },
    }),
  },
  startAt: 'LoadDelivery',
  states: (kit) => {
    const { step, waitFor, choice, approval, onOutcome } = kit;
    return {
      LoadDelivery: step(
        'load',
        { orderId: at('$.orderId'), delivery: at('$.delivery') },
        {
          comment:
            'R9, F7: what must happen before the goods may ship: nothing, the balance, or the sales manager (credit).',
          select: { delivery: at('$.Payload.delivery'), round: at('$.Payload.round') },
          resultPath: '$',
          next: 'PaymentGate',
        },
      ),
      PaymentGate: choice(
        [
          { Variable: '$.delivery.gate', StringEquals: 'balance', Next: 'RequestBalance' },
          { Variable: '$.delivery.gate', StringEquals: 'credit', Next: 'CreditRelease' },
        ],
        'ToStockPrep',
      ),
      RequestBalance: step('request-balance', ids, {
        comment: 'R9: the customer is asked in writing, in its language, for the amount due before the goods ship.',
        next: 'AwaitBalance',
      }),
      AwaitBalance: waitFor('await-balance', ids, {
        comment: 'R9: waits for the next payment against the order (resume-waiters answers on PaymentRecorded).',
        timeoutSeconds: days(7),
        catch: [{ errors: ['States.Timeout'], next: 'BalanceLate' }],
        next: 'BalanceCheck',
      }),
      BalanceCheck: step('gate', ids, {
        comment: 'R9: paid in full (up to this delivery)? Then the goods may be prepared; else the wait goes on.',
        select: { gate: at('$.Payload.gate') },
        resultPath: '$.check',
        next: 'BalancePaid',
      }),
      BalancePaid: choice([{ Variable: '$.check.gate', StringEquals: 'clear', Next: 'ToStockPrep' }], 'AwaitBalance'),
      BalanceLate: step('balance-late', ids, {
        comment: 'R9: a week without the balance: finance and the merchandiser are told; the goods keep waiting.',
        next: 'AwaitBalance',
      }),
      ...approval('CreditRelease', {
        step: 'credit-release',
        ask: '超信用额度出货审批 Ship beyond the credit limit',
        subject,
        facts,
        assignee: salesManager(at('$.delivery.accountOwner')),
        wait: hours(24),
        reminder: { after: hours(24) },
        escalation: { after: hours(48) },
        resultPath: '$.credit',
        next: 'CreditDecided',
        lapse: 'CreditLapsed',
      }),
      CreditDecided: onOutcome('$.credit', { reject: 'CreditRefused', approve: 'ToStockPrep' }),
      CreditRefused: step(
        'hold',
        { ...ids, reason: at('$.credit.comment') },
        { comment: 'F7: held until payments bring the customer within its limit.', next: 'AwaitCredit' },
      ),
      CreditLapsed: step('hold', { ...ids, reason: '无人审批 nobody decided in time' }, { next: 'AwaitCredit' }),
      AwaitCredit: waitFor('await-credit', ids, {
        comment: "F7: waits for the customer's next payment; a week on, the sales manager is asked again.",
        timeoutSeconds: days(7),
        catch: [{ errors: ['States.Timeout'], next: 'LoadDelivery' }],
        next: 'CreditCheck',
      }),
      CreditCheck: step('gate', ids, {
        comment:
          'F7: within the limit now (what the customer owes plus this delivery)? Then the goods may be prepared.',
        select: { gate: at('$.Payload.gate') },
        resultPath: '$.check',
        next: 'WithinCredit',
      }),
      WithinCredit: choice([{ Variable: '$.check.gate', StringEquals: 'clear', Next: 'ToStockPrep' }], 'AwaitCredit'),
      ...personStep(kit, flow, 'StockPrep', 'stock_prep', {
        step: 'stock-prep',
        ask: '备货单 Prepare the stock-prep form (R17)',
        assignee: accountOwner(at('$.delivery.accountOwner')),
        form: 'stock-prep',
        lines: at('$.round.lines'),
        resultPath: '$.prepared',
        next: 'Prepare',
      }),
      Prepare: step(
        'prepare',
        { ...ids, ...decision('$.prepared') },
        {
          comment:
            "R17: the form from the merchandiser's quantities, the order's prices and address; each round a revision.",
          select: { next: at('$.Payload.next') },
          resultPath: '$.outcome',
          next: 'Prepared',
        },
      ),
      Prepared: choice(
        [{ Variable: '$.outcome.next', StringEquals: 'prepared', Next: 'ToPriceApproval' }],
        'ToStockPrep',
      ),
      ...personStep(kit, flow, 'PriceApproval', 'price_approval', {
        step: 'price-approval',
        ask: '备货单审核 Approve the stock-prep form and its prices (R18)',
        assignee: onDuty('sales-admin'),
        requestedBy: at('$.prepared.decidedBy'),
        resultPath: '$.prices',
        next: 'PricesDecided',
      }),
      ...decided(
        kit,
        flow,
        'PricesDecided',
        'prices-decided',
        '$.prices',
        { approved: 'ToPicking', returned: 'ToStockPrep' },
        'R18: approved prices go on to picking; a refusal returns the form to the merchandiser with the reason.',
      ),
      ...personStep(kit, flow, 'Picking', 'picking', {
        step: 'picking',
        ask: '备货确认 Prepare the goods: model, quantity and boxes (R19)',
        assignee: onDuty('warehouse'),
        form: 'goods-prepared',
        lines: at('$.round.lines'),
        resultPath: '$.picked',
        next: 'CheckPicking',
      }),
      ...decided(
        kit,
        flow,
        'CheckPicking',
        'check-picking',
        '$.picked',
        { matched: 'ToIssueNote', mismatch: 'ToStockPrep' },
        "R19: anything but the form's quantity on a line sends the form back to the merchandiser to correct; every round is kept.",
      ),
      ...personStep(kit, flow, 'IssueNote', 'invoicing', {
        step: 'issue-note',
        ask: '开送货单 Book the sale and issue the delivery note (R20)',
        assignee: onDuty('finance'),
        resultPath: '$.issue',
        next: 'NoteIssued',
      }),
      ...decided(
        kit,
        flow,
        'NoteIssued',
        'issue-note',
        '$.issue',
        { issued: 'ToSignNote', returned: 'ToStockPrep' },
        'R20: finance books the sale and the delivery note takes the next number of its own sequence; a refusal returns the form.',
      ),
      ...personStep(kit, flow, 'SignNote', 'invoicing', {
        step: 'sign-note',
        ask: '送货单审价签字 Check the prices and sign the delivery note (R20)',
        assignee: onDuty('sales-admin'),
        resultPath: '$.signature',
        next: 'NoteSigned',
      }),
      ...decided(
        kit,
        flow,
        'NoteSigned',
        'sign-note',
        '$.signature',
        { signed: 'ToShip', void: 'ToStockPrep' },
        'R20: sales admin checks the prices once more and signs; a refusal voids the note (its number stays used) and returns the form.',
      ),
      ...personStep(kit, flow, 'Ship', 'ready_to_ship', {
        step: 'ship',
        ask: '发货签字 Ship against the delivery note and sign (R21)',
        assignee: onDuty('warehouse'),
        form: 'shipment',
        resultPath: '$.shipment',
        next: 'Shipped',
      }),
      ...decided(
        kit,
        flow,
        'Shipped',
        'ship',
        '$.shipment',
        { shipped: 'SendNote', waiting: 'ToShip' },
        "R21: the warehouse ships against the note and signs; the order's shipped quantities and status move on (R24).",
      ),
      SendNote: step('send-note', ids, {
        comment:
          "R22: the delivery note (PDF, in the customer's language) and the waybill number to the customer; retried for about four hours.",
        retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 300, MaxAttempts: 8, BackoffRate: 1.5 }],
        catch: [{ errors: ['States.ALL'], resultPath: '$.noteError', next: 'NoteNotSent' }],
        next: 'Transit',
      }),
      NoteNotSent: step('note-not-sent', ids, {
        comment: 'R22: the merchandiser is told to send the note and waybill another way.',
        next: 'Transit',
      }),
      Transit: step('transit', ids, {
        comment: 'R23: how long the customer should wait for it, from the days in transit the warehouse expects.',
        select: { seconds: at('$.Payload.seconds') },
        resultPath: '$.transit',
        next: 'AwaitReceipt',
      }),
      AwaitReceipt: waitFor('await-receipt', ids, {
        comment: 'R23: waits until the customer signs for the delivery (resume-waiters answers on DeliverySignedFor).',
        timeoutSeconds: at('$.transit.seconds'),
        catch: [{ errors: ['States.Timeout'], next: 'DeliveryLate' }],
        next: 'Received',
      }),
      DeliveryLate: step('late', ids, {
        comment: 'R23: not signed for when expected: the merchandiser is alerted, and again every 3 days.',
        next: 'AwaitReceiptLate',
      }),
      AwaitReceiptLate: waitFor('await-receipt', ids, {
        timeoutSeconds: days(3),
        catch: [{ errors: ['States.Timeout'], next: 'DeliveryLate' }],
        next: 'Received',
      }),
      Received: step('received', ids, {
        comment: 'R23: signed for, the receipt filed; the order closes once everything is delivered and paid.',
        end: true,
      }),
    };
  },
});
