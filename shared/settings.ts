import { port } from './runtime.ts';

/** Deployment settings a worker reads from its environment (infra/ makes each a stack parameter). */
export const settings = {
  'planning-email': {
    variable: 'PLANNING_EMAIL',
    description: "Customer-service planning's mailbox: planner reviews (R4)",
  },
  'pmc-email': { variable: 'PMC_EMAIL', description: "Production & material control's mailbox: promised dates (R5)" },
  'production-email': {
    variable: 'PRODUCTION_EMAIL',
    description: "Production's mailbox: contract modifications of orders in work (R14)",
  },
  'finance-email': { variable: 'FINANCE_EMAIL', description: "Finance's mailbox: deposits and payments (R9)" },
  'escalation-email': {
    variable: 'ESCALATION_EMAIL',
    description:
      'Who decides what nobody decided in time, after the escalation to the manager (e.g. the general manager)',
  },
  'cancellation-limits': {
    variable: 'CANCELLATION_LIMITS',
    description:
      "R16: per currency, the order amount up to which the customer's sales manager approves a cancellation (above it, or for a currency not listed, the general manager), e.g. CNY=50000;USD=7000;EUR=6500",
  },
  'operations-email': {
    variable: 'OPERATIONS_EMAIL',
    description:
      'Operations: told when a workflow step fails after its retries (and asked whether to run it again), or an approval e-mail is refused',
  },
  'general-manager-email': {
    variable: 'GENERAL_MANAGER_EMAIL',
    description: "The general manager's address: cancellations above the sales manager's limit (R16)",
  },
} as const;

export type Setting = keyof typeof settings;

/** A setting the calling function declares: from its environment, through the settings port (offline: only its own). */
export function requiredSetting(setting: Setting) {
  const value = port('settings').get(settings[setting].variable);
  if (!value) throw new Error(`${settings[setting].variable} is not set`);
  return value;
}
