/**
 * Reads a request needs, sent together so that they take one round trip, and failing as they would have one after
 * another: `inOrder` when the handler needs all of them at once, `sent` when it checks one before it needs the next.
 */

/**
 * A read sent now and awaited where its answer is needed: awaiting such reads one by one in the order the checks go
 * answers a request that fails as when they went one after another (the first failure in that order, not the first
 * to arrive).
 */
export function sent<T>(read: Promise<T>): Promise<T> {
  // Awaited later: a failure meanwhile is not an unhandled rejection.
  read.catch(() => undefined);
  return read;
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
