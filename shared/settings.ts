import { port } from './runtime.ts';

/** Deployment settings a worker reads from its environment (infra/ makes each a stack parameter). */
export const settings = {
  'production-email': {
    variable: 'PRODUCTION_EMAIL',
    description:
      "Production's shared mailbox (the workshop's, not a person's): contract modifications of orders in work (R14)",
  },
  'cancellation-limits': {
    variable: 'CANCELLATION_LIMITS',
    description:
      "R16: per currency, the order amount up to which the customer's sales manager approves a cancellation (above it, or for a currency not listed, the general manager), e.g. CNY=50000;USD=7000;EUR=6500",
  },
} as const;

export type Setting = keyof typeof settings;

/** A setting the calling function declares: from its environment, through the settings port (offline: only its own). */
export function requiredSetting(setting: Setting) {
  const value = port('settings').get(settings[setting].variable);
  if (!value) throw new Error(`${settings[setting].variable} is not set`);
  return value;
}
