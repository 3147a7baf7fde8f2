/**
 * What an approval shows of its subject must fit what an approval carries (shared/schemas/approval.ts: a title of
 * at most 200 characters, at most 30 facts). Whatever the API accepts — a customer name of 200 characters, a PO
 * number of 60, an order of 200 lines — is summarised here to fit, never refused: a request that does not fit
 * would fail the workflow step and leave the subject waiting for a person nobody asked.
 */

export type Fact = { label: string; value: string };

/** The limits of shared/schemas/approval.ts, restated for the code that builds titles and facts. */
export const approvalLimits = { title: 200, facts: 30, factValue: 500 } as const;

/**
 * `text` in at most `max` characters (UTF-16 units, as zod counts them): cut with an ellipsis, never inside a
 * character outside the Basic Multilingual Plane.
 */
export function shorten(text: string, max: number) {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * A subject's title in 200 characters: what identifies it (an order number, a PO, a request id) is kept whole and
 * the name beside it is shortened, so that two long-named customers' orders still read apart.
 */
export function approvalTitle(before: string, name: string, after = '') {
  const room = approvalLimits.title - before.length - after.length;
  if (room >= 10) return `${before}${shorten(name, room)}${after}`;
  return shorten(`${before}${name}${after}`, approvalLimits.title);
}

/** One of a subject's parts (a line, a finding), and whether it needs the approver's attention. */
export type Item = { fact: Fact; attention: boolean };

/** The fold of an order's lines: "and 180 more lines, 3 of them with findings — see the order". */
export const moreLines = (hidden: number, attention: number): Fact => ({
  label: '其余各行 More lines',
  value:
    attention > 0
      ? `另有 ${hidden} 行（其中 ${attention} 行有审核问题），见订单 and ${hidden} more lines (${attention} with findings): see the order`
      : `另有 ${hidden} 行，见订单 and ${hidden} more lines: see the order`,
});

/**
 * At most 30 facts: the subject's own facts (`head`, `tail`) always, then its items — those needing attention
 * first, each in its order — and what does not fit folded into one fact `fold` words (the count of the items left
 * out, and how many of them needed attention; an order's lines by default). Every value is at most 500 characters.
 */
export function summarisedFacts({
  head,
  items = [],
  tail = [],
  fold = moreLines,
}: {
  head: Fact[];
  items?: Item[];
  tail?: Fact[];
  fold?: (hidden: number, hiddenAttention: number) => Fact;
}): Fact[] {
  const fixed = head.length + tail.length;
  const room = approvalLimits.facts - fixed;
  if (room < 0) throw new RangeError(`${fixed} facts of the subject itself do not fit an approval`);
  const shown = new Set<Item>();
  if (items.length <= room) for (const item of items) shown.add(item);
  else {
    const ranked = [...items.filter((i) => i.attention), ...items.filter((i) => !i.attention)];
    for (const item of ranked.slice(0, room - 1)) shown.add(item);
  }
  const hidden = items.filter((item) => !shown.has(item));
  const folded = hidden.length ? [fold(hidden.length, hidden.filter((i) => i.attention).length)] : [];
  const facts = [...head, ...items.filter((item) => shown.has(item)).map((item) => item.fact), ...folded, ...tail];
  return facts.map(({ label, value }) => ({
    label: shorten(label, approvalLimits.factValue),
    value: shorten(value, approvalLimits.factValue),
  }));
}

/** An order as its approvals name it: number, customer and the customer's PO (R3: both numbers kept whole). */
export const orderTitle = (order: { number: string; poNumber: string }, customerName: string, what = '') =>
  approvalTitle(`${order.number} `, customerName, ` (PO ${order.poNumber})${what}`);

/** A customer as its approvals name it: code and name. */
export const customerTitle = (customer: { code: string; name: string }, what = '') =>
  approvalTitle(`${customer.code} `, customer.name, what);
