import { App, CfnResource, type Stack, Validations } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { routes as routeTable } from '../functions/routes.ts';
import { stateMachines } from '../state-machines/index.ts';
import { ApiStack } from './api-stack.ts';
import { ContextStack } from './context-stack.ts';
import { announcedStacks, growthReserve, type Holding, plan, resourceBudget } from './contexts.ts';
import { DataStack } from './data-stack.ts';
import { Deployment } from './deployment.ts';
import { GatewayStack } from './gateway-stack.ts';

/**
 * The cloud assembly of one stage: the Data stack (stateful, shared), the Api stack (the HTTP API), and one stack
 * per group of contexts (infra/contexts.ts), all checked by cdk-nag's AwsSolutions pack at every synth. A finding
 * fails the synth unless it is acknowledged, one by one with a reason, next to the construct it is about.
 */
export function buildApp(app = new App()) {
  const deployment = Deployment.of(app);
  const data = new DataStack(app, deployment.stackName('Data'), {
    deployment,
    description: `Order follow-up (${deployment.stage}): the table, users, event bus, keys, alarm topic, mail configuration, settings`,
  });
  const api = new ApiStack(app, deployment.stackName('Api'), {
    deployment,
    description: `Order follow-up (${deployment.stage}): the HTTP API and its authorizer`,
  });
  api.addStackDependency(data, 'imports the user pool and the logs key');

  const { stacks: plans, workerStack } = plan();
  const contexts = new Map<string, ContextStack>();
  for (const stackPlan of plans) {
    const stack = new ContextStack(app, deployment.stackName(stackPlan.name), {
      deployment,
      plan: stackPlan,
      workflows: stateMachines.map((definition) => definition.name),
      description: `Order follow-up (${deployment.stage}): ${stackPlan.description}`,
    });
    stack.addStackDependency(data, 'imports the table, bus, keys, alarm topic and reads the settings');
    stack.addStackDependency(api, 'adds its routes to the HTTP API');
    contexts.set(stackPlan.name, stack);
  }
  // A workflow invoking a worker of another stack imports its ARN: that stack deploys first.
  for (const stackPlan of plans) {
    for (const worker of stackPlan.invokesElsewhere) {
      const producer = contexts.get(workerStack.get(worker) as string) as ContextStack;
      contexts.get(stackPlan.name)?.addStackDependency(producer, `its workflows invoke ${worker}`);
    }
  }

  const gateway = new GatewayStack(app, deployment.stackName('Gateway'), {
    deployment,
    routes: routeTable,
    workflows: stateMachines.map((definition) => definition.name),
    description: `Order follow-up (${deployment.stage}): the HTTP API's stage, its access log and throttles; the stage-wide alarms and dashboard`,
  });
  gateway.addStackDependency(data, 'imports the logs key, the table name and the alarm topic');
  gateway.addStackDependency(api, "is the API's stage");
  for (const stack of contexts.values()) {
    // Route settings name routes, which must exist; and the first deployment of the stage then carries them all.
    gateway.addStackDependency(stack, 'throttles and deploys the routes it adds');
  }

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stacks: Stack[] = [data, api, ...contexts.values(), gateway];
  return { app, deployment, data, api, contexts, gateway, stacks };
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const count = (holding: Holding) =>
  `${plural(holding.routes, 'route')}, ${plural(holding.workers, 'worker')}, ${plural(holding.workflows, 'workflow')}, ` +
  plural(holding.rules, 'event rule');

/** The CloudFormation resources below a construct (after synthesis, every one of them is in a template). */
const resourcesBelow = (construct: IConstruct) => construct.node.findAll().filter(CfnResource.isCfnResource);

/** An event rule of a worker and the permission it has to invoke it. */
const ruleTypes = new Set(['AWS::Events::Rule', 'AWS::Lambda::Permission']);

/**
 * Each stack's resources in its synthesized template, and what each context stack (and each announced one) would
 * count with the growth it must have room for (infra/contexts.ts), in the costliest route, worker and workflow
 * of the app: the numbers `cdk synth` prints and the infra tests hold against the budget.
 */
export function measureStacks(assembly: CloudAssembly, stacks: readonly Stack[]) {
  const contexts = stacks.filter((stack): stack is ContextStack => stack instanceof ContextStack);
  const costs = { route: 0, worker: 0, workflow: 0, rule: 0, stack: 0 };
  const rows = stacks.map((stack) => {
    const template = assembly.getStackArtifact(stack.artifactId).template as { Resources?: object };
    return { stack, name: stack.stackName, resources: Object.keys(template.Resources ?? {}).length };
  });
  for (const stack of contexts) {
    const units = {
      route: stack.plan.routes.map((route) => stack.node.findChild(route.operationId)),
      worker: stack.plan.workers.map((worker) => stack.node.findChild(worker.name)),
      workflow: stack.plan.workflows.map((workflow) => stack.node.findChild(`workflow-${workflow.name}`)),
    };
    let inUnits = 0;
    for (const kind of ['route', 'worker', 'workflow'] as const) {
      for (const unit of units[kind]) {
        const resources = resourcesBelow(unit);
        inUnits += resources.length;
        // A worker's event rules are counted apart: the fan-in workers (notify, start-workflows) take one more
        // rule per context, which a new worker does not bring.
        const rules = kind === 'worker' ? resources.filter((resource) => ruleTypes.has(resource.cfnResourceType)) : [];
        const ruleCount = rules.filter((resource) => resource.cfnResourceType === 'AWS::Events::Rule').length;
        if (ruleCount > 0) costs.rule = Math.max(costs.rule, Math.ceil(rules.length / ruleCount));
        costs[kind] = Math.max(costs[kind], resources.length - rules.length);
      }
    }
    // What a context stack costs besides its routes, workers and workflows (CDK's metadata resource).
    const total = rows.find((row) => row.stack === stack)?.resources ?? 0;
    costs.stack = Math.max(costs.stack, total - inUnits);
  }
  const cost = (holding: Holding) =>
    holding.routes * costs.route +
    holding.workers * costs.worker +
    holding.workflows * costs.workflow +
    holding.rules * costs.rule;
  const reserve = cost(growthReserve);
  const deployment = contexts[0] ? Deployment.of(contexts[0]) : undefined;
  return {
    costs,
    stacks: rows.map(({ stack, name, resources }) => ({
      name,
      resources,
      projected: stack instanceof ContextStack ? resources + reserve : resources,
      holds:
        stack instanceof ContextStack
          ? count({
              routes: stack.plan.routes.length,
              workers: stack.plan.workers.length,
              workflows: stack.plan.workflows.length,
              rules: stack.plan.workers.reduce((rules, worker) => rules + (worker.rules?.length ?? 0), 0),
            })
          : stack.terminationProtection
            ? 'termination-protected'
            : '',
    })),
    announced: announcedStacks.map((announced) => {
      const resources = costs.stack + cost(announced);
      return {
        name: deployment?.stackName(announced.name) ?? announced.name,
        resources,
        projected: resources + reserve,
        holds: `announced (${announced.features}): ${count(announced)}`,
      };
    }),
  };
}

/** One line per stack of a synthesized assembly: its resources, and what it would count with its growth. */
export function describeStacks(assembly: CloudAssembly, stacks: readonly Stack[]) {
  const measured = measureStacks(assembly, stacks);
  const line = (row: { name: string; resources: number; projected: number; holds: string }, announced = false) => {
    const over =
      Math.max(row.resources, row.projected) > resourceBudget ? `  OVER THE BUDGET OF ${resourceBudget}` : '';
    const resources = announced ? `(~${row.resources})` : String(row.resources);
    const projected = row.projected === row.resources ? '' : `, ${row.projected} with room to grow`;
    return `${row.name.padEnd(34)} ${resources.padStart(6)}${projected.padEnd(24)}  ${row.holds}${over}`;
  };
  const { costs } = measured;
  return [
    `Resources per stack (CloudFormation allows 500; this app's budget is ${resourceBudget}). Room to grow: ` +
      `${count(growthReserve)} more per context stack, at ${costs.route} per route, up to ${costs.worker} per worker, ` +
      `${costs.workflow} per workflow, ${costs.rule} per event rule.`,
    ...measured.stacks.map((row) => line(row)),
    ...measured.announced.map((row) => line(row, true)),
  ];
}
