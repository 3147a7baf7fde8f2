/**
 * The roles of the business (domain digest, "Roles"), plus `admin`: operations, who keep the system running (a
 * workflow step that failed asks them whether to run it again). On AWS each is a Cognito group of the same name.
 */
export const roles = [
  'customer',
  'merchandiser',
  'planner',
  'pmc',
  'sales-admin',
  'warehouse',
  'finance',
  'qa',
  'leader',
  'gm',
  'admin',
] as const;

export type Role = (typeof roles)[number];

/** Every role but the customer: the company's own people. */
export const staffRoles = roles.filter((role) => role !== 'customer');

export type Principal = {
  subject: string;
  email: string;
  roles: Role[];
  /** Set for users of the customer role: the one customer whose data they may see. */
  customerId?: string;
};
