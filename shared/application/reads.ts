/**
 * A read sent now and awaited where its answer is needed. Reads sent together take one round trip; awaiting them one
 * by one in the order the checks go keeps the answer of a request that fails the one it got when they went one after
 * another (the first failure in that order, not the first to arrive).
 */
export function sent<T>(read: Promise<T>): Promise<T> {
  // Awaited later: a failure meanwhile is not an unhandled rejection.
  read.catch(() => undefined);
  return read;
}
