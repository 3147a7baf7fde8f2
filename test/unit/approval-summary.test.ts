import { describe, expect, it } from 'vitest';
import {
  approvalLimits,
  customerTitle,
  orderTitle,
  shorten,
  summarisedFacts,
} from '../../shared/domain/approval-summary.ts';
import { onboardingSubject } from '../../shared/domain/onboarding.ts';
import { ApprovalRequest } from '../../shared/schemas/approval.ts';
import { activeCustomer } from '../fixtures.ts';

const longName = '佛山市南海区大沥镇铝合金门窗五金配件有限公司'.repeat(10).slice(0, 200);
const longPo = 'PO-'.padEnd(60, '9');

/** The approval a workflow step would ask with this title and these facts: it must parse. */
const asked = (title: string, facts: { label: string; value: string }[]) =>
  ApprovalRequest.parse({
    flow: 'order-intake',
    step: 'merchandiser-review',
    ask: 'Initial order review',
    subject: { kind: 'order', id: 'ord_1', title },
    role: 'merchandiser',
    assignee: 'wang.fang@factory.example',
    facts,
    expiresInSeconds: 3600,
  });

describe('approval titles and facts fit what an approval carries, whatever the API accepts', () => {
  it('shortens with an ellipsis, never splitting a character outside the BMP', () => {
    expect(shorten('abc', 3)).toBe('abc');
    expect(shorten('abcdef', 4)).toBe('abc…');
    expect(shorten('ab😀cd', 4)).toBe('ab…');
    expect(shorten('ab😀cd', 4).length).toBeLessThanOrEqual(4);
  });

  it('keeps an order’s number and PO whole and shortens the customer’s name (a 200-character name, a 60-character PO)', () => {
    const title = orderTitle({ number: 'CNC001261201', poNumber: longPo }, longName);
    expect(title.length).toBeLessThanOrEqual(approvalLimits.title);
    expect(title.startsWith('CNC001261201 佛山市')).toBe(true);
    expect(title.endsWith(`… (PO ${longPo})`)).toBe(true);
    expect(() => asked(title, [])).not.toThrow();
    expect(orderTitle({ number: 'CNC001261201', poNumber: 'HX-1' }, 'Huaxin')).toBe('CNC001261201 Huaxin (PO HX-1)');
  });

  it('names a customer by code and a shortened name, with what is asked kept whole', () => {
    const title = customerTitle({ code: '104', name: longName }, ' (tch_01JABCDEFGHJKMNPQRSTVWXYZ0)');
    expect(title.length).toBeLessThanOrEqual(200);
    expect(title.endsWith('… (tch_01JABCDEFGHJKMNPQRSTVWXYZ0)')).toBe(true);
    const subject = onboardingSubject({ ...activeCustomer, name: longName });
    expect(() => asked(subject.title, subject.facts)).not.toThrow();
  });

  it('summarises 200 lines in 30 facts: the subject’s own facts, the lines needing attention first, the rest folded', () => {
    const head = [{ label: 'Order', value: 'CNC001261201' }];
    const tail = [{ label: 'Total', value: '¥1.00' }];
    const items = Array.from({ length: 200 }, (_, i) => ({
      attention: i === 150 || i === 199,
      fact: { label: `Line ${i + 1}`, value: 'x'.repeat(2000) },
    }));
    const facts = summarisedFacts({ head, items, tail });
    expect(facts).toHaveLength(approvalLimits.facts);
    expect(facts[0]).toEqual(head[0]);
    expect(facts.at(-1)).toEqual(tail[0]);
    // The lines with findings are shown, in their order among the others; the fold counts what is left out.
    const labels = facts.map((f) => f.label);
    expect(labels).toContain('Line 151');
    expect(labels).toContain('Line 200');
    expect(labels.indexOf('Line 151')).toBeLessThan(labels.indexOf('Line 200'));
    expect(labels.slice(1, 4)).toEqual(['Line 1', 'Line 2', 'Line 3']);
    expect(facts.at(-2)?.value).toContain('and 173 more lines: see the order');
    expect(facts.every((f) => f.value.length <= approvalLimits.factValue)).toBe(true);
    expect(() => asked('t', facts)).not.toThrow();
  });

  it('folds lines needing attention too when there are more of them than room, and says how many', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({
      attention: true,
      fact: { label: `Line ${i + 1}`, value: 'v' },
    }));
    const facts = summarisedFacts({ head: [], items });
    expect(facts).toHaveLength(30);
    expect(facts.at(-1)?.value).toContain('and 11 more lines (11 with findings)');
  });

  it('shows every item when they fit, and folds nothing', () => {
    const items = Array.from({ length: 29 }, (_, i) => ({ attention: false, fact: { label: `L${i}`, value: 'v' } }));
    expect(summarisedFacts({ head: [{ label: 'h', value: 'v' }], items })).toHaveLength(30);
  });
});
