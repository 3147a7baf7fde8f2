import * as z from 'zod';
import { staffRoles } from '../domain/roles.ts';
import { Email, Language, Timestamp, Version } from './common.ts';

export const StaffId = z
  .string()
  .regex(/^stf_[0-9A-Z]{26}$/, 'is not a staff id')
  .meta({ description: 'A person of the staff directory: `stf_<ULID>`.' });

export const StaffRole = z
  .enum(staffRoles)
  .meta({ id: 'StaffRole', description: 'A role of the company’s own people (not `customer`).' });

export const Department = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be a department code: 2–40 lower-case letters, digits or "-"')
  .meta({
    description: 'Department code, e.g. sales, customer-service, pmc, production, warehouse, finance, quality.',
  });

/** A period away (leave, a trip): from (inclusive) to (exclusive), both UTC. */
export const AwayPeriod = z
  .object({
    from: Timestamp,
    to: Timestamp,
    note: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine(({ from, to }) => Date.parse(from) < Date.parse(to), { message: 'must be after from', path: ['to'] })
  .meta({
    id: 'AwayPeriod',
    description: 'Away from `from` (inclusive) until `to` (exclusive); the deputy stands in meanwhile.',
  });

const roleList = (description: string) =>
  z
    .array(StaffRole)
    .max(staffRoles.length)
    .refine((list) => new Set(list).size === list.length, 'names a role twice')
    .meta({ description });

const StaffFields = z.object({
  name: z.string().trim().min(1).max(100).meta({ description: 'As colleagues write it, e.g. 王芳 or 王芳 Wang Fang.' }),
  email: Email.meta({ description: 'Unique among all staff, compared and stored in lower case.' }),
  language: Language,
  roles: roleList('What the person does; at least one.').min(1),
  department: Department,
  leader: StaffId.optional().meta({
    description: 'Who escalations go to: an active person holding leader or gm. Absent for the top of the company.',
  }),
  deputy: StaffId.optional().meta({
    description: 'Who stands in while the person is away: an active person sharing a role with them.',
  }),
  away: AwayPeriod.optional(),
  onDuty: roleList('The roles the person is the one on duty for (e.g. the PMC planner on duty); one person per role.'),
  active: z.boolean().meta({ description: 'False once the person has left; people are never deleted.' }),
});

export const NewStaff = StaffFields.extend({ onDuty: StaffFields.shape.onDuty.default([]) })
  .omit({ active: true })
  .strict()
  .meta({ id: 'NewStaff', description: 'A person joining the directory (active).' });

/** PATCH: the fields sent replace the stored ones; `null` removes leader, deputy or away. */
export const StaffChanges = StaffFields.partial()
  .extend({
    leader: StaffFields.shape.leader.unwrap().nullable().optional(),
    deputy: StaffFields.shape.deputy.unwrap().nullable().optional(),
    away: AwayPeriod.nullable().optional(),
    version: Version.optional().meta({ description: 'The version you read; alternatively send it as If-Match.' }),
  })
  .strict()
  .refine((changes) => Object.keys(changes).some((key) => key !== 'version'), 'must change at least one field')
  .meta({ id: 'StaffChanges', description: 'Fields to change; null removes leader, deputy or away.' });

export const Staff = StaffFields.extend({
  id: StaffId,
  version: Version,
  createdAt: Timestamp,
  createdBy: z.string(),
  updatedAt: Timestamp,
  updatedBy: z.string(),
}).meta({ id: 'Staff', description: 'A person of the staff directory.' });

export const StaffList = z
  .object({ items: z.array(Staff) })
  .meta({ id: 'StaffList', description: 'The whole directory (or the part the filters select), by department, name.' });

export const StaffQuery = z
  .object({
    role: StaffRole.optional().meta({ description: 'Only people holding this role.' }),
    department: Department.optional(),
    active: z
      .enum(['true', 'false'])
      .optional()
      .meta({ description: 'Only active (true) or departed (false) people.' }),
    email: Email.optional().meta({ description: 'The person with this e-mail (case-insensitive).' }),
  })
  .strict();

export const StaffIdParams = z.object({ id: StaffId });

export type Staff = z.infer<typeof Staff>;
export type NewStaff = z.infer<typeof NewStaff>;
export type StaffChanges = z.infer<typeof StaffChanges>;
export type AwayPeriod = z.infer<typeof AwayPeriod>;
export type StaffQuery = z.infer<typeof StaffQuery>;
export type StaffRole = z.infer<typeof StaffRole>;
