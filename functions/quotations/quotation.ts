import * as z from 'zod';
import { currentDirectory, quotationSignatures } from '../../shared/application/people.ts';
import { sendEachOnce } from '../../shared/application/send-once.ts';
import { quotationFileName, renderQuotation } from '../../shared/documents/quotation.ts';
import { approvalTitle, summarisedFacts } from '../../shared/domain/approval-summary.ts';
import type { EventContext } from '../../shared/domain/events.ts';
import { formatUnitPrice } from '../../shared/domain/order-amounts.ts';
import { approveQuotation, lapseQuotation, refuseQuotation } from '../../shared/domain/quotation.ts';
import {
  authorityText,
  parseSpecialPriceLimit,
  type SpecialPriceAuthority,
  specialPriceAuthority,
} from '../../shared/domain/special-price.ts';
import { contactsByLanguage } from '../../shared/mail/order-templates.ts';
import { quotationEmail, quotationNotSentEmail } from '../../shared/mail/quotation-templates.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { subjectHistoryWrite } from '../../shared/persistence/history.ts';
import { quotationRepository } from '../../shared/persistence/quotations.ts';
import { retryOnConflict, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { specialPriceBases } from '../../shared/schemas/decision-form.ts';
import type { Quotation } from '../../shared/schemas/quotation.ts';
import { requiredSetting, settings } from '../../shared/settings.ts';

/** R37: read and checked as the worker starts, so that a malformed setting fails loudly at once. */
const limit = parseSpecialPriceLimit(
  requiredSetting('special-price-deputy-limit'),
  settings['special-price-deputy-limit'].variable,
);

const actor = 'workflow:quotation';

const Id = { quotationId: z.string() };
const Decided = { decidedBy: z.string(), decidedAt: z.iso.datetime() };
const Step = z.discriminatedUnion('action', [
  z.object({ action: z.literal('load'), ...Id }),
  z.object({ action: z.literal('approve'), ...Id, ...Decided, values: z.record(z.string(), z.unknown()).default({}) }),
  z.object({ action: z.literal('refuse'), ...Id, ...Decided, comment: z.string() }),
  z.object({ action: z.enum(['send', 'not-sent', 'lapse']), ...Id }),
]);

/** What the approver sees: the customer, validity, and each line at its price against the list (R37). */
function quotationFacts(quotation: Quotation, customer: Customer, authority: SpecialPriceAuthority | undefined) {
  const price = (value: number) => formatUnitPrice(value, quotation.currency, 'zh-CN');
  return summarisedFacts({
    head: [
      { label: '报价单号 Quotation', value: quotation.number },
      { label: '客户 Customer', value: `${quotation.customerCode} ${customer.name}` },
      { label: '有效期至 Valid until', value: quotation.validUntil },
      { label: '审批权限 Authority (R37)', value: authorityText(authority) },
      { label: '申请人 Requested by', value: quotation.requestedBy },
      ...(quotation.note ? [{ label: '备注 Note', value: quotation.note }] : []),
    ],
    items: quotation.lines.map((line) => ({
      attention: line.discountPercent !== undefined,
      fact: {
        label: `第 ${line.line} 行 Line ${line.line}`,
        value: [
          `${line.productCode} ${line.productName}: ${price(line.unitPrice)}${line.quantity === undefined ? '' : ` × ${line.quantity}`}`,
          `价目表 list ${price(line.listPrice)}`,
          ...(line.discountPercent === undefined ? [] : [`特价 special price: −${line.discountPercent}%`]),
        ].join('; '),
      },
    })),
  });
}

/**
 * Whose leader approves a quotation without a special price: the requesting merchandiser's; for a request by anyone
 * else (a sales manager), the customer's account owner's — whose leader, when it is the requester, is passed over for
 * their own leader (request-approval keeps the requester from deciding).
 */
async function salesManagerOf(quotation: Quotation, customer: Customer) {
  const { directory } = await currentDirectory();
  const requester = directory.find(quotation.requestedBy);
  return requester?.active && requester.roles.includes('merchandiser') ? requester.id : customer.accountOwner;
}

const basisLabel = (value: unknown) => specialPriceBases.find((b) => b.value === value)?.label;

/** The quotation workflow's own steps (state-machines/quotation.asl.json). */
async function quotationStep(event: unknown) {
  const step = Step.parse(event);
  const table = port('table');
  const quotations = quotationRepository(table);
  const read = async () => {
    const quotation = await quotations.get(step.quotationId);
    const now = port('clock').now();
    const context: EventContext = { now: now.toISOString(), actor, newId: port('ids').next };
    return { quotation, now, context };
  };
  /** The quotation ended (approved, refused, lapsed), with its customer's history entry and event, once. */
  const end = (ending: (quotation: Quotation, context: EventContext) => ReturnType<typeof lapseQuotation>) =>
    retryOnConflict(async () => {
      const { quotation, now, context } = await read();
      const result = ending(quotation, context);
      if (!result) return { status: quotation.status };
      const subject = { kind: 'customer', id: quotation.customerId };
      await writeAtomically(table, {
        now,
        events: [result.event],
        writes: [
          quotations.saved(result.quotation, quotation.version),
          subjectHistoryWrite(table.name, subject, result.history, result.event.id),
        ],
      });
      return { status: result.quotation.status };
    });

  switch (step.action) {
    case 'load': {
      const { quotation } = await read();
      const customer = await customerRepository(table).get(quotation.customerId);
      const authority = specialPriceAuthority(
        quotation.lines.map((line) => line.discountPercent),
        limit,
      );
      return {
        quotationId: quotation.id,
        customerId: quotation.customerId,
        title: approvalTitle(`${quotation.number} `, `${quotation.customerCode} ${customer.name}`),
        facts: quotationFacts(quotation, customer, authority),
        requestedBy: quotation.requestedBy,
        specialPrice: authority !== undefined,
        role: authority?.role ?? 'leader',
        approver: authority?.approver ?? { rule: 'on-duty' },
        salesManagerOf: await salesManagerOf(quotation, customer),
      };
    }

    case 'approve': {
      const basis = basisLabel(step.values.basis);
      const note = typeof step.values.note === 'string' ? step.values.note : undefined;
      return await end((quotation, context) =>
        approveQuotation(
          quotation,
          {
            by: step.decidedBy,
            at: step.decidedAt,
            role: quotation.specialPrice ? 'gm' : 'leader',
            ...(basis ? { basis: `${basis['zh-CN']} ${basis.en}` } : {}),
            ...(note ? { note } : {}),
          },
          { ...context, actor: step.decidedBy },
        ),
      );
    }

    case 'refuse':
      return await end((quotation, context) =>
        refuseQuotation(
          quotation,
          { by: step.decidedBy, at: step.decidedAt, reason: step.comment },
          { ...context, actor: step.decidedBy },
        ),
      );

    case 'lapse':
      return await end(lapseQuotation);

    case 'send': {
      const { quotation, now } = await read();
      if (quotation.status !== 'approved') return { sent: false };
      const customer = await customerRepository(table).get(quotation.customerId);
      const signatures = await quotationSignatures(quotation);
      // R37: each contact gets the quotation in its own language.
      const messages = await Promise.all(
        contactsByLanguage(customer.contacts).map(async ({ language, to }) => {
          const document = { quotation, language, ...signatures };
          return {
            to,
            template: 'quotation',
            ...quotationEmail(quotation, language),
            attachments: [
              {
                filename: quotationFileName(document),
                contentType: 'application/pdf',
                content: await renderQuotation(document),
              },
            ],
          };
        }),
      );
      await sendEachOnce(`quotation:${quotation.number}`, messages);
      await retryOnConflict(async () => {
        const { quotation: current } = await read();
        if (current.sent) return;
        const to = messages.flatMap((m) => m.to);
        await writeAtomically(table, {
          now,
          events: [],
          writes: [
            quotations.saved(
              {
                ...current,
                sent: { at: now.toISOString(), to },
                updatedAt: now.toISOString(),
                version: current.version + 1,
              },
              current.version,
            ),
          ],
        });
      });
      return { sent: true };
    }

    case 'not-sent': {
      const { quotation } = await read();
      await sendEachOnce(`quotation-not-sent:${quotation.number}`, [
        {
          to: [quotation.requestedBy],
          template: 'quotation-not-sent',
          ...quotationNotSentEmail(quotation, process.env.APP_URL ?? ''),
        },
      ]);
      return {};
    }
  }
}

export const handler = observed(quotationStep, correlationIdIn);
