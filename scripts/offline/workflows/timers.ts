/** Node's setTimeout fires at once when asked for more than this. */
export const longestTimeoutMs = 2 ** 31 - 1;

/** Calls `fire` at a moment however far away (reached in steps); returns the cancel function. Doesn't keep Node alive. */
export function timerAt(at: number, fire: () => void) {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    timer = setTimeout(
      () => (Date.now() >= at ? fire() : arm()),
      Math.min(Math.max(at - Date.now(), 0), longestTimeoutMs),
    );
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}
