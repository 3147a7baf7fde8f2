import { nobodyToEscalateTo } from '../../shared/domain/approval.ts';
import { type DomainEvent, type DomainEventType, type EventOf, isEventOf } from '../../shared/domain/events.ts';
import type { Role } from '../../shared/domain/roles.ts';
import { pascalCase } from '../../shared/naming.ts';
import type { DecisionFormName } from '../../shared/schemas/decision-form.ts';
import {
  at,
  type Catcher,
  type ChoiceRule,
  type ChoiceState,
  type JsonPath,
  type PassState,
  type Payload,
  parameters,
  type Retrier,
  type State,
  type StateMachine,
  type TaskState,
} from './asl.ts';
import { mergeChoiceChains, targetsOf } from './choices.ts';
import { days, retryPolicy } from './policy.ts';

const invoke = 'arn:aws:states:::lambda:invoke';
const callback = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

/** `${OrderIntakeFunctionArn}`: CDK substitutes the worker's ARN, the offline engine its local name. */
export const functionArnPlaceholder = (worker: string) => `${pascalCase(worker)}FunctionArn`;
const functionName = (worker: string) => `\${${functionArnPlaceholder(worker)}}`;

/** The workers every workflow may call besides its own: asking a person, and handling a step that failed. */
export const approvalWorker = 'request-approval';
export const failureWorker = 'step-failed';

/** Set by the first state (`Correlate`), and kept by a step whose result replaces the state (see `task`). */
const correlationId = at('$.execution.input.correlationId');

type Next = { next: string } | { end: true };
const transition = (to: Next) => ('end' in to ? { End: true as const } : { Next: to.next });

export type StepOptions = Next & {
  comment?: string;
  /** Where the step's result goes in the state; discarded (null) unless given. */
  resultPath?: string | null;
  /** Picks from the Lambda result (`{ order: at('$.Payload') }`). */
  select?: Payload;
  /** Replaces the retry policy, for a step with its own patience (R6: hours of retries). */
  retry?: Retrier[];
  /** Errors this step handles itself, before the catch-and-alert every step has. */
  catch?: { errors: string[]; next: string; resultPath?: string | null }[];
};

/**
 * Whom a request goes to: the role the decision belongs to, and the rule by which request-approval resolves the
 * person over the staff directory (shared/schemas/approval.ts `ApproverRule`; write them with ./approvers.ts).
 * Never an address: the state holds staff ids from the server's own records at most.
 */
export type Approver = {
  role: Role | JsonPath;
  approver:
    | { rule: 'on-duty' }
    | { rule: 'account-owner' | 'leader-of'; staff: JsonPath }
    | { rule: 'leader-of-assignee' }
    | JsonPath;
};

/** One of the people a sign-off group needs, with the form they fill in. */
export type Signer = Approver & { form?: DecisionFormName };

export type ApprovalSpec = {
  /** The approval's step, as recorded on the approval and shown to the approver (kebab-case). */
  step: string;
  /** What is asked, in the approver's words: the e-mail's subject, the page's heading (or the path holding it). */
  ask: string | JsonPath;
  subject: { kind: string; id: JsonPath; title: JsonPath };
  facts: JsonPath;
  /** The subject's lines, for a form asking a quantity per line (R19). */
  lines?: JsonPath;
  /**
   * Who decides: one person, or a sign-off group (every signer signs, in any order, each from their own link; one
   * refusal ends the step; the result holds every signature with its values).
   */
  assignee: Approver | { signers: Signer[] };
  /** What the approver enters with an approval (shared/schemas/decision-form.ts), e.g. PMC's promised date (R5). */
  form?: DecisionFormName;
  /** Who asked for what is decided (from the server's records): never asked to decide it, nor allowed to. */
  requestedBy?: JsonPath;
  /**
   * The path of a boolean an earlier step computed in the domain (a cancellation above the sales manager's limit):
   * when true, deciding from the link also needs a one-time code mailed to the person asked
   * (docs/decisions/approval-codes.md). One person only: a sign-off group names each signer.
   */
  needsCode?: JsonPath;
  /** Seconds the first request waits (its link expires with it), or the path holding them. */
  wait: number | JsonPath;
  /** Then the same person is reminded, with a new link that waits this long. */
  reminder?: { after: number };
  /**
   * Then the request goes to the leader of the person asked, who is told it was escalated past them; the decision
   * stays with the step's role (PMC's date is decided by PMC or PMC's leader). Nobody above: the step lapses.
   */
  escalation?: { after: number };
  /** Where the decision goes in the state: `{ outcome, comment, values, decidedBy, decidedAt }`. */
  resultPath: string;
  next: string;
  /** Where the workflow goes when nobody answered, even after the escalation. */
  lapse: string;
  /** A state to run when the first request times out, before the reminder (it must go on to `<Name>Reminder`). */
  whenLate?: string;
};

/** The states every approval step expands to, in order: request, reminder, escalation. */
export const approvalStates = (name: string) => ({
  request: name,
  reminder: `${name}Reminder`,
  escalation: `${name}Escalated`,
});

const describeWait = (seconds: number | JsonPath) =>
  typeof seconds === 'number' ? `${seconds / 3600} h` : `the time in ${seconds.path}`;

export type WorkflowKit = {
  /** A step of the workflow's own worker: `{ action, ...payload }`. */
  step(action: string, payload: Payload, options: StepOptions): TaskState;
  /** A request to a person with its reminder, escalation and lapse (see ApprovalSpec). */
  approval(name: string, spec: ApprovalSpec): Record<string, State>;
  /** A step of the workflow's own worker that waits until something else answers its task token. */
  waitFor(action: string, payload: Payload, options: StepOptions & { timeoutSeconds: number | JsonPath }): TaskState;
  choice(rules: ChoiceRule[], otherwise: string, comment?: string): ChoiceState;
  /** Goes on to `reject` when the decision at `resultPath` was a rejection, else to `approve`. */
  onOutcome(resultPath: string, routes: { reject: string; approve: string }, comment?: string): ChoiceState;
  succeed(comment?: string): State;
};

export type WorkflowDeclaration<K extends DomainEventType = DomainEventType> = {
  name: string;
  description: string;
  /** The workflow's own worker (functions/workers.ts), which runs its steps. */
  worker: string;
  /** The subject the workflow is about, and the field of the execution input holding its id. */
  subject: { kind: string; idField: string };
  /** The domain event that starts it (named by its type), and the execution's subject id and input from it. */
  startedBy: { event: K; start(event: EventOf<K>): { id: string; input: Record<string, string> } };
  startAt: string;
  states(kit: WorkflowKit): Record<string, State>;
};

export type Workflow = {
  name: string;
  description: string;
  /** `start` takes the event the bus delivered; it throws for an event of another type. */
  startedBy: { event: DomainEventType; start(event: DomainEvent): { id: string; input: Record<string, string> } };
  /** The workers its tasks invoke, read from the definition. */
  invokes: string[];
  definition: StateMachine;
};

export function defineWorkflow<K extends DomainEventType>(declaration: WorkflowDeclaration<K>): Workflow {
  // States the kit expands must survive the declaration's object spread: a name used twice would hide one.
  const expanded = new Map<string, State>();
  const kit = workflowKit(declaration.name, declaration.worker, (name, state) => {
    expanded.set(name, state);
    return state;
  });
  const declared = declaration.states(kit);
  for (const [name, state] of expanded) {
    if (declared[name] !== state) throw new Error(`${declaration.name}: state ${name} is declared twice`);
  }
  const states = withFailureHandling(declared, declaration.name, declaration.subject);
  if (states[correlate]) throw new Error(`${declaration.name}: ${correlate} is the kit's first state`);
  const definition: StateMachine = {
    Comment: declaration.description,
    StartAt: correlate,
    States: { [correlate]: correlateState(declaration.startAt), ...states },
  };
  check(declaration.name, definition);
  definition.States = mergeChoiceChains(definition.States, definition.StartAt);
  const { event, start } = declaration.startedBy;
  return {
    name: declaration.name,
    description: declaration.description,
    startedBy: {
      event,
      start: (received) => {
        if (!isEventOf(received, event))
          throw new Error(`${declaration.name} starts on ${event}, not ${received.type}`);
        return start(received);
      },
    },
    invokes: invokedWorkers(definition),
    definition,
  };
}

function workflowKit(flow: string, worker: string, expand: (name: string, state: TaskState) => TaskState): WorkflowKit {
  const task = (resource: string, payload: Payload, options: StepOptions & { timeoutSeconds?: number | JsonPath }) => {
    if (options.resultPath === '$' && !options.select) {
      throw new Error(`${flow}: a step whose result replaces the state selects what it keeps (select)`);
    }
    const state: TaskState = {
      Type: 'Task',
      ...(options.comment ? { Comment: options.comment } : {}),
      Resource: resource,
      Parameters: { FunctionName: functionName(worker), Payload: parameters({ ...payload, correlationId }) },
      ...(options.select
        ? {
            ResultSelector: {
              ...parameters(options.select),
              // A result that replaces the whole state keeps what the first state settled.
              ...(options.resultPath === '$' ? { execution: settledInput } : {}),
            },
          }
        : {}),
      ResultPath: options.resultPath ?? null,
      ...(typeof options.timeoutSeconds === 'number' ? { TimeoutSeconds: options.timeoutSeconds } : {}),
      ...(typeof options.timeoutSeconds === 'object' ? { TimeoutSecondsPath: options.timeoutSeconds.path } : {}),
      ...(options.retry ? { Retry: options.retry } : {}),
      ...(options.catch
        ? {
            Catch: options.catch.map((c) => ({
              ErrorEquals: c.errors,
              ResultPath: c.resultPath ?? null,
              Next: c.next,
            })),
          }
        : {}),
      ...transition(options),
    } as TaskState;
    return state;
  };

  function approval(name: string, spec: ApprovalSpec) {
    const names = approvalStates(name);
    if ('signers' in spec.assignee && spec.escalation) {
      throw new Error(`${flow}.${name}: a sign-off group is reminded, not escalated (each signer is named)`);
    }
    if ('signers' in spec.assignee && spec.needsCode) {
      throw new Error(`${flow}.${name}: a one-time code is asked of one person, not of a sign-off group`);
    }
    const request = (
      state: string,
      { assignee, reminder, wait }: { assignee: ApprovalSpec['assignee']; reminder: number; wait: number | JsonPath },
      onTimeout: Catcher[],
    ): TaskState => {
      const timeout = typeof wait === 'number' ? { TimeoutSeconds: wait } : { TimeoutSecondsPath: wait.path };
      const then = onTimeout.find((c) => c.ErrorEquals.includes('States.Timeout'))?.Next ?? spec.lapse;
      return expand(state, {
        Type: 'Task',
        Comment: `Waits for a person (request-approval e-mails the link); after ${describeWait(wait)}: ${then}.`,
        Resource: callback,
        Parameters: {
          FunctionName: functionName(approvalWorker),
          Payload: parameters({
            taskToken: at('$$.Task.Token'),
            correlationId,
            flow,
            step: spec.step,
            ask: spec.ask,
            subject: spec.subject,
            execution: at('$$.Execution.Id'),
            ...('signers' in assignee
              ? {
                  signers: assignee.signers.map((s) =>
                    parameters({ role: s.role, approver: s.approver, form: s.form }),
                  ),
                }
              : { role: assignee.role, approver: assignee.approver, form: spec.form }),
            requestedBy: spec.requestedBy,
            needsCode: spec.needsCode,
            facts: spec.facts,
            lines: spec.lines,
            reminder,
            // The link expires when the task stops waiting for it: equal by construction.
            expiresInSeconds: wait,
          }),
        },
        ...timeout,
        ResultPath: spec.resultPath,
        Catch: onTimeout,
        Next: spec.next,
      } as TaskState);
    };
    const timeoutTo = (next: string): Catcher => ({ ErrorEquals: ['States.Timeout'], ResultPath: null, Next: next });
    const chain = [spec.reminder && names.reminder, spec.escalation && names.escalation, spec.lapse].filter(
      (s): s is string => Boolean(s),
    );
    const states: Record<string, State> = {
      [names.request]: request(names.request, { assignee: spec.assignee, reminder: 0, wait: spec.wait }, [
        timeoutTo(spec.whenLate ?? chain[0] ?? spec.lapse),
      ]),
    };
    if (spec.reminder) {
      states[names.reminder] = request(
        names.reminder,
        { assignee: spec.assignee, reminder: 1, wait: spec.reminder.after },
        [timeoutTo(chain[1] ?? spec.lapse)],
      );
    }
    if (spec.escalation && 'role' in spec.assignee) {
      states[names.escalation] = request(
        names.escalation,
        {
          assignee: { role: spec.assignee.role, approver: { rule: 'leader-of-assignee' } },
          reminder: 0,
          wait: spec.escalation.after,
        },
        [timeoutTo(spec.lapse), { ErrorEquals: [nobodyToEscalateTo], ResultPath: null, Next: spec.lapse }],
      );
    }
    return states;
  }

  return {
    step: (action, payload, options) => task(invoke, { action, ...payload }, options),
    waitFor: (action, payload, options) =>
      task(callback, { action, ...payload, taskToken: at('$$.Task.Token') }, options),
    approval,
    choice: (rules, otherwise, comment) => ({
      Type: 'Choice',
      ...(comment ? { Comment: comment } : {}),
      Choices: rules,
      Default: otherwise,
    }),
    onOutcome: (resultPath, routes, comment) => ({
      Type: 'Choice',
      ...(comment ? { Comment: comment } : {}),
      Choices: [{ Variable: `${resultPath}.outcome`, StringEquals: 'reject', Next: routes.reject }],
      Default: routes.approve,
    }),
    succeed: (comment) => ({ Type: 'Succeed', ...(comment ? { Comment: comment } : {}) }),
  };
}

const correlate = 'Correlate';

/**
 * The execution's input with its correlation id settled: the starting event's (functions/workflows/start.ts sets it),
 * else — an execution started by hand — the execution's name. Step Functions' JSONPath has no default value, so the
 * default is merged under the input (JsonMerge keeps the input's when present) and no path to it can fail.
 */
const settledInput = {
  'input.$': `States.JsonMerge(States.StringToJson(States.Format('\\{"correlationId":"{}"\\}', $$.Execution.Name)), $$.Execution.Input, false)`,
};

/** Every execution's first state: `$.execution.input` for every task to pass the correlation id on from. */
const correlateState = (next: string): PassState => ({
  Type: 'Pass',
  Comment: "The correlation id for every step's logs and e-mails: the starting event's, else the execution's name.",
  Parameters: settledInput,
  ResultPath: '$.execution',
  Next: next,
});

/** The state a step's unhandled failure goes to, and the choice after the operator's answer. */
export const failureStates = (name: string) => ({ failed: `${name}Failed`, repaired: `${name}Repaired` });
const abandoned = 'Abandoned';

/**
 * Every task gets the retry policy, and a catch for what still fails: the failure is recorded in the subject's
 * history, the merchandiser and operations are alerted, and operations decide from the e-mailed link to run the
 * step again (approve) or give the workflow up (reject, which ends it FAILED as `Abandoned`). Nothing fails unseen.
 */
function withFailureHandling(states: Record<string, State>, flow: string, subject: WorkflowDeclaration['subject']) {
  const out: Record<string, State> = {};
  const handled: string[] = [];
  for (const [name, state] of Object.entries(states)) {
    if (state.Type !== 'Task') {
      out[name] = state;
      continue;
    }
    const catches = state.Catch ?? [];
    const catchesAll = catches.some((c) => c.ErrorEquals.includes('States.ALL'));
    out[name] = {
      ...state,
      Retry: state.Retry ?? retryPolicy,
      ...(catchesAll
        ? {}
        : {
            Catch: [
              ...catches,
              { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: failureStates(name).failed },
            ],
          }),
    };
    if (!catchesAll) handled.push(name);
  }
  for (const name of handled) {
    const { failed, repaired } = failureStates(name);
    out[failed] = {
      Type: 'Task',
      Comment: `${name} failed after its retries: recorded, alerted; operations decide to run it again or give up.`,
      Resource: callback,
      Parameters: {
        FunctionName: functionName(failureWorker),
        Payload: parameters({
          taskToken: at('$$.Task.Token'),
          correlationId,
          flow,
          state: name,
          subject: { kind: subject.kind, id: at(`$$.Execution.Input.${subject.idField}`) },
          execution: at('$$.Execution.Id'),
          error: at('$.failure'),
          expiresInSeconds: days(7),
        }),
      },
      TimeoutSeconds: days(7),
      ResultPath: '$.repair',
      Retry: retryPolicy,
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: null, Next: abandoned }],
      Next: repaired,
    };
    out[repaired] = {
      Type: 'Choice',
      Choices: [{ Variable: '$.repair.outcome', StringEquals: 'approve', Next: name }],
      Default: abandoned,
    };
  }
  if (handled.length) {
    out[abandoned] = {
      Type: 'Fail',
      Comment: 'Operations gave the workflow up after a step failed (or nobody answered within 7 days).',
      Error: 'Abandoned',
      Cause: 'A step failed and was not run again; see the subject history.',
    };
  }
  return out;
}

/** Step Functions refuses a definition with a dangling `Next` or an unreachable state; so do we, earlier. */
function check(name: string, definition: StateMachine) {
  const seen = new Set<string>();
  const visit = (stateName: string, from: string) => {
    if (!definition.States[stateName]) throw new Error(`${name}: ${from} goes to ${stateName}, which is not declared`);
    if (seen.has(stateName)) return;
    seen.add(stateName);
    for (const next of targetsOf(definition.States[stateName])) visit(next, stateName);
  };
  visit(definition.StartAt, 'StartAt');
  const unreachable = Object.keys(definition.States).filter((s) => !seen.has(s));
  if (unreachable.length) throw new Error(`${name}: unreachable states ${unreachable.join(', ')}`);
}

function invokedWorkers(definition: StateMachine) {
  const placeholders = JSON.stringify(definition).matchAll(/\$\{(\w+)FunctionArn\}/g);
  const kebab = (pascal: string) => pascal.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase();
  return [...new Set([...placeholders].map(([, name]) => kebab(name ?? '')))].sort();
}
