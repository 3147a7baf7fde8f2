import { describe, expect, it } from 'vitest';
import { inOrder } from '../../shared/application/reads.ts';

const settled = <T>(ms: number, value: T, fails = false) =>
  new Promise<T>((resolve, reject) => setTimeout(() => (fails ? reject(value) : resolve(value)), ms));

describe('reads sent together, failing as if read one after another', () => {
  it('answers every value, in the order given', async () => {
    expect(await inOrder([settled(20, 'customer'), settled(5, 42), undefined])).toEqual(['customer', 42, undefined]);
  });

  it('throws the first failure in the order given, though a later one came back first', async () => {
    const notFound = new Error('Customer cus_x does not exist.');
    const badCursor = new Error('cursor is not a cursor this list returned');
    await expect(inOrder([settled(30, notFound, true), settled(1, badCursor, true)])).rejects.toBe(notFound);
  });

  it('waits for every read before it fails, so that none is left unhandled', async () => {
    let done = false;
    const slow = settled(30, 'ledger').then((value) => {
      done = true;
      return value;
    });
    await expect(inOrder([settled(1, new Error('gone'), true), slow])).rejects.toThrow('gone');
    expect(done).toBe(true);
  });
});
