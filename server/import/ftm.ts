/**
 * FollowTheMoney JSON lines (the format of OpenSanctions and Aleph exports): one entity per line,
 * `{"id", "schema", "properties": {name: [...], ...}}`, every property value a list of strings.
 *
 * Things become entities, relationship schemata become links (FtM's `edge` source → target),
 * a Sanction becomes a LISTED_ON link to one GovernmentList per authority and program, a Payment
 * a dated PAID link, and a thing's `addressEntity` a HAS_ADDRESS link to that Address.
 * Ids keep the FtM id behind the mapping's prefix, so a newer export updates the same records.
 * Schemata without a mapping here are returned as `unsupported` and counted, never dropped
 * silently.
 */
import { createInterface } from 'node:readline';
import { PARTIAL_DATE_FORMAT, parsePartialDate, validityWindow } from '../model/partial-date';
import type { CitationRecord } from '../model/types';
import type { EntityKind, LinkType } from '../model/vocabulary';
import { stableId } from './ids';
import { type ImportInput, textStream } from './input';
import { JsonSyntaxError, parseJsonText } from './json-text';
import type { FtmMapping } from './mapping';
import type { EntityWrite, LinkWrite, PropertyValue, RowProblem, RowWrites } from './types';

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

export type FtmLine =
  | { kind: 'entity'; line: number; entity: FtmEntity }
  | { kind: 'problem'; problem: RowProblem };

/** Thing schemata → entity kinds. */
export const FTM_ENTITY_KINDS: Record<string, EntityKind> = {
  Person: 'Person',
  Company: 'Company',
  Organization: 'Organization',
  PublicBody: 'Ministry',
  LegalEntity: 'Organization',
  Position: 'Position',
  Address: 'Address',
};

interface EdgeRule {
  type: LinkType;
  source: string;
  target: string;
  /** FtM property → link property. */
  properties: Record<string, string>;
  /** An event (a payment, a succession): its `date` becomes the link's `on`. */
  event?: true;
}

/** Relationship schemata → link types, with FtM's edge source and target properties. */
export const FTM_EDGES: Record<string, EdgeRule> = {
  Ownership: {
    type: 'OWNS',
    source: 'owner',
    target: 'asset',
    properties: { percentage: 'share' },
  },
  Directorship: {
    type: 'LEADS',
    source: 'director',
    target: 'organization',
    properties: { role: 'role' },
  },
  Membership: { type: 'MEMBER_OF', source: 'member', target: 'organization', properties: {} },
  Employment: {
    type: 'EMPLOYED_BY',
    source: 'employee',
    target: 'employer',
    properties: { role: 'role' },
  },
  Family: {
    type: 'FAMILY_OF',
    source: 'person',
    target: 'relative',
    properties: { relationship: 'relation' },
  },
  Associate: {
    type: 'ASSOCIATE_OF',
    source: 'person',
    target: 'associate',
    properties: { relationship: 'relation' },
  },
  Occupancy: { type: 'HOLDS_POSITION', source: 'holder', target: 'post', properties: {} },
  Payment: {
    type: 'PAID',
    source: 'payer',
    target: 'beneficiary',
    properties: { amount: 'amount', currency: 'currency', purpose: 'purpose' },
    event: true,
  },
  // The successor took over from the predecessor: the model's subject → object order.
  Succession: {
    type: 'SUCCEEDED',
    source: 'successor',
    target: 'predecessor',
    properties: {},
    event: true,
  },
  // The model has no closer type for these; the role's words stay in the link's note.
  Representation: {
    type: 'AFFILIATED_WITH',
    source: 'agent',
    target: 'client',
    properties: { role: 'note' },
  },
  UnknownLink: {
    type: 'AFFILIATED_WITH',
    source: 'subject',
    target: 'object',
    properties: { role: 'note' },
  },
};

export const FTM_SUPPORTED = [
  ...Object.keys(FTM_ENTITY_KINDS),
  ...Object.keys(FTM_EDGES),
  'Sanction',
];

/** The schema's entry in one of the tables above; own keys only, so "constructor" finds none. */
function ruleFor<T>(table: Record<string, T>, schema: string): T | undefined {
  return Object.hasOwn(table, schema) ? table[schema] : undefined;
}

export function isFtmEdge(schema: string): boolean {
  return ruleFor(FTM_EDGES, schema) !== undefined || schema === 'Sanction';
}

/** Streams a JSON-lines file; a line that is not an FtM entity comes out as a problem. */
export async function* readFtm(
  input: ImportInput,
  onBytes?: (bytes: number, total: number | null) => void,
): AsyncGenerator<FtmLine> {
  // A file or a URL; readline ends a line at LF, CRLF or CR, so line numbers are an editor's.
  const stream = textStream(input, onBytes);
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = parseJsonText(text);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      yield {
        kind: 'problem',
        problem: { line, reason: `is not JSON: column ${error.column}: ${error.reason}` },
      };
      continue;
    }
    const entity = value as Partial<FtmEntity> | null;
    if (
      typeof entity !== 'object' ||
      entity === null ||
      typeof entity.id !== 'string' ||
      entity.id === ''
    ) {
      yield { kind: 'problem', problem: { line, reason: 'missing key: no "id"' } };
      continue;
    }
    if (typeof entity.schema !== 'string' || entity.schema === '') {
      yield { kind: 'problem', problem: { line, reason: `entity ${entity.id} has no "schema"` } };
      continue;
    }
    const raw = typeof entity.properties === 'object' && entity.properties ? entity.properties : {};
    // fromEntries keeps a property named "__proto__" an own key instead of a new prototype.
    const properties: Record<string, string[]> = Object.fromEntries(
      Object.entries(raw).map(([key, values]) => [
        key,
        (Array.isArray(values) ? values : [values])
          .filter((v) => typeof v === 'string' || typeof v === 'number')
          .map(String),
      ]),
    );
    yield { kind: 'entity', line, entity: { id: entity.id, schema: entity.schema, properties } };
  }
}

class Rejected extends Error {}

const first = (entity: FtmEntity, property: string): string | null => {
  const value = entity.properties[property]?.find((v) => v.trim() !== '');
  return value === undefined ? null : value.trim();
};

/** FtM dates may carry a time ("2021-01-14T10:00:00"); the day is what we keep. */
function ftmDate(entity: FtmEntity, property: string): string | null {
  const value = first(entity, property);
  if (value === null) return null;
  const date = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(value)?.[0] ?? value;
  if (!parsePartialDate(date)) {
    throw new Rejected(
      `unparseable date "${value}" in ${property}; expected ${PARTIAL_DATE_FORMAT}`,
    );
  }
  return date;
}

/** The FtM properties a fact rests on, as they appear in the data: `field: v1; v2 | ...`. */
function excerptOf(entity: FtmEntity, properties: readonly string[]): string {
  return properties
    .filter((p) => (entity.properties[p] ?? []).length > 0)
    .map((p) => `${p}: ${(entity.properties[p] ?? []).join('; ')}`)
    .join(' | ');
}

function citationOf(
  mapping: FtmMapping,
  entity: FtmEntity,
  line: number,
  properties: readonly string[],
): CitationRecord {
  const url = first(entity, 'sourceUrl');
  return {
    sourceId: mapping.dataset.id,
    excerpt: `schema: ${entity.schema} | ${excerptOf(entity, properties)}`,
    locator: url ? `line ${line}, ${url}` : `line ${line}`,
  };
}

const NAME_PROPERTIES = ['name', 'alias', 'previousName'];
const ADDRESS_PROPERTIES = ['full', 'street', 'street2', 'postalCode', 'city', 'region', 'country'];

/** An Address's name: its `full` text, else its parts in postal order. */
function addressName(entity: FtmEntity): string | null {
  const full = first(entity, 'full');
  if (full) return full;
  const city = [first(entity, 'postalCode'), first(entity, 'city')].filter(Boolean).join(' ');
  const parts = [first(entity, 'street'), first(entity, 'street2'), city, first(entity, 'region')];
  return parts.filter(Boolean).join(', ') || null;
}

function thingWrite(
  mapping: FtmMapping,
  entity: FtmEntity,
  line: number,
  kind: EntityKind,
): EntityWrite {
  const names = NAME_PROPERTIES.flatMap((p) => entity.properties[p] ?? [])
    .map((n) => n.trim())
    .filter(Boolean);
  if (kind === 'Address') names.unshift(addressName(entity) ?? '');
  const name = names.find(Boolean);
  if (!name) throw new Rejected(`entity ${entity.id} (${entity.schema}) has no name`);
  const properties: Record<string, PropertyValue> = {};
  const set = (property: string, value: string | null) => {
    if (value !== null) properties[property] = value;
  };
  set('description', first(entity, 'description') ?? first(entity, 'summary'));
  set(
    'country',
    first(entity, 'country') ?? first(entity, 'jurisdiction') ?? first(entity, 'nationality'),
  );
  if (kind === 'Person') {
    set('birthDate', ftmDate(entity, 'birthDate'));
    set('nationality', first(entity, 'nationality'));
  }
  if (kind === 'Company' || kind === 'Organization') {
    set('founded', ftmDate(entity, 'incorporationDate'));
    set('jurisdiction', first(entity, 'jurisdiction'));
  }
  if (kind === 'Company') set('website', first(entity, 'website'));
  if (kind === 'Ministry' || kind === 'Position')
    set('jurisdiction', first(entity, 'jurisdiction') ?? first(entity, 'country'));
  return {
    id: `${mapping.idPrefix}${entity.id}`,
    kind,
    name,
    aliases: [...new Set(names.slice(1))].filter((n) => n && n !== name),
    properties,
    citations: [
      citationOf(mapping, entity, line, kind === 'Address' ? ADDRESS_PROPERTIES : NAME_PROPERTIES),
    ],
    line,
  };
}

/**
 * The HAS_ADDRESS links of a thing, one per `addressEntity`. They are written with the
 * relationships (the second pass), when every Address of the file exists; null when there are
 * none or the thing itself could not be imported.
 */
export function ftmAddressLinks(
  mapping: FtmMapping,
  entity: FtmEntity,
  line: number,
): RowWrites | null {
  const kind = ruleFor(FTM_ENTITY_KINDS, entity.schema);
  const addresses = [...new Set(entity.properties.addressEntity ?? [])].filter((a) => a.trim());
  if (!kind || kind === 'Address' || addresses.length === 0) return null;
  try {
    thingWrite(mapping, entity, line, kind);
  } catch (error) {
    if (error instanceof Rejected) return null; // already reported in the first pass
    throw error;
  }
  const fromId = `${mapping.idPrefix}${entity.id}`;
  const citation = citationOf(mapping, entity, line, ['name', 'addressEntity']);
  const links = addresses.map((address) =>
    linkWrite(
      entity,
      line,
      'HAS_ADDRESS',
      {
        id: `${fromId}:address:${address.trim()}`,
        fromId,
        toId: `${mapping.idPrefix}${address.trim()}`,
      },
      { since: null, until: null, on: null },
      {},
      citation,
    ),
  );
  return { line, entities: [], links };
}

function linkWrite(
  entity: FtmEntity,
  line: number,
  type: LinkType,
  ends: { id: string; fromId: string; toId: string },
  dates: { since: string | null; until: string | null; on: string | null },
  properties: Record<string, PropertyValue | null>,
  citation: CitationRecord,
): LinkWrite {
  let window: { validFrom: string | null; validTo: string | null };
  try {
    window = validityWindow(dates);
  } catch (error) {
    throw new Rejected(`${entity.schema} ${entity.id}: ${(error as Error).message}`);
  }
  return {
    ...ends,
    type,
    status: 'asserted',
    ...dates,
    ...window,
    properties,
    citations: [citation],
    line,
  };
}

function edgeWrites(
  mapping: FtmMapping,
  entity: FtmEntity,
  line: number,
  rule: EdgeRule,
): RowWrites {
  const from = first(entity, rule.source);
  const to = first(entity, rule.target);
  if (!from) throw new Rejected(`missing key: ${entity.schema} ${entity.id} has no ${rule.source}`);
  if (!to) throw new Rejected(`missing key: ${entity.schema} ${entity.id} has no ${rule.target}`);
  const properties: Record<string, PropertyValue | null> = {};
  for (const [ftmProperty, property] of Object.entries(rule.properties)) {
    const value = first(entity, ftmProperty);
    if ((property === 'share' || property === 'amount') && value !== null) {
      const number = Number(value.replace(/[%,\s]/g, ''));
      if (!Number.isFinite(number)) throw new Rejected(`${ftmProperty} "${value}" is not a number`);
      properties[property] = number;
    } else if (property === 'currency' && value !== null) {
      properties[property] = value.toUpperCase();
    } else properties[property] = value;
  }
  const since = ftmDate(entity, 'startDate');
  const until = ftmDate(entity, 'endDate');
  const on = rule.event ? ftmDate(entity, 'date') : null;
  const cited = [
    rule.source,
    rule.target,
    ...Object.keys(rule.properties),
    ...(rule.event ? ['date'] : []),
    'startDate',
    'endDate',
  ];
  const link = linkWrite(
    entity,
    line,
    rule.type,
    {
      id: `${mapping.idPrefix}${entity.id}`,
      fromId: `${mapping.idPrefix}${from}`,
      toId: `${mapping.idPrefix}${to}`,
    },
    { since, until, on },
    properties,
    citationOf(mapping, entity, line, cited),
  );
  return { line, entities: [], links: [link] };
}

function sanctionWrites(mapping: FtmMapping, entity: FtmEntity, line: number): RowWrites {
  const target = first(entity, 'entity');
  if (!target) throw new Rejected(`missing key: Sanction ${entity.id} has no entity`);
  const authority = first(entity, 'authority');
  const program = first(entity, 'program');
  if (!authority && !program) {
    throw new Rejected(`missing key: Sanction ${entity.id} has neither authority nor program`);
  }
  const listId = stableId(`${mapping.idPrefix}list:`, [authority ?? 'unknown', program ?? 'all']);
  if (!listId)
    throw new Rejected(`Sanction ${entity.id}: authority/program has no letters or digits`);
  const list: EntityWrite = {
    id: listId,
    kind: 'GovernmentList',
    name: authority && program ? `${program} (${authority})` : (authority ?? program ?? ''),
    aliases: [],
    properties: program ? { program } : {},
    citations: [citationOf(mapping, entity, line, ['authority', 'program'])],
    line,
  };
  const link = linkWrite(
    entity,
    line,
    'LISTED_ON',
    { id: `${mapping.idPrefix}${entity.id}`, fromId: `${mapping.idPrefix}${target}`, toId: listId },
    {
      since: ftmDate(entity, 'listingDate') ?? ftmDate(entity, 'startDate'),
      until: ftmDate(entity, 'endDate'),
      on: null,
    },
    { reason: first(entity, 'reason'), program },
    citationOf(mapping, entity, line, [
      'entity',
      'authority',
      'program',
      'reason',
      'listingDate',
      'startDate',
      'endDate',
    ]),
  );
  return { line, entities: [list], links: [link] };
}

export type FtmMapped =
  | { kind: 'writes'; writes: RowWrites }
  | { kind: 'problem'; problem: RowProblem }
  | { kind: 'unsupported'; schema: string };

/** Maps one FtM entity: things in the first pass, relationships (`edges`) in the second. */
export function mapFtmEntity(mapping: FtmMapping, entity: FtmEntity, line: number): FtmMapped {
  try {
    const kind = ruleFor(FTM_ENTITY_KINDS, entity.schema);
    if (kind) {
      return {
        kind: 'writes',
        writes: { line, entities: [thingWrite(mapping, entity, line, kind)], links: [] },
      };
    }
    const rule = ruleFor(FTM_EDGES, entity.schema);
    if (rule) return { kind: 'writes', writes: edgeWrites(mapping, entity, line, rule) };
    if (entity.schema === 'Sanction')
      return { kind: 'writes', writes: sanctionWrites(mapping, entity, line) };
    return { kind: 'unsupported', schema: entity.schema };
  } catch (error) {
    if (error instanceof Rejected)
      return { kind: 'problem', problem: { line, reason: error.message } };
    throw error;
  }
}
