import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { roles } from '../../shared/domain/roles.ts';

/** docs/access.md's table (R42): a row per route, a column per role, and what they see. */
const text = readFileSync(resolve(import.meta.dirname, '../../docs/access.md'), 'utf8');
const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
const lines = text.split('\n');
const header = cellsOf(lines.find((line) => line.startsWith('| route |')) ?? '');
const rows = lines
  .filter((line) => line.startsWith('| `'))
  .map((line) => {
    const [route = '', ...rest] = cellsOf(line);
    const seen = rest.at(-1) ?? '';
    const marks = rest.slice(0, -1);
    return {
      route: route.replaceAll('`', ''),
      callers: header.slice(1, -1).filter((_, i) => marks[i] === '✓'),
      unknownMarks: marks.filter((mark) => mark !== '' && mark !== '✓'),
      seen,
    };
  });
const nameOf = (route: (typeof routes)[number]) => `${route.method} ${route.path}`;

describe('the access table of docs/access.md (R42: access by role, documented route by route)', () => {
  it('has a column for every role, in the order of shared/domain/roles.ts', () => {
    expect(header).toEqual(['route', ...roles, 'what they see']);
  });

  it('has exactly one row for every route, and none for a route that does not exist', () => {
    expect(rows.map((row) => row.route).sort()).toEqual(routes.map(nameOf).sort());
  });

  it("gives each route's row the roles its access declares, and says what they see", () => {
    for (const route of routes) {
      const row = rows.find((r) => r.route === nameOf(route));
      expect(row?.unknownMarks, nameOf(route)).toEqual([]);
      expect(row?.seen, nameOf(route)).not.toBe('');
      if (route.access === 'public') {
        expect(row?.callers, nameOf(route)).toEqual([]);
        expect(row?.seen, nameOf(route)).toMatch(/^public: /);
      } else {
        expect(row?.callers.sort(), nameOf(route)).toEqual([...route.access.roles].sort());
      }
    }
  });

  it('names the view of every route that answers a role with one of its own', () => {
    for (const route of routes) {
      const row = rows.find((r) => r.route === nameOf(route));
      for (const response of Object.values(route.responses)) {
        if (response?.warehouseSchema) expect(row?.seen, nameOf(route)).toMatch(/warehouse: `Warehouse/);
        if (response?.customerSchema) expect(row?.seen, nameOf(route)).toMatch(/customer: its own/);
      }
    }
  });
});
