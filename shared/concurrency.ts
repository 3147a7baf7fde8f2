/**
 * Runs `work` on every item, at most `limit` at a time (a run over thousands of customers: fast, without opening
 * thousands of requests at once). Each item's failure is its own: `work` catches what it can answer.
 */
export async function eachAtMost<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Reads sent together (one round trip) that fail as if read one after another: every read is awaited, and the first
 * failure in the order given is thrown, whichever came back first — a 404 of the subject before a 400 of its list.
 */
export async function inOrder<T extends readonly unknown[] | []>(
  reads: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled<readonly unknown[]>(reads);
  const failed = settled.find((read): read is PromiseRejectedResult => read.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((read) => (read as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}
