/**
 * The server's model (server/model: vocabulary, checks, domain errors) is the bottom layer: it
 * imports nothing of the GraphQL layer, the HTTP layer, the data functions or the driver, so any
 * of them (and the importer, and the command-line tools) can use it. Read from the files' import
 * statements.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = resolve(import.meta.dirname, '../../../server');

function relativeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/\b(?:from|import)\s*\(?\s*['"](\.[^'"]*)['"]/g)].map(
    (m) => m[1] ?? '',
  );
}

describe('server module boundaries', () => {
  it('server/model/ imports only from server/model/ (and packages)', () => {
    const files = readdirSync(join(SERVER, 'model')).filter((name) => name.endsWith('.ts'));
    expect(files).toContain('investigation.ts');
    const crossing = files.flatMap((name) => {
      const file = join(SERVER, 'model', name);
      return relativeImports(file)
        .map((spec) => relative(SERVER, resolve(dirname(file), spec)))
        .filter((target) => !target.startsWith(`model/`) && !target.startsWith('model\\'))
        .map((target) => `model/${name} → ${target}`);
    });
    expect(crossing).toEqual([]);
  });
});
