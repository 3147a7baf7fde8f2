import { randomUUID } from 'node:crypto';

/** A value as it comes back through JSON, the way Lambda returns a handler's result (`undefined` → `null`). */
export const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

/** What `arn:aws:states:::lambda:invoke` returns on AWS: the function's result in `Payload`, inside Lambda's Invoke response. */
export function lambdaInvokeResult(result: unknown) {
  const payload = asJson(result);
  const requestId = randomUUID();
  const headers = {
    Connection: 'keep-alive',
    'Content-Length': String(Buffer.byteLength(JSON.stringify(payload))),
    'Content-Type': 'application/json',
    Date: new Date().toUTCString(),
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-Remapped-Content-Length': '0',
    'x-amzn-RequestId': requestId,
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/**
 * A handler's error as a Task state reports it on AWS: named by the Node.js runtime's `errorType` (the error's
 * `name`), with the runtime's error document as the cause.
 */
export function lambdaFunctionError(thrown: unknown) {
  const document =
    thrown instanceof Error
      ? { errorType: thrown.name, errorMessage: thrown.message, trace: thrown.stack?.split('\n') ?? [] }
      : { errorType: typeof thrown, errorMessage: String(thrown), trace: [] };
  return Object.assign(new Error(JSON.stringify(document)), { name: document.errorType });
}
