import { describe, expect, it } from 'vitest';
import { newLinkSecret } from '../../shared/domain/approval.ts';
import { idName, namedLink, namedLinkParts, numberName } from '../../shared/domain/named-links.ts';

describe('links that name what they stand for', () => {
  const receipt = [idName('ord'), numberName, idName('cus')];
  const order = 'ord_01J0000000000000000000ORD1';
  const customer = 'cus_01J0000000000000000000CUST';

  it('carry their names beside the secret; a link of the secret alone still reads', () => {
    const secret = newLinkSecret();
    expect(namedLinkParts(namedLink([order, 2, customer], secret), receipt)).toEqual({
      names: [order, '2', customer],
      secret,
    });
    expect(namedLinkParts(namedLink(['ret_01J0000000000000000000RET1'], secret), [idName('ret')])).toEqual({
      names: ['ret_01J0000000000000000000RET1'],
      secret,
    });
    expect(namedLinkParts(secret, receipt)).toEqual({ secret });
  });

  it('are none when a name is missing, extra or not of its kind, or the secret is not one', () => {
    const secret = newLinkSecret();
    for (const wrong of [
      namedLink([order, 2], secret),
      namedLink([order, 2, customer, 'x'], secret),
      namedLink([customer, 2, order], secret),
      namedLink([order, 0, customer], secret),
      namedLink([order, 'two', customer], secret),
      namedLink([order, 2, customer], `${secret}x`),
      `${order}.2.${customer}.`,
      'nonsense',
      '',
    ]) {
      expect(namedLinkParts(wrong, receipt)).toBeUndefined();
    }
  });
});
