import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStaticFile } from '../../../server/http/static-files';

const root = mkdtempSync(path.join(tmpdir(), 'threadline-static-'));
mkdirSync(path.join(root, 'assets'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
writeFileSync(path.join(root, 'assets', 'app-1.js'), 'export {}');
const outside = path.join(path.dirname(root), `${path.basename(root)}-outside.txt`);
writeFileSync(outside, 'secret');

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { force: true });
});

describe('the built client on disk', () => {
  it('serves the page at / and its assets as immutable', () => {
    expect(readStaticFile('/', root)?.contentType).toContain('text/html');
    expect(readStaticFile('/?view=x', root)?.contentType).toContain('text/html');
    expect(readStaticFile('/assets/app-1.js', root)).toMatchObject({ immutable: true });
  });

  it('answers a path it does not have with nothing (a 404), not with the page', () => {
    // With the page as a fallback, `/x?query=…&y=/graphql` answered 200: the front door's
    // "only /graphql is GraphQL" test then passed or failed depending on whether a build existed.
    for (const target of ['/x', '/graphql/', '/anything/graphql', '/assets/missing.js']) {
      expect(readStaticFile(target, root), target).toBeNull();
    }
  });

  it('never reads outside its folder, however the path is spelled', () => {
    const name = path.basename(outside);
    for (const target of [`/../${name}`, `/%2e%2e/${name}`, `/assets/../../${name}`]) {
      expect(readStaticFile(target, root), target).toBeNull();
    }
    expect(readStaticFile('/%ZZ', root)).toBeNull();
  });
});
