import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StateMachine } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { workers } from '../../functions/workers.ts';
import { aslFile, aslText, workflows } from '../../state-machines/index.ts';
import { failureWorker, functionArnPlaceholder } from '../../state-machines/kit/workflow.ts';

const directory = fileURLToPath(new URL('../../state-machines/', import.meta.url));

describe('the workflow declarations (state-machines/<name>.ts)', () => {
  it('are checked in as the ASL they generate, up to date (npm run workflows)', () => {
    const files = readdirSync(directory).filter((file) => file.endsWith('.asl.json'));
    expect(files.sort()).toEqual(workflows.map((w) => aslFile(w.name)).sort());
    for (const workflow of workflows) {
      expect(readFileSync(`${directory}${aslFile(workflow.name)}`, 'utf8'), aslFile(workflow.name)).toBe(
        aslText(workflow),
      );
    }
  });

  it('invoke only workers that exist, and are each started by an event the start-workflows worker listens to', () => {
    const names = new Set(workers.map((w) => w.name));
    const starter = workers.find((w) => w.name === 'start-workflows');
    for (const workflow of workflows) {
      for (const worker of workflow.invokes) expect(names, `${workflow.name} invokes ${worker}`).toContain(worker);
      expect(starter?.rules?.map((r) => r.pattern['detail-type'])).toContainEqual([workflow.startedBy.event]);
    }
  });

  it('hold no Task without the retry policy and no unhandled failure', () => {
    for (const { name, definition } of workflows) {
      for (const [stateName, state] of Object.entries(definition.States)) {
        if (state.Type !== 'Task') continue;
        expect(state.Retry?.length, `${name}.${stateName} retries`).toBeGreaterThan(0);
        const catchesAll = state.Catch?.some((c) => c.ErrorEquals.includes('States.ALL'));
        const isFailureHandler =
          stateName.endsWith('Failed') &&
          state.Parameters.FunctionName === `\${${functionArnPlaceholder(failureWorker)}}`;
        expect(catchesAll || isFailureHandler, `${name}.${stateName} catches what still fails`).toBe(true);
      }
    }
  });

  it("begin by settling the correlation id every task passes on: the input's, else the execution's name", async () => {
    for (const { name, definition } of workflows) {
      const first = definition.States[definition.StartAt];
      expect(first?.Type, `${name} starts with the kit's Correlate`).toBe('Pass');
      const alone = {
        StartAt: 'Correlate',
        States: {
          Correlate: { ...Object.fromEntries(Object.entries(first ?? {}).filter(([k]) => k !== 'Next')), End: true },
        },
      };
      const run = (input: Record<string, string>) =>
        new StateMachine(alone as never).run(input, { context: { Execution: { Name: `${name}-o1`, Input: input } } })
          .result;
      await expect(run({ orderId: 'o1' })).resolves.toMatchObject({
        execution: { input: { orderId: 'o1', correlationId: `${name}-o1` } },
      });
      await expect(run({ orderId: 'o1', correlationId: 'req-7' })).resolves.toMatchObject({
        execution: { input: { orderId: 'o1', correlationId: 'req-7' } },
      });
      for (const [stateName, state] of Object.entries(definition.States)) {
        if (state.Type !== 'Task') continue;
        const payload = state.Parameters.Payload as Record<string, unknown>;
        expect(payload['correlationId.$'], `${name}.${stateName} passes the correlation id`).toBe(
          '$.execution.input.correlationId',
        );
      }
    }
  });
});
