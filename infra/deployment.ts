import type { Construct } from 'constructs';

/** The stage when none is given (`npx cdk synth` = `npx cdk synth -c stage=dev`). */
export const defaultStage = 'dev';

/** A stage is short and lower-case: it starts every stack, state machine, export and SSM parameter name. */
const stagePattern = /^[a-z][a-z0-9-]{0,11}$/;

/**
 * One deployment of the platform: its stage (CDK context `stage`, e.g. `npx cdk deploy --all -c stage=prod`)
 * prefixes every name the app sets explicitly, so that two stages deploy from one app into one account without
 * a name in common. Names CloudFormation generates (functions, queues, the table, the bus…) start with the
 * stack's name, which carries the stage too.
 */
export class Deployment {
  readonly stage: string;
  /** `dev-OrderFollowUp`: the start of every stack name and of every explicit name. */
  readonly prefix: string;

  constructor(stage: string) {
    if (!stagePattern.test(stage)) {
      throw new Error(`stage ${JSON.stringify(stage)}: expected ${stagePattern} (lower-case, at most 12 characters)`);
    }
    this.stage = stage;
    this.prefix = `${stage}-OrderFollowUp`;
  }

  /** The stage the app was given as CDK context (`-c stage=…`, or `stage` in cdk.json). */
  static of(scope: Construct) {
    const stage: unknown = scope.node.tryGetContext('stage') ?? defaultStage;
    if (typeof stage !== 'string') throw new Error('the CDK context stage must be a string');
    return new Deployment(stage);
  }

  /** `dev-OrderFollowUp-Data`: stack names are construct ids too, so `cdk deploy 'dev-*'` selects a stage. */
  stackName(part: string) {
    return `${this.prefix}-${part}`;
  }

  /** A workflow's state machine name: known to every stack, so its ARN is built, never exported. */
  workflowName(name: string) {
    return `${this.prefix}-${name}`;
  }

  /** The name under which one stack exports a value to the others of the same stage. */
  exportName(name: string) {
    return `${this.prefix}-${name}`;
  }

  /** The SSM parameter that holds a deployment setting for the stacks whose functions read it. */
  settingParameterName(setting: string) {
    return `/${this.prefix}/settings/${setting}`;
  }
}
