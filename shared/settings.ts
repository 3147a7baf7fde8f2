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
  'credit-raise-code-thresholds': {
    variable: 'CREDIT_RAISE_CODE_THRESHOLDS',
    description:
      "Per currency, the raise of a customer's credit limit above which the sales manager approving the terms change from the e-mailed link must also enter a one-time code mailed to them (a currency not listed: any raise), e.g. CNY=100000;USD=14000;EUR=13000",
  },
  'special-price-deputy-limit': {
    variable: 'SPECIAL_PRICE_DEPUTY_LIMIT',
    description:
      'R37: the deepest discount below the list price, in percent, that the deputy general manager may approve as a special price (a quotation or an order line); deeper, only the general manager, e.g. 10',
  },
} as const;

export type Setting = keyof typeof settings;

/** A setting the calling function declares: from its environment, through the settings port (offline: only its own). */
export function requiredSetting(setting: Setting) {
  const value = port('settings').get(settings[setting].variable);
  if (!value) throw new Error(`${settings[setting].variable} is not set`);
  return value;
}
