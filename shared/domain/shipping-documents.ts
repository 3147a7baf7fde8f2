import type { Currency } from '../schemas/common.ts';
import type { DeliveryNoteLine, DeliveryNoteTotals, StockPrepForm, StockPrepLine } from '../schemas/documents.ts';
import { sumAmounts } from './order-amounts.ts';

/** Kilograms summed in grams, so 0.1 + 0.2 kg is 0.3 kg on the document. */
function sumWeights(weights: readonly number[]) {
  return weights.reduce((grams, kg) => grams + Math.round(kg * 1000), 0) / 1000;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** What every document's lines add up to: the pieces, and the amounts in the currency's minor unit (no float drift). */
export function lineTotals(lines: readonly { quantity: number; amount: number }[], currency: Currency) {
  return {
    quantity: sum(lines.map((l) => l.quantity)),
    amount: sumAmounts(
      lines.map((l) => l.amount),
      currency,
    ),
  };
}

/** R20: the delivery note's totals — pieces, boxes, gross weight and amount — from its lines, as printed. */
export function deliveryNoteTotals(
  lines: readonly DeliveryNoteLine[],
  currency: Currency,
  /** R21: the delivery's gross weight as the warehouse weighed it at shipping, when the lines were not each weighed. */
  grossWeight?: number,
): DeliveryNoteTotals {
  const weighed = lines.map((l) => l.grossWeight);
  const lineWeights = weighed.every((w) => w !== undefined) ? sumWeights(weighed as number[]) : undefined;
  const total = grossWeight ?? lineWeights;
  const { quantity, amount } = lineTotals(lines, currency);
  return {
    quantity,
    boxes: sum(lines.map((l) => l.boxes)),
    ...(total === undefined ? {} : { grossWeight: total }),
    amount,
  };
}

/** R17: the stock-prep form's totals; boxes once the warehouse has counted every line (R19). */
export function stockPrepTotals(lines: readonly StockPrepLine[], currency: Currency): StockPrepForm['totals'] {
  const boxes = lines.map((l) => l.boxes);
  const { quantity, amount } = lineTotals(lines, currency);
  return { quantity, ...(boxes.every((b) => b !== undefined) ? { boxes: sum(boxes) } : {}), amount };
}
