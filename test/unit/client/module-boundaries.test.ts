/**
 * The client's layers depend one way: state/ (the view's pure state) knows nothing of graph/
 * (Cytoscape-facing logic), and neither knows the DOM layers (ui/, controllers/, panels/).
 * graph/ may read state/'s types. Read from the import statements of the files themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLIENT = resolve(import.meta.dirname, '../../../client/src');

/** The module specifiers a file imports (static, re-exports and dynamic imports). */
function importedSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /new\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1] ?? '');
  return found;
}

/** The client folder (state, graph, ui, …) each relative import of `folder`'s files lands in. */
function importsBetweenFolders(folder: string): { file: string; target: string }[] {
  const out: { file: string; target: string }[] = [];
  for (const name of readdirSync(join(CLIENT, folder))) {
    if (!name.endsWith('.ts')) continue;
    const file = join(CLIENT, folder, name);
    for (const spec of importedSpecifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = relative(CLIENT, resolve(dirname(file), spec));
      out.push({ file: `${folder}/${name}`, target: target.split(/[\\/]/)[0] ?? '' });
    }
  }
  return out;
}

describe('client module boundaries', () => {
  it('finds imports in every form they are written', () => {
    const source = [
      "import type { A } from '../graph/a';",
      'import { b } from "./b";',
      "import './side-effect';",
      "export { c } from '../state/c';",
      "const d = await import('../ui/d');",
      "new Worker(new URL('./worker.ts', import.meta.url));",
    ].join('\n');
    expect(importedSpecifiers(source)).toEqual(
      expect.arrayContaining([
        '../graph/a',
        './b',
        './side-effect',
        '../state/c',
        '../ui/d',
        './worker.ts',
      ]),
    );
  });

  it('state/ imports nothing of graph/, ui/, controllers/ or panels/', () => {
    const crossing = importsBetweenFolders('state').filter((i) =>
      ['graph', 'ui', 'controllers', 'panels'].includes(i.target),
    );
    expect(crossing).toEqual([]);
  });

  it('graph/ imports nothing of ui/, controllers/ or panels/ (it may read state/)', () => {
    const files = importsBetweenFolders('graph');
    expect(files.length).toBeGreaterThan(0);
    const crossing = files.filter((i) => ['ui', 'controllers', 'panels'].includes(i.target));
    expect(crossing).toEqual([]);
  });

  it('app.ts is wiring: at most 200 lines', () => {
    const lines = readFileSync(join(CLIENT, 'app.ts'), 'utf8').split('\n').length;
    expect(lines).toBeLessThanOrEqual(200);
  });
});
