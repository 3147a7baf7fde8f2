import type { JsonPath, Payload } from './asl.ts';
import { at } from './asl.ts';
import { hours } from './policy.ts';
import type { ApprovalSpec, WorkflowKit } from './workflow.ts';

/** What every step of one flow names: the ids its worker reads, the approval's subject, the facts a person sees. */
export type FlowContext = {
  ids: Payload;
  subject: ApprovalSpec['subject'];
  /** Where the `stage` step leaves the facts (and the lines a form asks a quantity for): `<path>.facts`, `<path>.lines`. */
  round: string;
};

/** The decision an approval step left at `path`, as a worker step's payload. */
export const decision = (path: string) => ({
  approvalId: at(`${path}.approvalId`),
  outcome: at(`${path}.outcome`),
  comment: at(`${path}.comment`),
  values: at(`${path}.values`),
  decidedBy: at(`${path}.decidedBy`),
  decidedAt: at(`${path}.decidedAt`),
});

/** What a sign-off group left at `path` (shared/domain/sign-off.ts signOffOutput), as a decision with its signatures. */
export const signOffDecision = (path: string) => ({
  ...decision(path),
  approvalId: at(`${path}.signOffId`),
  signatures: at(`${path}.signatures`),
});

/**
 * A person's step of a long flow (shipping, complaints): the subject first moves to the stage it is in (`To<Name>`:
 * its facts read afresh — the form as it stands, why it came back), then the person is asked, reminded and escalated;
 * nobody at all, and the worker's `stalled` step tells whoever follows the subject, and the step is asked again:
 * nothing waiting on a person is ever dropped.
 */
export function personStep(
  kit: WorkflowKit,
  flow: FlowContext,
  name: string,
  stage: string,
  spec: Omit<ApprovalSpec, 'subject' | 'facts' | 'wait' | 'reminder' | 'escalation' | 'lapse'>,
) {
  const single = !('signers' in spec.assignee);
  return {
    [`To${name}`]: kit.step(
      'stage',
      { ...flow.ids, stage },
      { select: { facts: at('$.Payload.facts'), lines: at('$.Payload.lines') }, resultPath: flow.round, next: name },
    ),
    ...kit.approval(name, {
      ...spec,
      subject: flow.subject,
      facts: at(`${flow.round}.facts`) as JsonPath,
      wait: hours(24),
      reminder: { after: hours(24) },
      ...(single ? { escalation: { after: hours(48) } } : {}),
      lapse: `${name}Stalled`,
    }),
    [`${name}Stalled`]: kit.step(
      'stalled',
      { ...flow.ids, step: spec.step },
      {
        comment: 'Nobody acted, even after the escalation: whoever follows the subject is told; asked again.',
        next: `To${name}`,
      },
    ),
  };
}

/**
 * A step recording a person's decision (`<Name>`), whose answer (`$.outcome.next`) picks where the subject goes
 * (`<Name>Route`): each answer but the last by name, the last otherwise. A sign-off group's passes `signOffDecision`.
 */
export function decided(
  kit: WorkflowKit,
  flow: FlowContext,
  name: string,
  action: string,
  path: string,
  routes: Record<string, string>,
  comment: string,
  payload: Payload = decision(path),
) {
  const answers = Object.entries(routes);
  return {
    [name]: kit.step(
      action,
      { ...flow.ids, ...payload },
      { comment, select: { next: at('$.Payload.next') }, resultPath: '$.outcome', next: `${name}Route` },
    ),
    [`${name}Route`]: kit.choice(
      answers.slice(0, -1).map(([value, next]) => ({ Variable: '$.outcome.next', StringEquals: value, Next: next })),
      answers.at(-1)?.[1] ?? '',
    ),
  };
}
