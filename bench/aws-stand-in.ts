import { once } from 'node:events';
import { createServer } from 'node:http';

/**
 * What each AWS call a function makes besides DynamoDB gets back: success, at once. Keyed by the JSON protocols'
 * X-Amz-Target, or the query protocol's Action (SES).
 */
const answers: Record<string, () => { type: string; body: string }> = {
  'AWSEvents.PutEvents': () => json('1.1', { FailedEntryCount: 0, Entries: [{ EventId: 'bench' }] }),
  'AWSStepFunctions.StartExecution': () =>
    json('1.0', {
      executionArn: 'arn:aws:states:local:000000000000:execution:bench:bench',
      startDate: Date.now() / 1000,
    }),
  'AWSStepFunctions.StopExecution': () => json('1.0', { stopDate: Date.now() / 1000 }),
  'AWSStepFunctions.SendTaskSuccess': () => json('1.0', {}),
  'AWSStepFunctions.SendTaskFailure': () => json('1.0', {}),
  'AWSStepFunctions.SendTaskHeartbeat': () => json('1.0', {}),
  'DynamoDB_20120810.ExportTableToPointInTime': () =>
    json('1.0', {
      ExportDescription: {
        ExportArn: 'arn:aws:dynamodb:local:000000000000:table/bench/export/bench',
        ExportStatus: 'IN_PROGRESS',
      },
    }),
  SendRawEmail: () => ({
    type: 'text/xml',
    body: '<SendRawEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><SendRawEmailResult><MessageId>bench</MessageId></SendRawEmailResult><ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></SendRawEmailResponse>',
  }),
};

const json = (version: string, body: object) => ({
  type: `application/x-amz-json-${version}`,
  body: JSON.stringify(body),
});

/**
 * A local stand-in for the AWS services other than DynamoDB that the functions call (SES, EventBridge, Step
 * Functions, DynamoDB's table export), pointed at by AWS_ENDPOINT_URL: a function's first invocation loads and makes
 * its SDK client and sends its call over loopback, as it would to AWS, instead of failing on a missing service. Every
 * call is answered at once with success; anything else with a 400 the SDK does not retry.
 */
export async function startAwsStandIn() {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target =
      request.headers['x-amz-target'] ?? new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('Action');
    const answer = answers[String(target)];
    if (!answer) {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify({ __type: 'UnknownOperationException', message: `not stood in for: ${target}` }));
      return;
    }
    const { type, body } = answer();
    response.writeHead(200, { 'content-type': type });
    response.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}
