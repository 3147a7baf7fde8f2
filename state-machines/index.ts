import { pascalCase } from '../shared/naming.ts';

/**
 * The state machines: each is `state-machines/<name>.asl.json` (JSONPath ASL). `${XxxFunctionArn}` placeholders
 * name the workers (functions/workers.ts) a machine invokes — infra/ substitutes their ARNs, the offline engine
 * their local names — so both run the very same file.
 */
export type StateMachineDefinition = {
  name: string;
  description: string;
  /** Worker names the definition invokes, each referenced as `${<PascalCaseName>FunctionArn}`. */
  invokes: readonly string[];
};

export const stateMachines: readonly StateMachineDefinition[] = [
  {
    name: 'customer-onboarding',
    description: 'R10: review and approval of a new customer before its first order goes to planning',
    invokes: ['request-approval', 'customer-onboarding'],
  },
  {
    name: 'order-intake',
    description: 'F1: initial review, planner review, promised date, acknowledgement, deposit, release to production',
    invokes: ['request-approval', 'order-intake'],
  },
];

/** request-approval → RequestApprovalFunctionArn */
export const functionArnPlaceholder = (worker: string) => `${pascalCase(worker)}FunctionArn`;

export const aslFile = (name: string) => `${name}.asl.json`;
