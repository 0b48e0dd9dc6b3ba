/**
 * The joined view of the graph: a record that SAME judgements joined into an identity answers as
 * that identity, one node whose id is the identity's id and whose `records` are its members.
 * Nothing is copied or moved in the graph: the view is built from the records at read time, and
 * every link stays on (and keeps citing) the record it was written on. See docs/decisions.md.
 */
import type { EntityRecord } from '../model/types';
import { entityProjection, toEntity } from './projections';

/**
 * Cypher: `records` bound to the records `idExpr` names — the record itself when it is in no
 * identity; every member when it is a record of an identity or the identity's own id — and
 * `identity` to that identity (or null). Empty when the id names nothing.
 */
export function recordsOfId(idExpr: string, records: string, identity: string): string {
  return `CALL (${freeVariables(idExpr)}) {
    OPTIONAL MATCH (found:Entity {id: ${idExpr}})
    OPTIONAL MATCH (byId:Identity {id: ${idExpr}})
    WITH found, coalesce(byId, head([(found)-[:RECORD_OF]->(i:Identity) | i])) AS joined
    RETURN CASE WHEN joined IS NULL THEN [x IN [found] WHERE x IS NOT NULL]
                ELSE [(joined)<-[:RECORD_OF]-(m:Entity) | m] END AS ${records},
           joined AS ${identity}
  }`;
}

/** The variables a CALL needs to import for `idExpr`: a parameter needs none, else a variable. */
function freeVariables(idExpr: string): string {
  return idExpr.startsWith('$') ? '' : idExpr;
}

/**
 * Cypher, after a neighbourhood level: the other records of the identities of the `frontier`
 * join `seen` and the frontier at no cost in depth (an identity is one node).
 */
export const SIBLINGS_JOIN = `CALL (frontier, seen) {
    UNWIND frontier AS f
    MATCH (f)-[:RECORD_OF]->(:Identity)<-[:RECORD_OF]-(m:Entity)
    WITH DISTINCT m WHERE NOT m IN seen
    RETURN collect(m) AS siblings
  }
  WITH expanded, seen + siblings AS seen, frontier + siblings AS frontier`;

/**
 * Cypher: a record `n` projected with what the view needs: `{record, identity}`, the identity
 * (null when it is in none) with its id and the other records, its `siblings`. One RECORD_OF
 * expansion per record: most records are in no identity, and a neighbourhood projects hundreds.
 */
export function nodeProjection(n: string): string {
  return `{record: ${entityProjection(n)},
    identity: head([(${n})-[:RECORD_OF]->(i:Identity) | {id: i.id,
      siblings: [(i)<-[:RECORD_OF]-(m:Entity) WHERE m <> ${n} | ${entityProjection('m')}]}])}`;
}

export interface NodeRow {
  record: Record<string, unknown>;
  identity: { id: string; siblings: Record<string, unknown>[] } | null;
}

/**
 * One entity standing for an identity's records. The representative is the record with the
 * smallest id (the one the identity's id is made from): its name, kind and properties lead;
 * the other records' names become aliases and their properties fill what it lacks. Citations
 * are the records' own, each naming its source. `degree` is the sum of the records' links.
 */
export function identityView(identityId: string, records: readonly EntityRecord[]): EntityRecord {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const [first] = sorted;
  if (!first) throw new Error(`Identity ${identityId} has no records.`);
  const properties: Record<string, unknown> = {};
  for (const record of sorted) {
    for (const [key, value] of Object.entries(record.properties)) {
      if (properties[key] === undefined || properties[key] === null) properties[key] = value;
    }
  }
  const degree = sorted.reduce((sum, r) => sum + r.degree, 0);
  properties.id = identityId;
  properties.degree = degree;
  const names = [...new Set(sorted.flatMap((r) => [r.name, ...r.aliases]))];
  return {
    id: identityId,
    kind: first.kind,
    name: first.name,
    aliases: names.filter((name) => name !== first.name),
    description: sorted.find((r) => r.description)?.description ?? null,
    country: sorted.find((r) => r.country)?.country ?? null,
    citations: sorted.flatMap((r) => r.citations),
    degree,
    properties,
    records: sorted,
  };
}

/** A record as the view shows it: its identity when it has one, else itself. */
export function toNode(row: NodeRow): EntityRecord {
  const record = toEntity(row.record);
  if (!row.identity) return record;
  return identityView(row.identity.id, [record, ...row.identity.siblings.map(toEntity)]);
}

/**
 * The view of many records: one node per identity, in the order first met. `nodeOf` maps each
 * record id to its node's id (itself for a record in no identity).
 */
export function toNodes(rows: readonly NodeRow[]): {
  nodes: EntityRecord[];
  nodeOf: Map<string, string>;
} {
  const nodes = new Map<string, EntityRecord>();
  const nodeOf = new Map<string, string>();
  for (const row of rows) {
    const id = String(row.record.id);
    if (nodeOf.has(id)) continue;
    const node = nodes.get(row.identity?.id ?? id) ?? toNode(row);
    nodes.set(node.id, node);
    for (const record of node.records ?? [node]) nodeOf.set(record.id, node.id);
  }
  return { nodes: [...nodes.values()], nodeOf };
}
