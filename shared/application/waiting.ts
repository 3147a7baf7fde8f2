import { waiterRepository } from '../persistence/waiters.ts';
import { port } from '../runtime.ts';

/**
 * A workflow step waiting for something to happen to `subject`: its token is kept under the subject until
 * resume-waiters answers it; what happened meanwhile (read again after registering) is answered at once.
 */
export async function awaitUnlessDone(
  subject: { kind: string; id: string },
  taskToken: string,
  days: number,
  outcome: () => Promise<{ output: object } | { error: string; cause: string } | undefined>,
) {
  const waiters = waiterRepository(port('table'));
  await waiters.add(subject, taskToken, Math.floor(Date.now() / 1000) + days * 86400);
  const done = await outcome();
  if (!done) return {};
  await waiters.remove(subject, taskToken);
  if ('output' in done) await port('workflows').sendTaskSuccess(taskToken, done.output);
  else await port('workflows').sendTaskFailure(taskToken, done.error, done.cause);
  return {};
}
