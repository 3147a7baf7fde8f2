import { describe, expect, it } from 'vitest';
import { chooseExecutions, ofStage, parseRedriveArguments, parseSince } from '../../scripts/redrive/plan.ts';

const now = new Date('2026-11-25T12:00:00.000Z');
const arn = 'arn:aws:states:eu-west-1:123456789012:execution:dev-OrderFollowUp-order-intake:order-intake-01J';

describe('npm run redrive: its arguments', () => {
  it('defaults to the stage dev on AWS, over the whole redrivable period (14 days)', () => {
    expect(parseRedriveArguments([], now)).toEqual({
      offline: false,
      stage: 'dev',
      region: undefined,
      since: new Date('2026-11-11T12:00:00.000Z'),
      dryRun: false,
      executionArns: [],
    });
  });

  it('takes --since as a duration back from now or an ISO time, never earlier than the redrivable period', () => {
    expect(parseSince('90m', now)).toEqual(new Date('2026-11-25T10:30:00.000Z'));
    expect(parseSince('3d', now)).toEqual(new Date('2026-11-22T12:00:00.000Z'));
    expect(parseSince('2026-11-24T08:00:00+08:00', now)).toEqual(new Date('2026-11-24T00:00:00.000Z'));
    expect(() => parseSince('yesterday', now)).toThrow('--since: "yesterday"');
    expect(parseRedriveArguments(['--since', '30d'], now).since).toEqual(new Date('2026-11-11T12:00:00.000Z'));
  });

  it('takes execution ARNs, the stage, the region, --offline and --dry-run', () => {
    expect(
      parseRedriveArguments(['--offline', '--dry-run', '--stage', 'prod', '--region', 'eu-west-1', arn], now),
    ).toMatchObject({ offline: true, dryRun: true, stage: 'prod', region: 'eu-west-1', executionArns: [arn] });
    expect(() => parseRedriveArguments(['order-intake-01J'], now)).toThrow('not the ARN of an execution');
    expect(() => parseRedriveArguments(['--stage', 'Prod Stage'], now)).toThrow('stage');
    expect(() => parseRedriveArguments(['--stack', 'OrderFollowUp'], now)).toThrow();
  });
});

describe('npm run redrive: which executions', () => {
  it("keeps the stage's own state machines (named <stage>-OrderFollowUp-<workflow>)", () => {
    expect(ofStage('dev', 'dev-OrderFollowUp-order-intake')).toBe(true);
    expect(ofStage('dev', 'prod-OrderFollowUp-order-intake')).toBe(false);
    expect(ofStage('dev', 'dev-Billing-order-intake')).toBe(false);
  });

  it('keeps the failed executions that stopped since --since, oldest first', () => {
    const executions = [
      { executionArn: 'c', stopDate: new Date('2026-11-25T11:00:00.000Z') },
      { executionArn: 'a', stopDate: '2026-11-20T00:00:00.000Z' },
      { executionArn: 'b', stopDate: new Date('2026-11-24T00:00:00.000Z') },
    ];
    const since = new Date('2026-11-21T00:00:00.000Z');
    expect(chooseExecutions(executions, since).map((e) => e.executionArn)).toEqual(['b', 'c']);
  });
});
