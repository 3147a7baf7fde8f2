import * as z from 'zod';
import { Currency, Money } from '../schemas/common.ts';

/** A deployment's amount per currency (a limit, a threshold); a currency not listed has none. */
export type AmountsPerCurrency = Partial<Record<Currency, number>>;

const entry = z
  .string()
  .regex(/^[A-Za-z]{3}\s*=\s*\d+(\.\d+)?$/, 'must read CURRENCY=amount, e.g. CNY=50000')
  .transform((text) => {
    const [currency = '', amount = ''] = text.split('=').map((part) => part.trim());
    return { currency, amount: Number(amount) };
  })
  .pipe(z.object({ currency: Currency, amount: Money }));

/** `CNY=50000;USD=7000;EUR=6500`: each currency once, each amount of at most 4 decimals. */
const AmountsPerCurrencyText = z
  .string()
  .transform((text) =>
    text
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(entry).min(1, 'names no currency: write e.g. CNY=50000;USD=7000'))
  .superRefine((entries, context) => {
    const seen = new Set<string>();
    entries.forEach(({ currency }, i) => {
      if (seen.has(currency)) context.addIssue({ code: 'custom', path: [i], message: `sets ${currency} twice` });
      seen.add(currency);
    });
  })
  .transform(
    (entries): AmountsPerCurrency => Object.fromEntries(entries.map(({ currency, amount }) => [currency, amount])),
  );

/**
 * Reads a setting of amounts per currency; a malformed text throws an error naming `what`, the setting and each bad
 * entry, so a worker configured wrongly fails as it starts, not at its first use.
 */
export function parseAmountsPerCurrency(text: string, what: string, source?: string): AmountsPerCurrency {
  const result = AmountsPerCurrencyText.safeParse(text);
  if (result.success) return result.data;
  const entries = text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
  const problems = result.error.issues.map((issue) => {
    const [index] = issue.path;
    return typeof index === 'number' ? `entry ${index + 1} "${entries[index]}" ${issue.message}` : issue.message;
  });
  throw new Error(`${what} "${text}"${source ? ` (${source})` : ''} are not valid: ${problems.join('; ')}.`);
}
