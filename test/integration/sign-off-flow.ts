import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { aslFile, aslText } from '../../state-machines/index.ts';
import { onDuty } from '../../state-machines/kit/approvers.ts';
import { at } from '../../state-machines/kit/asl.ts';
import { hours } from '../../state-machines/kit/policy.ts';
import { defineWorkflow } from '../../state-machines/kit/workflow.ts';
import { requestMail } from './approvals.ts';
import { testStack } from './stack.ts';

/** Whom the directory resolves the signers to in the demo company (each on duty, or the only holder). */
export const people = {
  warehouse: 'sun.hao@factory.example',
  salesAdmin: 'liu.yang@factory.example',
  finance: 'zhou.min@factory.example',
};

/**
 * A workflow of the kit's own, run on the real engine with the real request-approval worker and approval links:
 * three people sign one step, two of them entering typed values (R19's prepared goods, R9's money received).
 */
const signOffFlow = defineWorkflow({
  name: 'sign-off-check',
  description: 'Test: a three-party sign-off with typed values',
  worker: 'request-approval',
  subject: { kind: 'order', idField: 'orderId' },
  // Started by the tests themselves (no rule starts a workflow that is not in state-machines/index.ts).
  startedBy: { event: 'OrderPlaced', start: (event) => ({ id: event.subject.id, input: {} }) },
  startAt: 'Inspection',
  states: ({ approval, onOutcome, succeed }) => ({
    ...approval('Inspection', {
      step: 'inspection',
      ask: '出货会签 Sign off the shipment',
      subject: { kind: 'order', id: at('$.orderId'), title: at('$.title') },
      facts: at('$.facts'),
      lines: at('$.lines'),
      assignee: {
        signers: [
          { ...onDuty('warehouse'), form: 'goods-prepared' },
          onDuty('sales-admin'),
          { ...onDuty('finance'), form: 'deposit-received' },
        ],
      },
      wait: hours(24),
      reminder: { after: hours(24) },
      resultPath: '$.signOff',
      next: 'Decided',
      lapse: 'Lapsed',
    }),
    Decided: onOutcome('$.signOff', { reject: 'Refused', approve: 'Signed' }),
    Signed: succeed(),
    Refused: succeed(),
    Lapsed: succeed(),
  }),
});

const definitions = mkdtempSync(join(tmpdir(), 'asl-'));
const real = fileURLToPath(new URL('../../state-machines/', import.meta.url));
for (const file of readdirSync(real).filter((f) => f.endsWith('.asl.json'))) {
  copyFileSync(join(real, file), join(definitions, file));
}
writeFileSync(join(definitions, aslFile(signOffFlow.name)), aslText(signOffFlow));
afterAll(() => rmSync(definitions, { recursive: true, force: true }));

/** A stack running the test workflow beside the real ones, and what the tests do with it. */
export async function signOffStack(timeoutOverrides?: Record<string, number>) {
  const stack = await testStack({
    workflowDefinitions: definitions,
    ...(timeoutOverrides ? { workflowTimeoutOverrides: { 'sign-off-check': timeoutOverrides } } : {}),
  });
  let runs = 0;
  const start = async () => {
    const orderId = `ord_signoff_${++runs}`;
    const { executionArn } = await stack.workflows.start(
      'sign-off-check',
      {
        orderId,
        // Every execution's input has one (functions/workflows/start.ts); the approval requests pass it on.
        correlationId: `test-${orderId}`,
        title: `CNC0012612${runs} 华信门窗`,
        facts: [{ label: '订单号 Order', value: `CNC0012612${runs}` }],
        lines: [
          { line: 1, label: 'CZM04-SET 执手套装', quantity: 50 },
          { line: 2, label: 'CHJ01B-800 欧槽铝连杆', quantity: 200 },
        ],
      },
      `sign-off-check-${orderId}`,
    );
    await stack.settle();
    return { orderId, executionArn, number: `CNC0012612${runs}` };
  };
  const execution = (arn: string) => stack.workflows.execution(arn);
  const requestTo = (to: string, number: string) => requestMail(stack, to, number);
  const approvalsOf = async (orderId: string) =>
    (await stack.call('GET', `/approvals?subject=order:${orderId}`, { as: { role: 'leader' } })).body.items as {
      id: string;
      assignee: string;
      status: string;
      reminder: number;
    }[];
  return { stack, start, execution, requestTo, approvalsOf };
}
