import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { type LocalFunction, runAs } from './access.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const modules = new Map<string, Promise<Handler>>();

function contextFor(handlerPath: string): Context {
  const name = handlerPath
    .replace(/^functions\//, '')
    .replace(/\.ts$/, '')
    .replaceAll('/', '-');
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/**
 * Calls a handler module (`functions/…ts`, export `handler`) in this process, as Lambda would call it; given the
 * function it belongs to, as that function: with only its grants and settings (see access.ts), loading included.
 */
export function invokerFor(root: string) {
  return async (handlerPath: string, event: unknown, fn?: LocalFunction) => {
    const call = async () => {
      let handler = modules.get(handlerPath);
      if (!handler) {
        handler = import(pathToFileURL(resolve(root, handlerPath)).href).then((module) => module.handler as Handler);
        modules.set(handlerPath, handler);
      }
      return await (await handler)(event, contextFor(handlerPath));
    };
    return fn ? await runAs(fn, call) : await call();
  };
}
