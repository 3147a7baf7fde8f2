import { waiterRepository } from '../persistence/waiters.ts';
import { taskGoneErrors } from '../ports/index.ts';
import { port } from '../runtime.ts';

/**
 * A workflow step waiting for something to happen to `subject`: its token is kept under the subject until
 * resume-waiters answers it; what happened meanwhile (read again after registering) is answered at once — unless
 * resume-waiters, seeing the registration, answered it first.
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
  try {
    if ('output' in done) await port('workflows').sendTaskSuccess(taskToken, done.output);
    else await port('workflows').sendTaskFailure(taskToken, done.error, done.cause);
  } catch (error) {
    // resume-waiters answered the token first (it found the registration before it was removed), or the wait ended:
    // either way the task no longer waits for this answer.
    if (!taskGoneErrors.has((error as Error).name)) throw error;
  }
  return {};
}
