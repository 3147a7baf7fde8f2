/**
 * The company's own people's roles (domain digest, "Roles"), plus `admin`: the company's system administrator, who
 * keeps the staff directory and the system running (a workflow step that failed asks operations whether to run it
 * again). On AWS each role is a Cognito group of the same name.
 */
export const staffRoles = [
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

/** Every role: the staff's, and the customer's (a customer's own system or buyer). */
export const roles = ['customer', ...staffRoles] as const;

export type Role = (typeof roles)[number];
export type StaffRole = (typeof staffRoles)[number];

export type Principal = {
  subject: string;
  email: string;
  roles: Role[];
  /** Set for users of the customer role: the one customer whose data they may see. */
  customerId?: string;
};
