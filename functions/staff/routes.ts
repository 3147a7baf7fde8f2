import { staffRoles } from '../../shared/domain/roles.ts';
import { defineRoute } from '../../shared/http/route.ts';
import { NewStaff, Staff, StaffChanges, StaffIdParams, StaffList, StaffQuery } from '../../shared/schemas/staff.ts';

/** Who keeps the directory: the company's system administrator, and the general manager. */
const keepers = ['admin', 'gm'] as const;

export const listStaff = defineRoute({
  operationId: 'listStaff',
  method: 'GET',
  path: '/staff',
  summary: 'The staff directory, whole (one read), by department and name; filters narrow it',
  tag: 'Staff',
  handler: 'functions/staff/list.ts',
  access: { roles: staffRoles },
  query: StaffQuery,
  responses: { 200: { description: 'The people selected', schema: StaffList } },
  grants: ['table:read'],
});

export const getStaff = defineRoute({
  operationId: 'getStaff',
  method: 'GET',
  path: '/staff/{id}',
  summary: 'Read a person of the staff directory',
  tag: 'Staff',
  handler: 'functions/staff/get.ts',
  access: { roles: staffRoles },
  params: StaffIdParams,
  responses: { 200: { description: 'The person', schema: Staff, headers: ['ETag'] } },
  errors: [404],
  grants: ['table:read'],
});

export const addStaffRoute = defineRoute({
  operationId: 'addStaff',
  method: 'POST',
  path: '/staff',
  summary: 'Add a person to the staff directory (putting them on duty takes the duty off whoever had it)',
  tag: 'Staff',
  handler: 'functions/staff/add.ts',
  access: { roles: keepers },
  body: NewStaff,
  idempotent: true,
  responses: { 201: { description: 'Added', schema: Staff, headers: ['ETag', 'Location'] } },
  errors: [409, 422],
  grants: ['table:read', 'table:write'],
});

export const changeStaffRoute = defineRoute({
  operationId: 'changeStaff',
  method: 'PATCH',
  path: '/staff/{id}',
  summary: 'Change a person (optimistic version: If-Match or body version); active: false when they leave',
  tag: 'Staff',
  handler: 'functions/staff/change.ts',
  access: { roles: keepers },
  params: StaffIdParams,
  body: StaffChanges,
  responses: { 200: { description: 'The changed person', schema: Staff, headers: ['ETag'] } },
  errors: [404, 409, 428],
  grants: ['table:read', 'table:write'],
});

export const staffRoutes = [listStaff, getStaff, addStaffRoute, changeStaffRoute];
