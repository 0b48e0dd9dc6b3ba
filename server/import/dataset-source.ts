/** Writes the dataset's `:Source` node, which every imported entity and link cites. */
import type { Database } from '../neo4j/database';
import type { WriteOutcome } from './batch-writer';
import type { DatasetSource } from './types';

export function sourceProperties(source: DatasetSource): Record<string, string> {
  const properties: Record<string, string> = { kind: 'dataset' };
  for (const [key, value] of Object.entries(source)) {
    if (key !== 'id' && value !== null) properties[key] = value;
  }
  return properties;
}

export async function writeDatasetSource(
  db: Database,
  source: DatasetSource,
): Promise<WriteOutcome> {
  const [row] = await db.write<{ outcome: WriteOutcome }>(
    `OPTIONAL MATCH (old:Source {id: $id})
     WITH old, CASE WHEN old IS NULL THEN 'created'
       WHEN any(k IN keys($properties) WHERE NOT coalesce(old[k] = $properties[k], false))
       THEN 'updated' ELSE 'unchanged' END AS outcome
     MERGE (s:Source {id: $id})
     SET s += $properties
     RETURN outcome`,
    { id: source.id, properties: sourceProperties(source) },
  );
  return row?.outcome ?? 'unchanged';
}
