import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizedApp } from './synthesized.ts';

// The one synth of the test run (test/infra/synthesized.ts): whichever file runs first pays for it.
beforeAll(() => {
  synthesizedApp();
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing that is not acknowledged, in any stack', () => {
    const report = new AwsSolutionsChecks().validateScope(synthesizedApp().app);
    const findings = report.violations.map(
      (violation) =>
        `${violation.severity} ${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  /** Each acknowledgement where it was made: the construct's path, the finding's id, the reason. */
  const acknowledgements = () =>
    synthesizedApp()
      .app.node.findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
          .map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason })),
      );

  it('has a reason for every acknowledgement', () => {
    expect(acknowledgements().length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledgements()) {
      expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      expect(reason.length, id).toBeGreaterThan(40);
    }
  });

  it('acknowledges only findings that exist', () => {
    const pack = new AwsSolutionsChecks();
    // Every finding, acknowledged or not (cdk-nag 3.0.2 checks acknowledgements in this one method).
    Object.assign(pack, { isAcknowledged: () => false });
    const findings = pack.validateScope(synthesizedApp().app).violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => ({
        id: violation.ruleName,
        path: resource.constructPath ?? '',
      })),
    );
    const stale = acknowledgements().filter(
      ({ id, path }) => !findings.some((finding) => finding.id === id && finding.path.startsWith(`${path}/`)),
    );
    expect(stale).toEqual([]);
  });
});
