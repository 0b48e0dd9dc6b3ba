/** Serves the built client (dist/client) at `/`; a path it does not have is a 404, not the page. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLIENT_DIST = fileURLToPath(new URL('../../dist/client/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  /** Hashed asset names never change, so they may be cached for long. */
  immutable: boolean;
}

/** Resolves a URL path to a file inside CLIENT_DIST; never outside it. */
export function readStaticFile(urlPath: string, root = CLIENT_DIST): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  // The explorer keeps its state in the query string, never in the path, so only `/` is the page.
  const normalized = path.posix.normalize(`/${decoded}`);
  const file = path.resolve(root, `.${normalized === '/' ? '/index.html' : normalized}`);
  const inside = file.startsWith(path.resolve(root) + path.sep);
  if (!inside || !existsSync(file) || !statSync(file).isFile()) return null;
  return {
    body: readFileSync(file),
    contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    immutable: file.includes(`${path.sep}assets${path.sep}`),
  };
}
