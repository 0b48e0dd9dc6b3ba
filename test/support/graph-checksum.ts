/**
 * Checksums of a graph's content: every node (labels, properties) and relationship (type, the
 * ids of its ends, properties), as sorted canonical lines, so two stores can be compared
 * whatever their internal ids. Write timestamps differ between runs and are left out.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../server/neo4j/database';

const VOLATILE = new Set(['createdAt', 'updatedAt']);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !VOLATILE.has(k))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

export interface GraphContent {
  nodes: string[];
  relationships: string[];
  checksum: string;
}

/** Which nodes to compare: ids starting with one of `prefixes`, or listed in `ids`. */
export interface NodeSelection {
  prefixes: readonly string[];
  ids: readonly string[];
}

/** The content of the selected nodes and of the relationships among them. */
export async function graphContent(db: Database, selection: NodeSelection): Promise<GraphContent> {
  const selected = (n: string) =>
    `(${n}.id IN $ids OR any(p IN $prefixes WHERE ${n}.id STARTS WITH p))`;
  const params = { prefixes: [...selection.prefixes], ids: [...selection.ids] };
  const nodes = await db.read<{ labels: string[]; properties: Record<string, unknown> }>(
    `MATCH (n) WHERE ${selected('n')} RETURN labels(n) AS labels, properties(n) AS properties`,
    params,
  );
  const relationships = await db.read<{
    type: string;
    from: string;
    to: string;
    properties: Record<string, unknown>;
  }>(
    `MATCH (a)-[r]->(b) WHERE ${selected('a')} AND ${selected('b')}
     RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS properties`,
    params,
  );
  const nodeLines = nodes
    .map((n) => JSON.stringify([[...n.labels].sort(), canonical(n.properties)]))
    .sort();
  const relationshipLines = relationships
    .map((r) => JSON.stringify([r.type, r.from, r.to, canonical(r.properties)]))
    .sort();
  const hash = createHash('sha256');
  for (const line of [...nodeLines, '--', ...relationshipLines]) hash.update(`${line}\n`);
  return { nodes: nodeLines, relationships: relationshipLines, checksum: hash.digest('hex') };
}

/** Every node and relationship in the database (for a store that holds only an import). */
export async function countAll(db: Database): Promise<{ nodes: number; relationships: number }> {
  const [row] = await db.read<{ nodes: number; relationships: number }>(
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  return row ?? { nodes: 0, relationships: 0 };
}

/** The checksum of the whole graph: every node with an id and every relationship among them. */
export async function wholeGraphChecksum(db: Database): Promise<string> {
  return (await graphContent(db, { prefixes: [''], ids: [] })).checksum;
}
