import { chosen, salesManager } from './kit/approvers.ts';
import { at } from './kit/asl.ts';
import { hours } from './kit/policy.ts';
import { defineWorkflow } from './kit/workflow.ts';

const request = { quotationId: at('$.quotation.quotationId') };
const decided = { decidedBy: at('$.decision.decidedBy'), decidedAt: at('$.decision.decidedAt') };
const subject = { kind: 'customer', id: at('$.quotation.customerId'), title: at('$.quotation.title') };

/** R37 (F6): a quotation is approved before it goes out; a special price needs the general manager or the deputy GM. */
export const quotation = defineWorkflow({
  name: 'quotation',
  description:
    'R37 quotation: approved before release — by the sales manager, or for a special price (below list) by the deputy GM up to the limit below list, the general manager beyond it — then sent to the customer as a PDF in its language.',
  worker: 'quotation',
  subject: { kind: 'customer', idField: 'customerId' },
  startedBy: {
    event: 'QuotationRequested',
    start: ({ data: { quotation } }) => ({
      id: quotation.id,
      input: { customerId: quotation.customerId, quotationId: quotation.id },
    }),
  },
  startAt: 'LoadQuotation',
  states: ({ step, approval, choice, onOutcome }) => ({
    LoadQuotation: step(
      'load',
      { quotationId: at('$.quotationId') },
      {
        comment:
          'Who decides: a special price by its deepest discount below list (SPECIAL_PRICE_DEPUTY_LIMIT), else the sales manager of the requester.',
        select: { quotation: at('$.Payload') },
        resultPath: '$',
        next: 'SpecialPrice',
      },
    ),
    SpecialPrice: choice(
      [{ Variable: '$.quotation.specialPrice', BooleanEquals: true, Next: 'SpecialPriceApproval' }],
      'SalesManagerApproval',
      'R37: a price below list is a special price: the general manager or the deputy GM, never the sales manager alone.',
    ),
    ...approval('SpecialPriceApproval', {
      step: 'special-price-approval',
      ask: '特价报价审批 Approve a quotation with special prices (R37)',
      subject,
      facts: at('$.quotation.facts'),
      assignee: chosen(at('$.quotation.role'), at('$.quotation.approver')),
      requestedBy: at('$.quotation.requestedBy'),
      form: 'special-price',
      wait: hours(24),
      reminder: { after: hours(24) },
      // The deputy GM's leader is the general manager; above the general manager, nobody: it lapses.
      escalation: { after: hours(48) },
      resultPath: '$.decision',
      next: 'Decided',
      lapse: 'Lapse',
    }),
    ...approval('SalesManagerApproval', {
      step: 'quotation-approval',
      ask: '报价审批 Approve a quotation (R37)',
      subject,
      facts: at('$.quotation.facts'),
      // The requesting merchandiser's leader; a sales manager asking is decided by their own leader.
      assignee: salesManager(at('$.quotation.salesManagerOf')),
      requestedBy: at('$.quotation.requestedBy'),
      wait: hours(24),
      reminder: { after: hours(24) },
      escalation: { after: hours(48) },
      resultPath: '$.decision',
      next: 'Decided',
      lapse: 'Lapse',
    }),
    Decided: onOutcome(
      '$.decision',
      { reject: 'Refuse', approve: 'Approve' },
      "A refusal always carries the decider's reason in writing (the approval requires it).",
    ),
    Approve: step(
      'approve',
      { ...request, ...decided, values: at('$.decision.values') },
      {
        comment: 'The quotation approved, with who decided and on what basis; a repeated step changes nothing.',
        next: 'SendQuotation',
      },
    ),
    SendQuotation: step('send', request, {
      comment:
        "R37: the PDF in the company format to each customer contact, in the contact's language, once; retried for about four hours.",
      retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 300, MaxAttempts: 8, BackoffRate: 1.5 }],
      catch: [{ errors: ['States.ALL'], resultPath: '$.sendError', next: 'NotSent' }],
      end: true,
    }),
    NotSent: step('not-sent', request, {
      comment: 'The mail service kept refusing: the requester is told to send the PDF another way.',
      end: true,
    }),
    Refuse: step(
      'refuse',
      { ...request, ...decided, comment: at('$.decision.comment') },
      { comment: "Refused in writing: the requester gets the decider's reason; nothing goes out.", end: true },
    ),
    Lapse: step('lapse', request, {
      comment: 'Nobody decided, even after the escalation: the quotation lapses; the requester is told.',
      end: true,
    }),
  }),
});
