import type { Currency, Language } from '../schemas/common.ts';
import type { ReturnNote, ReturnNoteLine } from '../schemas/documents.ts';
import { lineAmount } from './order-amounts.ts';
import { lineTotals } from './shipping-documents.ts';

/** A returned line before it is credited: what the warehouse received and checked (R34), at the price it was sold. */
export type ReturnedLine = Omit<ReturnNoteLine, 'amount'>;

/**
 * R36: the credit of each returned line — its quantity at its unit price, rounded half-up to the currency's minor unit
 * as the delivery note's amounts are (`lineAmount`) — and what the lines add up to.
 */
export function creditedLines(returned: readonly ReturnedLine[], currency: Currency) {
  const lines: ReturnNoteLine[] = returned.map((line) => ({
    ...line,
    amount: lineAmount(line.quantity, line.unitPrice, currency),
  }));
  return { lines, totals: lineTotals(lines, currency) };
}

/**
 * R36: the return note finance prints, from the returned lines: their credits and the totals computed, so the note
 * always adds up (the `ReturnNote` schema refuses one that does not). In the customer's language, Chinese unless told.
 */
export function returnNoteFor(
  note: Omit<ReturnNote, 'lines' | 'totals' | 'language'> & { lines: readonly ReturnedLine[]; language?: Language },
): ReturnNote {
  return { ...note, ...creditedLines(note.lines, note.currency), language: note.language ?? 'zh-CN' };
}
