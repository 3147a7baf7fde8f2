import * as z from 'zod';

/** The part of JSON Schema that zod's `toJSONSchema` writes for the API's request schemas. */
type Schema = {
  $ref?: string;
  $defs?: Record<string, Schema>;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  propertyNames?: Schema;
  items?: Schema;
  minItems?: number;
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
};

const escapes: Record<string, string> = { d: '1', w: 'a', s: ' ' };

/** One string a regular expression of the API's schemas matches: ids, codes, numbers (`^ord_[0-9A-Z]{26}$`). */
export function stringMatching(pattern: string): string {
  let at = 0;
  const alternatives = (): string => {
    const first = sequence();
    // The first alternative is the sample; the others are read past.
    while (pattern[at] === '|') {
      at++;
      sequence();
    }
    return first;
  };
  const sequence = (): string => {
    let out = '';
    while (at < pattern.length && pattern[at] !== '|' && pattern[at] !== ')') {
      const atom = atomAt();
      out += atom.repeat(least());
    }
    return out;
  };
  const atomAt = (): string => {
    const c = pattern[at++] as string;
    if (c === '^' || c === '$') return '';
    if (c === '\\') return escapes[pattern[at++] as string] ?? (pattern[at - 1] as string);
    if (c === '[') {
      // A class: its first member (a range's start), or for a negated class a letter it leaves out.
      const close = pattern.indexOf(']', at + 1);
      const members = pattern.slice(at, close);
      at = close + 1;
      if (members.startsWith('^')) return members.includes('x') ? 'y' : 'x';
      return members.startsWith('\\')
        ? (escapes[members[1] as string] ?? (members[1] as string))
        : (members[0] as string);
    }
    if (c === '(') {
      const lookahead = pattern.startsWith('?=', at) || pattern.startsWith('?!', at);
      if (pattern.startsWith('?', at)) at += 2;
      const inner = alternatives();
      at++; // ')'
      return lookahead ? '' : inner;
    }
    return c === '.' ? 'a' : c;
  };
  /** How many times the atom just read must occur: its quantifier's least. */
  const least = (): number => {
    const c = pattern[at];
    if (c === '?' || c === '*' || c === '+') {
      at++;
      return c === '+' ? 1 : 0;
    }
    if (c !== '{') return 1;
    const close = pattern.indexOf('}', at);
    const min = Number(pattern.slice(at + 1, close).split(',')[0]);
    at = close + 1;
    return min;
  };
  return alternatives();
}

const byFormat: Record<string, () => string> = {
  date: () => new Date().toISOString().slice(0, 10),
  'date-time': () => new Date().toISOString(),
  email: () => 'bench@example.com',
};

function sampleOf(schema: Schema, defs: Record<string, Schema>): unknown {
  if (schema.$ref) return sampleOf(defs[schema.$ref.replace('#/$defs/', '')] ?? {}, defs);
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choice = schema.oneOf ?? schema.anyOf ?? schema.allOf;
  if (choice?.[0]) return sampleOf(choice[0], defs);
  const type = [schema.type ?? 'object'].flat().find((t) => t !== 'null');
  switch (type) {
    case 'object': {
      const keys = schema.propertyNames ? (sampleKeys(schema.propertyNames, defs) ?? []) : [];
      const required = schema.required ?? [];
      return Object.fromEntries([
        ...keys.map((key) => [
          key,
          sampleOf(((schema as { additionalProperties?: Schema }).additionalProperties ?? {}) as Schema, defs),
        ]),
        ...required.map((key) => [key, sampleOf(schema.properties?.[key] ?? {}, defs)]),
      ]);
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items ?? {}, defs));
    case 'string': {
      const format = schema.format && byFormat[schema.format];
      if (format) return format();
      if (schema.pattern) return stringMatching(schema.pattern);
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    }
    case 'number':
    case 'integer':
      return schema.minimum ?? (schema.exclusiveMinimum === undefined ? 1 : Math.floor(schema.exclusiveMinimum) + 1);
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** The keys a record with an enum of keys must have (zod's records over an enum are exhaustive). */
function sampleKeys(names: Schema, defs: Record<string, Schema>): string[] | undefined {
  const resolved = names.$ref ? defs[names.$ref.replace('#/$defs/', '')] : names;
  return resolved?.enum as string[] | undefined;
}

/**
 * The smallest value a zod schema takes, as its JSON Schema describes it: the required fields only, the least
 * number of items, the first choice of each union, a string matching each pattern. Refinements beyond what JSON
 * Schema says are not known here: check the result with the schema itself.
 */
export function smallestOf(schema: z.ZodType): unknown {
  const document = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
  return sampleOf(document, document.$defs ?? {});
}
