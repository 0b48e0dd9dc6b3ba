import { readdirSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { MappingError, parseFtmMapping, parseMapping } from '../../../server/import/mapping';
import {
  CSV_MAPPING_SCHEMA,
  FTM_MAPPING_SCHEMA,
  nearestKey,
} from '../../../server/import/mapping-schema';
import { ENTITY_KINDS, LINK_STATUSES, LINK_TYPES } from '../../../server/model/vocabulary';

const read = (url: URL) => JSON.parse(readFileSync(url, 'utf8'));
const fixture = (name: string) => read(new URL(`../../fixtures/import/${name}`, import.meta.url));

function problemsOf(raw: unknown, parser: (raw: unknown) => unknown = parseMapping): string[] {
  try {
    parser(raw);
  } catch (error) {
    if (error instanceof MappingError) return error.problems;
    throw error;
  }
  return [];
}

/** A mapping that uses every key the schema defines, each with a value other than its default. */
const everyKey = () => ({
  $schema: '../../server/import/mapping.schema.json',
  dataset: {
    source: {
      id: 'source:dataset:every-key',
      title: 'Every key',
      publisher: 'Threadline tests',
      url: 'https://example.org/every-key',
      retrievedAt: '2026-12-01',
      licence: 'CC0',
      language: 'en',
      published: '2026-11',
    },
  },
  delimiter: ';',
  rowUrl: 'Url',
  entities: {
    owner: {
      kind: { column: 'Type', map: { p: 'Person' }, default: 'Company', ignoreCase: true },
      id: { prefix: 'every:', keys: ['Owner'] },
      name: 'Owner name',
      aliases: ['Nick', { column: 'Aliases', split: ';' }],
      properties: { birthDate: { column: 'Born', format: 'DD.MM.YYYY' } },
      optional: true,
      evidence: ['Owner'],
    },
    firm: { kind: { value: 'Company' }, id: { prefix: 'every:', keys: ['Firm'] } },
  },
  links: [
    {
      when: 'Role',
      type: {
        column: 'Role',
        patterns: [{ match: 'own', value: 'OWNS' }],
        default: 'AFFILIATED_WITH',
      },
      from: 'owner',
      to: 'firm',
      id: { prefix: 'every:link:', keys: ['Owner', 'Firm'] },
      since: { column: 'Since', format: ['MMMM D, YYYY', 'YY'] },
      until: 'Until',
      on: 'On',
      status: { value: 'disputed' },
      properties: { share: 'Share' },
      evidence: ['Role'],
    },
    {
      type: { value: 'LISTED_ON' },
      from: 'firm',
      to: { existing: 'list:elsewhere' },
      id: { prefix: 'every:listed:', keys: ['Firm'] },
      evidence: ['Firm'],
    },
  ],
  constants: {
    entities: {
      list: {
        id: 'every:list',
        kind: 'GovernmentList',
        name: 'The list',
        aliases: ['L'],
        properties: { program: 'P' },
        evidence: [{ column: 'Note', contains: 'list' }],
      },
    },
    links: [
      {
        id: 'every:maintains',
        type: 'MAINTAINS',
        from: { existing: 'ministry:x' },
        to: 'list',
        status: 'disputed',
        since: '2020',
        until: '2021',
        note: 'n',
        evidence: [{ column: 'Note', contains: 'kept' }],
      },
    ],
  },
});

/** Every property name any object of the schema (and its definitions) allows. */
function schemaKeys(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) schemaKeys(item, into);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && typeof value === 'object' && value !== null) {
        for (const [name, property] of Object.entries(value)) {
          into.add(name);
          schemaKeys(property, into);
        }
      } else schemaKeys(value, into);
    }
  }
  return into;
}

/** Paths of every key in a JSON value, except the cells of a `map`. */
function keyPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => keyPaths(item, [...path, i]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    [...path, key],
    ...(key === 'map' ? [] : keyPaths(child, [...path, key])),
  ]);
}

function without(value: unknown, path: (string | number)[]): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

describe('the mapping JSON Schema and the validator', () => {
  it('accepts every committed mapping, checked by an independent Ajv too', () => {
    const ajv = new Ajv({ allowUnionTypes: true });
    ajv.addSchema(CSV_MAPPING_SCHEMA, 'mapping.schema.json');
    const validCsv = ajv.compile({ $ref: 'mapping.schema.json' });
    const validFtm = ajv.compile(FTM_MAPPING_SCHEMA);
    const datasets = new URL('../../../docs/datasets/', import.meta.url);
    const fixtures = new URL('../../fixtures/import/', import.meta.url);
    const files = [
      ...readdirSync(datasets).map((f) => new URL(f, datasets)),
      ...readdirSync(fixtures).map((f) => new URL(f, fixtures)),
    ].filter((url) => url.pathname.endsWith('.mapping.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const url of files) {
      const raw = read(url);
      const ftm = 'idPrefix' in raw;
      expect(ftm ? validFtm(raw) : validCsv(raw), url.pathname).toBe(true);
      expect(problemsOf(raw, ftm ? parseFtmMapping : parseMapping), url.pathname).toEqual([]);
    }
  });

  it('lists the vocabulary that server/model/vocabulary.ts allows, for editors', () => {
    const definitions = CSV_MAPPING_SCHEMA.definitions as Record<string, { enum: string[] }>;
    expect(definitions.entityKind?.enum).toEqual([...ENTITY_KINDS]);
    expect(definitions.linkType?.enum).toEqual([...LINK_TYPES]);
    expect(definitions.linkStatus?.enum).toEqual([...LINK_STATUSES]);
  });

  it('uses every key the schema allows in the test mapping, and the parser reads each one', () => {
    const full = everyKey();
    const used = new Set(keyPaths(full).map((path) => String(path.at(-1))));
    const missing = [...schemaKeys(CSV_MAPPING_SCHEMA)].filter((key) => !used.has(key));
    expect(missing).toEqual([]);
    const parsed = parseMapping(full);
    // Removing any key (but "$schema", which is for editors) changes the result or is refused:
    // no key the schema allows is silently ignored by the parser.
    for (const path of keyPaths(full).filter((p) => p[0] !== '$schema')) {
      const smaller = without(full, path);
      const problems = problemsOf(smaller);
      if (problems.length === 0) {
        expect(parseMapping(smaller), `removing ${path.join('.')}`).not.toEqual(parsed);
      }
    }
  });
});

describe('mapping typos', () => {
  it('refuses unknown keys at any depth, naming the key that was probably meant', () => {
    const raw = fixture('registry.mapping.json');
    raw.delimeter = ';';
    raw.entities.owner.alias = raw.entities.owner.aliases;
    raw.links[0].since = { column: 'Since', dateFormat: 'DD.MM.YYYY' };
    raw.constants.entities.watchlist.evidence[0].contain = 'Fixture';
    expect(problemsOf(raw)).toEqual([
      'delimeter: is not a known key; did you mean "delimiter"? Allowed here: $schema, dataset, delimiter, rowUrl, entities, links, constants',
      'entities.owner.alias: is not a known key; did you mean "aliases"? Allowed here: kind, id, name, aliases, properties, optional, evidence',
      'links[0].since.dateFormat: is not a known key; did you mean "format"? Allowed here: column, map, patterns, default, ignoreCase, format',
      'constants.entities.watchlist.evidence[0].contain: is not a known key; did you mean "contains"? Allowed here: column, contains',
    ]);
  });

  it('says where a default belongs when it is written inside a map', () => {
    const raw = fixture('registry.mapping.json');
    raw.entities.owner.kind.map.default = 'Organization';
    expect(problemsOf(raw)).toEqual([
      expect.stringMatching(
        /^entities\.owner\.kind\.map\.default: inside "map" would only match a cell that reads "default"; put "default" beside "map"/,
      ),
    ]);
  });

  it('lists the allowed keys when nothing is close, and checks FollowTheMoney mappings too', () => {
    const raw = fixture('registry.mapping.json');
    raw.links[1].zzz = true;
    expect(problemsOf(raw)).toEqual([
      'links[1].zzz: is not a known key. Allowed here: when, type, from, to, id, since, until, on, status, properties, evidence',
    ]);
    const ftm = fixture('ftm.mapping.json');
    ftm.idprefix = ftm.idPrefix;
    delete ftm.idPrefix;
    expect(problemsOf(ftm, parseFtmMapping)).toEqual([
      'idPrefix: is required: put before every FollowTheMoney id, e.g. "ftm:my-dataset:"',
      'idprefix: is not a known key; did you mean "idPrefix"? Allowed here: $schema, dataset, idPrefix',
    ]);
  });

  it('reports a wrong type once, in the words of the schema', () => {
    const raw = fixture('registry.mapping.json');
    raw.links[0].type = 5;
    raw.entities.company.optional = 'yes';
    expect(problemsOf(raw)).toEqual([
      'entities.company.optional: must be boolean (true: a row whose key cells are empty has no such entity)',
      'links[0].type: must be string or object (a column name, {"column", ...} to read and translate a cell, or a constant {"value"})',
    ]);
  });

  it('refuses patterns that are not regular expressions and formats it cannot read', () => {
    const raw = fixture('registry.mapping.json');
    raw.links[0].type = { column: 'Status', patterns: [{ match: '(own', value: 'OWNS' }] };
    raw.links[0].since = { column: 'Since', format: ['DD.MM.YYYY', 'DD.MM'] };
    raw.entities.company.name = { column: 'Company', format: 'YYYY' };
    raw.links[1].type = { column: 'Status', default: 'KNOWS' };
    expect(problemsOf(raw)).toEqual([
      'entities.company.name.format: only dates have a format (since, until, on, birthDate, founded)',
      expect.stringMatching(
        /^links\[0\]\.type\.patterns\[0\]\.match: is not a regular expression: /,
      ),
      'links[0].since.format[1]: "DD.MM" has no year (YYYY or YY)',
      expect.stringMatching(/^links\[1\]\.type: unknown link type "KNOWS"; allowed: FOUNDED/),
    ]);
  });

  it('suggests only keys that are close', () => {
    expect(nearestKey('delimeter', ['delimiter', 'dataset'])).toBe('delimiter');
    expect(nearestKey('Aliases', ['aliases', 'name'])).toBe('aliases');
    expect(nearestKey('collumn', ['column', 'map'])).toBe('column');
    expect(nearestKey('banana', ['column', 'map'])).toBeNull();
  });
});
