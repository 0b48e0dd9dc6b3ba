/**
 * Cypher map projections shared by every read, and the functions that turn their rows into
 * records. Keeping both sides here means a query and its mapper cannot drift apart.
 */
import { unpackCitations } from '../model/citations';
import type { EntityRecord, LinkRecord, SourceRecord } from '../model/types';
import type { EntityKind, LinkStatus, LinkType } from '../model/vocabulary';

/**
 * Cypher: how many links `n` has. All its relationships less the RECORD_OF and SAME_AS that join
 * records into identities, which are no links; both counts come from the node store's degrees.
 */
export function linkDegree(n: string): string {
  return `(COUNT { (${n})--() } - COUNT { (${n})-[:RECORD_OF|SAME_AS]-() })`;
}

/** `entityProjection('n')` → `n { .*, degree: <its links> }`. */
export function entityProjection(variable: string): string {
  return `${variable} { .*, degree: ${linkDegree(variable)} }`;
}

export function linkProjection(variable: string): string {
  return `${variable} { .*, type: type(${variable}), fromId: startNode(${variable}).id, toId: endNode(${variable}).id }`;
}

/** Sources without their full text, which can be long; `Source.text` loads it on demand. */
export function sourceSummaryProjection(variable: string): string {
  return `${variable} { .id, .title, .kind, .publisher, .url, .published, .language, .retrievedAt, .licence }`;
}

/**
 * A sub-query fragment: given a list of relationships in `relsVariable`, binds `sources` to the
 * distinct Source summaries they cite. Use inside `CALL (relsVariable) { ... }`.
 */
export function citedSourcesSubquery(relsVariable: string, extraIds = '[]'): string {
  return `CALL (${relsVariable}) {
    UNWIND reduce(ids = ${extraIds}, r IN ${relsVariable} | ids + coalesce(r.citationSourceIds, [])) AS sid
    WITH DISTINCT sid
    MATCH (s:Source {id: sid})
    RETURN collect(${sourceSummaryProjection('s')}) AS sources
  }`;
}

type Row = Record<string, unknown>;

function text(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}

export function toEntity(row: Row): EntityRecord {
  return {
    id: String(row.id),
    kind: row.kind as EntityKind,
    name: String(row.name ?? row.id),
    aliases: Array.isArray(row.aliases) ? row.aliases.map(String) : [],
    description: text(row.description),
    country: text(row.country),
    citations: unpackCitations(row),
    degree: Number(row.degree ?? 0),
    properties: row,
  };
}

export function toLink(row: Row): LinkRecord {
  return {
    id: String(row.id),
    type: row.type as LinkType,
    fromId: String(row.fromId),
    toId: String(row.toId),
    status: (row.status ?? 'asserted') as LinkStatus,
    since: text(row.since),
    until: text(row.until),
    on: text(row.on),
    validFrom: text(row.validFrom),
    validTo: text(row.validTo),
    citations: unpackCitations(row),
    properties: row,
  };
}

export function toSource(row: Row): SourceRecord {
  const source: SourceRecord = {
    id: String(row.id),
    title: String(row.title ?? row.id),
    kind: text(row.kind),
    publisher: text(row.publisher),
    url: text(row.url),
    published: text(row.published),
    language: text(row.language),
    retrievedAt: text(row.retrievedAt),
    licence: text(row.licence),
  };
  if ('text' in row) source.text = text(row.text);
  return source;
}
