import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../../shared/domain/errors.ts';
import { maxAmount, maxQuantity, maxUnitPrice } from '../../shared/schemas/common.ts';
import { NewCustomer } from '../../shared/schemas/customer.ts';
import { NewOrder } from '../../shared/schemas/order.ts';
import { NewProduct } from '../../shared/schemas/product.ts';
import { newCustomer, placedOrder } from '../fixtures.ts';

const line = (overrides: Record<string, unknown>) => ({
  productCode: 'CZM04',
  description: '双面执手（左）',
  quantity: 100,
  ...overrides,
});
const order = (...lines: Record<string, unknown>[]) => ({
  poNumber: 'PO-1',
  channel: 'email',
  requestedDate: '2027-03-01',
  lines,
});
const problems = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.'));

describe('money and quantities have documented maxima', () => {
  it('refuses a unit price of 1e300, or above the most one unit may cost, naming the field', () => {
    expect(problems(NewOrder.safeParse(order(line({ unitPrice: 1e300 }))))).toEqual(['lines.0.unitPrice']);
    expect(problems(NewOrder.safeParse(order(line({ unitPrice: maxUnitPrice + 1 }))))).toEqual(['lines.0.unitPrice']);
    expect(NewOrder.safeParse(order(line({ unitPrice: maxUnitPrice }))).success).toBe(true);
  });

  it('refuses a quantity above the most one line may ask for', () => {
    expect(problems(NewOrder.safeParse(order(line({ quantity: maxQuantity + 1 }))))).toEqual(['lines.0.quantity']);
  });

  it('bounds list prices, minimum quantities and credit limits too', () => {
    const product = { code: 'X1', name: 'x', spec: '', type: 'P', unit: 'pc', minimumOrderQuantity: 1 };
    expect(NewProduct.safeParse({ ...product, prices: { CNY: 1e300 } }).success).toBe(false);
    expect(NewProduct.safeParse({ ...product, prices: {}, minimumOrderQuantity: 1e300 }).success).toBe(false);
    const customer = newCustomer({ settlement: { type: 'monthly', creditLimit: maxAmount * 10 } });
    expect(problems(NewCustomer.safeParse(customer))).toEqual(['settlement.creditLimit']);
  });

  it('refuses an order whose total would pass the most an amount may be, on `lines` (200 lines at the maxima)', () => {
    const lines = [line({ productCode: 'CZM04', unitPrice: maxUnitPrice, quantity: maxQuantity })];
    expect(() => placedOrder(lines as never)).toThrow(ValidationFailed);
    try {
      placedOrder(lines as never);
    } catch (error) {
      expect((error as ValidationFailed).errors).toEqual([
        { field: 'lines', message: expect.stringContaining('above the most one order may be') },
      ]);
    }
  });

  it('keeps the largest total exact in the minor unit', () => {
    expect(Number.isSafeInteger(maxAmount * 100)).toBe(true);
    const atMost = placedOrder([line({ unitPrice: maxUnitPrice, quantity: maxAmount / maxUnitPrice }) as never]);
    expect(atMost.totals.amount).toBe(maxAmount);
  });
});
