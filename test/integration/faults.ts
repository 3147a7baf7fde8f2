import { port } from '../../shared/runtime.ts';

/**
 * Runs `fault` before each call the bound table client makes (the DynamoDB operation, e.g. TransactWriteItems, and its input) until the
 * returned function is called: to throw an error DynamoDB Local never raises, or to change the table between a
 * handler's read and its write. The calls themselves still reach DynamoDB Local.
 */
export function onTableCalls(fault: (operation: string, input: Record<string, unknown>) => Promise<void> | void) {
  const { client } = port('table');
  const name = `testFault${crypto.randomUUID()}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      await fault(String(context.commandName ?? '').replace(/Command$/, ''), args.input as Record<string, unknown>);
      return next(args);
    },
    { step: 'initialize', name },
  );
  return () => {
    client.middlewareStack.remove(name);
  };
}
