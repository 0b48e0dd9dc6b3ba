/**
 * A checksum of every node (labels and properties) and every relationship (type, end ids and
 * properties) in the database, independent of internal ids and of order: two graphs with the
 * same checksum hold the same data.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../server/neo4j/database';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function graphChecksum(db: Database): Promise<{ hash: string; items: number }> {
  const nodes = await db.read<{ labels: string[]; props: Record<string, unknown> }>(
    'MATCH (n) RETURN labels(n) AS labels, properties(n) AS props',
  );
  const rels = await db.read<Record<string, unknown>>(
    `MATCH (a)-[r]->(b)
     RETURN type(r) AS type, properties(a) AS from, properties(b) AS to, properties(r) AS props`,
  );
  const lines = [
    ...nodes.map((n) => canonical({ labels: [...n.labels].sort(), props: n.props })),
    ...rels.map(canonical),
  ].sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return { hash: hash.digest('hex'), items: lines.length };
}
