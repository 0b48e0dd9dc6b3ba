/**
 * Checks a mapping against the JSON Schemas kept beside this file (mapping.schema.json for CSV,
 * ftm-mapping.schema.json for FollowTheMoney), the same files editors use for completion through
 * "$schema". Ajv finds the problems; this module words them for people: a path in the mapping
 * (`links[0].type`), and for an unknown key the nearest key allowed there.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';

type SchemaNode = {
  $ref?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  [key: string]: unknown;
};

const readSchema = (name: string): SchemaNode =>
  JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'));

export const CSV_MAPPING_SCHEMA = readSchema('mapping.schema.json');
export const FTM_MAPPING_SCHEMA = readSchema('ftm-mapping.schema.json');

const SCHEMAS: Record<string, SchemaNode> = {
  'mapping.schema.json': CSV_MAPPING_SCHEMA,
  'ftm-mapping.schema.json': FTM_MAPPING_SCHEMA,
};

const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true });
for (const [key, schema] of Object.entries(SCHEMAS)) ajv.addSchema(schema, key);

/** A problem at a place in the mapping, e.g. `{path: 'links[0].type', message: '...'}`. */
export interface SchemaProblem {
  path: string;
  message: string;
}

/** `/links/0/type` → `links[0].type`. */
function readablePath(pointer: string, key?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (key !== undefined) parts.push(key);
  let path = '';
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : path ? `.${part}` : part;
  return path || '(top level)';
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The allowed name a misspelt one most likely meant, or null when none is close. `contains`
 * also counts one name inside the other (`dateFormat` → `format`, `alias` → `aliases`), which
 * suits keys but not column names ("Owner type" is not "Owner").
 */
export function nearestKey(
  key: string,
  allowed: readonly string[],
  contains = true,
): string | null {
  const lower = key.toLowerCase();
  let best: { key: string; score: number } | null = null;
  for (const candidate of allowed) {
    const other = candidate.toLowerCase();
    const inside =
      contains && other.length >= 3 && (lower.includes(other) || other.includes(lower));
    const distance = levenshtein(lower, other);
    const close = distance <= Math.max(2, Math.floor(other.length / 3));
    if (!inside && !close) continue;
    const score = inside ? Math.min(distance, 1) : distance;
    if (!best || score < best.score) best = { key: candidate, score };
  }
  return best?.key ?? null;
}

/** Follows `$ref`s (within a schema file or into the other one) to the node they name. */
function resolve(node: SchemaNode | undefined, file: string): SchemaNode | undefined {
  if (!node?.$ref) return node;
  const [target, pointer = ''] = node.$ref.split('#');
  const root = SCHEMAS[target || file];
  let current: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    current = (current as Record<string, unknown> | undefined)?.[part];
  }
  return resolve(current as SchemaNode | undefined, target || file);
}

function describe(error: ErrorObject, file: string): SchemaProblem | null {
  const at = readablePath(error.instancePath);
  const parent = error.parentSchema as SchemaNode | undefined;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return null; // the branch taken reports its own problems
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {});
      const nearest = nearestKey(key, allowed);
      return {
        path: readablePath(error.instancePath, key),
        message: `is not a known key${nearest ? `; did you mean "${nearest}"?` : '.'} Allowed here: ${allowed.join(', ')}`,
      };
    }
    case 'propertyNames': {
      const key = String(params.propertyName);
      if (key === 'default' && at.endsWith('map')) {
        return {
          path: `${at}.default`,
          message:
            'inside "map" would only match a cell that reads "default"; put "default" beside "map" (next to "column") for cells that nothing matches',
        };
      }
      return { path: `${at}.${key}`, message: 'is not allowed as a key here' };
    }
    case 'not':
      // Inside propertyNames, which names the key itself (below); elsewhere, say it plainly.
      return 'propertyName' in error ? null : { path: at, message: 'is not allowed here' };
    case 'required': {
      const key = String(params.missingProperty);
      const description = resolve(parent?.properties?.[key], file)?.description;
      return {
        path: readablePath(error.instancePath, key),
        message: `is required${description ? `: ${description}` : ''}`,
      };
    }
    case 'type': {
      const description = parent?.description;
      const types = String(params.type).split(',').join(' or ');
      return { path: at, message: `must be ${types}${description ? ` (${description})` : ''}` };
    }
    case 'enum':
      return {
        path: at,
        message: `"${String(error.data)}" is not allowed; allowed: ${(params.allowedValues as string[]).join(', ')}`,
      };
    case 'minLength':
      return { path: at, message: 'must not be empty' };
    case 'minItems':
      return { path: at, message: `needs at least ${String(params.limit)}` };
    default:
      return { path: at, message: error.message ?? `fails "${error.keyword}"` };
  }
}

/** Every way `raw` departs from the schema, worded for people; empty when it conforms. */
export function schemaProblems(
  file: 'mapping.schema.json' | 'ftm-mapping.schema.json',
  raw: unknown,
): SchemaProblem[] {
  const validate = ajv.getSchema(file);
  if (!validate) throw new Error(`schema ${file} is not loaded`);
  if (validate(raw)) return [];
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = describe(error, file);
    // A value of the wrong type also fails the branch meant for the other type: say it once.
    const key =
      problem && error.keyword === 'type'
        ? `${problem.path}: type`
        : `${problem?.path}: ${problem?.message}`;
    if (problem && !seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  // An invalid mapping is never let through because each message was judged a repeat.
  const first = validate.errors?.[0];
  if (problems.length === 0 && first) {
    problems.push({
      path: readablePath(first.instancePath),
      message: first.message ?? 'is invalid',
    });
  }
  return problems;
}
