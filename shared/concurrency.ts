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
