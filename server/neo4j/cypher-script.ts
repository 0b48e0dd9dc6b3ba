/**
 * Runs the Cypher files in `cypher/`: splits them into statements (respecting quotes and
 * comments) and sends each in its own transaction, because schema commands cannot share a
 * transaction with writes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

export const CYPHER_DIR = fileURLToPath(new URL('../../cypher/', import.meta.url));

/** Splits a script on `;` outside string literals, identifiers in backticks and comments. */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < script.length; i++) {
    const char = script[i] as string;
    const next = script[i + 1];
    if (quote) {
      current += char;
      if (char === '\\' && quote !== '`') {
        current += next ?? '';
        i++;
      } else if (char === quote) {
        quote = null;
      }
    } else if (char === '/' && next === '/') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end - 1;
    } else if (char === "'" || char === '"' || char === '`') {
      quote = char;
      current += char;
    } else if (char === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

export async function runCypherFile(db: Database, fileName: string): Promise<number> {
  const statements = splitStatements(readFileSync(`${CYPHER_DIR}${fileName}`, 'utf8'));
  for (const statement of statements) {
    await db.write(statement);
  }
  return statements.length;
}

/** Applies the schema, then the seed story. Both are idempotent. */
export async function applySchemaAndSeed(db: Database): Promise<void> {
  await runCypherFile(db, 'schema.cypher');
  // Index creation is asynchronous; the full-text index must be online before searches.
  await db.write('CALL db.awaitIndexes(60)');
  await runCypherFile(db, 'seed.cypher');
}

/** True when the database holds no entities yet. */
export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db.read<{ present: boolean }>(
    'OPTIONAL MATCH (e:Entity) WITH e LIMIT 1 RETURN e IS NOT NULL AS present',
  );
  return !rows[0]?.present;
}
