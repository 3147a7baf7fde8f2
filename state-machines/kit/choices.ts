import type { ChoiceRule, ChoiceState, Condition, State } from './asl.ts';

const conditionOf = ({ Next: _, ...condition }: ChoiceRule): Condition => condition;
const both = (first: Condition, second: Condition): Condition => ({
  And: [...('And' in first ? first.And : [first]), ...('And' in second ? second.And : [second])],
});

/**
 * Every Choice that leads straight to another Choice takes that one's rules in: a decision that reads several facts
 * (rejected? special price? customer reviewed?) becomes one state instead of a chain of them. Step Functions bills
 * each state entered, and a Choice between Choices records no business step. A Choice passes its input on unchanged,
 * so the rules read the same data where they now stand. Choices nothing leads to any more are left out.
 */
export function mergeChoiceChains(states: Record<string, State>, startAt: string): Record<string, State> {
  const merged = new Map<string, ChoiceState>();
  const merging = new Set<string>();
  const choiceAt = (name: string) => {
    const state = states[name];
    return state?.Type === 'Choice' ? mergedChoice(name, state) : undefined;
  };
  function mergedChoice(name: string, choice: ChoiceState): ChoiceState {
    const done = merged.get(name);
    if (done) return done;
    if (merging.has(name)) throw new Error(`Choice ${name} leads back to itself through other Choices`);
    merging.add(name);
    const rules = choice.Choices.flatMap((rule): ChoiceRule[] => {
      const next = choiceAt(rule.Next);
      if (!next) return [rule];
      const condition = conditionOf(rule);
      return [
        ...next.Choices.map((inner) => ({ ...both(condition, conditionOf(inner)), Next: inner.Next })),
        { ...condition, Next: next.Default },
      ];
    });
    const otherwise = choiceAt(choice.Default);
    const comment = [choice.Comment, otherwise?.Comment].filter(Boolean).join(' Then: ');
    const result: ChoiceState = {
      Type: 'Choice',
      ...(comment ? { Comment: comment } : {}),
      Choices: [...rules, ...(otherwise?.Choices ?? [])],
      Default: otherwise?.Default ?? choice.Default,
    };
    merging.delete(name);
    merged.set(name, result);
    return result;
  }
  const out = Object.fromEntries(
    Object.entries(states).map(([name, state]) => [name, state.Type === 'Choice' ? mergedChoice(name, state) : state]),
  );
  return reachableFrom(out, startAt);
}

/** The states a run can enter from `startAt`, in their declared order. */
export function reachableFrom(states: Record<string, State>, startAt: string) {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const state = states[name];
    if (!state || seen.has(name)) return;
    seen.add(name);
    for (const next of targetsOf(state)) visit(next);
  };
  visit(startAt);
  return Object.fromEntries(Object.entries(states).filter(([name]) => seen.has(name)));
}

export function targetsOf(state: State): string[] {
  const out: string[] = [];
  if ('Next' in state && state.Next) out.push(state.Next);
  if (state.Type === 'Choice') out.push(...state.Choices.map((c) => c.Next), state.Default);
  if (state.Type === 'Task') out.push(...(state.Catch ?? []).map((c) => c.Next));
  return out;
}
