/**
 * Makes sure dist/client holds a build of the current client sources, building it with Vite's
 * JS API when it is missing or stale. A hash of the inputs is stored beside the build; a lock
 * directory keeps two test runs in the same tree from building over each other.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = path.join(ROOT, 'dist/client');
const STAMP = path.join(DIST, '.build-inputs');
const LOCK = path.join(ROOT, 'dist/.client-build.lock');
/** A lock older than this was left by a crashed run. */
const STALE_LOCK_MS = 5 * 60_000;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** A hash of everything the build reads: client sources, Vite config and locked versions. */
export function clientInputsHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...filesUnder(path.join(ROOT, 'client')),
    path.join(ROOT, 'vite.config.ts'),
    path.join(ROOT, 'package-lock.json'),
  ].sort();
  for (const file of files) {
    hash.update(path.relative(ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function isFresh(inputs: string): boolean {
  return (
    existsSync(path.join(DIST, 'index.html')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === inputs
  );
}

async function acquireLock(): Promise<void> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) {
        rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > STALE_LOCK_MS) throw new Error(`Timed out waiting for ${LOCK}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Returns true when it had to build. */
export async function ensureClientBuilt(): Promise<boolean> {
  const inputs = clientInputsHash();
  if (isFresh(inputs)) return false;
  await acquireLock();
  try {
    if (isFresh(inputs)) return false; // another run built it while we waited
    const { build } = await import('vite');
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
    writeFileSync(STAMP, inputs);
    return true;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
