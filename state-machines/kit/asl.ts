/**
 * The JSONPath dialect of the Amazon States Language, as far as the workflows use it (the offline engine runs
 * JSONPath only). Declarations build these objects; `npm run workflows` writes them as `<name>.asl.json`.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type Retrier = { ErrorEquals: string[]; IntervalSeconds: number; MaxAttempts: number; BackoffRate: number };
export type Catcher = { ErrorEquals: string[]; ResultPath: string | null; Next: string };

type Common = { Comment?: string };
type Transition = { Next: string; End?: never } | { End: true; Next?: never };

export type TaskState = Common &
  Transition & {
    Type: 'Task';
    Resource: string;
    Parameters: { [key: string]: Json };
    ResultSelector?: { [key: string]: Json };
    ResultPath?: string | null;
    TimeoutSeconds?: number;
    TimeoutSecondsPath?: string;
    Retry?: Retrier[];
    Catch?: Catcher[];
  };

export type Condition =
  | ({ Variable: string } & ({ StringEquals: string } | { BooleanEquals: boolean } | { IsPresent: boolean }))
  | { And: Condition[] };

export type ChoiceRule = Condition & { Next: string };

export type ChoiceState = Common & { Type: 'Choice'; Choices: ChoiceRule[]; Default: string };
export type SucceedState = Common & { Type: 'Succeed' };
export type FailState = Common & { Type: 'Fail'; Error: string; Cause?: string; CausePath?: string };

export type PassState = Common &
  Transition & { Type: 'Pass'; Parameters?: { [key: string]: Json }; ResultPath?: string };

export type State = TaskState | ChoiceState | PassState | SucceedState | FailState;

export type StateMachine = { Comment: string; StartAt: string; States: Record<string, State> };

/** A value read from the state's input (or, with `$$.`, the Context Object) instead of a literal. */
export class JsonPath {
  readonly path: string;
  constructor(path: string) {
    if (!/^\$\$?(\.|$)/.test(path)) throw new Error(`${path} is not a JSONPath`);
    this.path = path;
  }
}

export const at = (path: string) => new JsonPath(path);

/** The input of a state as written in a declaration (literals and `at(…)` paths, nested). */
export type Payload = { [key: string]: Json | JsonPath | Payload | undefined };

/** `{ id: at('$.x') }` → `{ "id.$": "$.x" }`, recursively; undefined fields are left out. */
export function parameters(payload: Payload): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value === undefined) continue;
    if (value instanceof JsonPath) out[`${key}.$`] = value.path;
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) out[key] = parameters(value);
    else out[key] = value;
  }
  return out;
}
