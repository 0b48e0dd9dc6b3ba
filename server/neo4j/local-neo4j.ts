/**
 * Builds and runs the embedded Neo4j launcher in `neo4j/` (a small Maven project), for machines
 * without Docker. Used by `npm start`, the test setup and the benchmarks when NEO4J_URI is unset.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const LAUNCHER_DIR = fileURLToPath(new URL('../../neo4j/', import.meta.url));
const READY_LINE = 'THREADLINE_NEO4J_READY';
/** Written by the launcher on first start, owner-readable only (see Launcher.java and docs/security.md). */
export const PASSWORD_FILE = 'neo4j-password';

// From the JVM flags in Neo4j 5.26's own neo4j.conf.
const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
];

export interface LocalNeo4jOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  heap: string;
  pageCache: string;
  /**
   * Register Neo4j Graph Data Science (the jars in neo4j/target/plugins), which the analytics
   * queries need. Off only to run a database without it (tests of that case).
   * @default true
   */
  graphDataScience?: boolean;
  /** Where progress and the database's own output go; defaults to stderr. */
  log?: (line: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  port: number;
  dataDir: string;
  /** Authentication is on: the user and the generated password kept in the data directory. */
  user: string;
  password: string;
  /** Stops the database cleanly (SIGTERM, then waits for the store to close). */
  stop(): Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function launcherIsBuilt(): boolean {
  const marker = launcherMarker();
  if (!existsSync(marker)) return false;
  const sources = Math.max(
    newestMtime(path.join(LAUNCHER_DIR, 'src')),
    statSync(path.join(LAUNCHER_DIR, 'pom.xml')).mtimeMs,
  );
  return statSync(marker).mtimeMs >= sources;
}

/** Compiles the launcher and copies Neo4j's jars; the first run downloads about 150 MB. */
export async function buildLauncher(log: (line: string) => void = defaultLog): Promise<void> {
  if (launcherIsBuilt()) return;
  log('Building the local Neo4j launcher with Maven (the first run downloads ~150 MB of jars)...');
  const progress = new DownloadProgress();
  const timer = setInterval(() => {
    const line = progress.report();
    if (line) log(line);
  }, 2000);
  try {
    await runMaven(progress);
  } finally {
    clearInterval(timer);
  }
  writeFileSync(launcherMarker(), new Date().toISOString());
  log(`Launcher built${progress.files > 0 ? ` (fetched ${progress.summary()})` : ''}.`);
}

function launcherMarker(): string {
  return path.join(LAUNCHER_DIR, 'target', 'lib', '.complete');
}

/** Sums Maven's "Downloaded from ...: URL (12 kB at 3 MB/s)" lines into one progress line. */
class DownloadProgress {
  files = 0;
  private kilobytes = 0;
  private reported = -1;

  read(line: string): void {
    const match = /^\[INFO\] Downloaded from .*\((\d+(?:\.\d+)?) (B|kB|MB)/.exec(line);
    if (!match) return;
    const amount = Number(match[1]);
    this.files += 1;
    this.kilobytes +=
      match[2] === 'MB' ? amount * 1024 : match[2] === 'kB' ? amount : amount / 1024;
  }

  summary(): string {
    return `${this.files} files, ${(this.kilobytes / 1024).toFixed(1)} MB`;
  }

  /** A line when something changed since the last report, else null. */
  report(): string | null {
    if (this.files === this.reported) return null;
    this.reported = this.files;
    return `  downloading Neo4j jars: ${this.summary()}`;
  }
}

function runMaven(progress: DownloadProgress): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const maven = spawn('mvn', ['-B', 'package', '-DskipTests'], {
      cwd: LAUNCHER_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MAVEN_OPTS: process.env.MAVEN_OPTS ?? '-Xmx512m' },
    });
    const tail: string[] = [];
    const onLine = (line: string) => {
      progress.read(line);
      tail.push(line);
      if (tail.length > 60) tail.shift();
    };
    forEachLine(maven.stdout, onLine);
    forEachLine(maven.stderr, onLine);
    maven.on('error', (error) =>
      reject(
        new Error(`Could not run Maven (mvn): ${error.message}. Install Maven and a JDK 17+.`),
      ),
    );
    maven.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`Maven failed (exit ${code}):\n${tail.join('\n')}`));
    });
  });
}

function forEachLine(stream: Readable | null, onLine: (line: string) => void): void {
  let buffered = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    lines.forEach(onLine);
  });
  stream?.on('end', () => {
    if (buffered) onLine(buffered);
  });
}

/** Asks the OS for a port that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function defaultLog(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Starts the embedded Neo4j and resolves once Bolt accepts connections. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? defaultLog;
  await buildLauncher(log);
  const port = options.port === 0 ? await freePort() : options.port;
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const plugins =
    options.graphDataScience === false
      ? []
      : ['--plugin-dir', path.join(LAUNCHER_DIR, 'target', 'plugins')];
  const java = spawn(
    'java',
    [
      `-Xms${options.heap}`,
      `-Xmx${options.heap}`,
      ...JVM_FLAGS,
      '-cp',
      launcherClasspath(),
      'dev.threadline.neo4j.Launcher',
      '--data-dir',
      dataDir,
      '--port',
      String(port),
      '--page-cache',
      options.pageCache,
      ...plugins,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => java.on('exit', (code) => resolve(code)));
  // If this process dies without stopping the database, do not leave an orphan JVM behind.
  const killOnExit = () => java.kill('SIGTERM');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  const uri = await waitForReady(java, exited, log);
  let stopping: Promise<void> | null = null;
  return {
    uri,
    port,
    dataDir,
    user: 'neo4j',
    password: readLocalPassword(dataDir),
    stop() {
      stopping ??= (async () => {
        if (java.exitCode === null) java.kill('SIGTERM');
        await exited;
      })();
      return stopping;
    },
  };
}

/**
 * The launcher's classes and Neo4j's jars (GDS's and the offline importer's included). Without
 * GDS, its jars (those also in target/plugins) are left out: Neo4j then loads no GDS extension,
 * which takes seconds of every start.
 */
export function launcherClasspath(options: { graphDataScience?: boolean } = {}): string {
  const classes = path.join(LAUNCHER_DIR, 'target', 'classes');
  const lib = path.join(LAUNCHER_DIR, 'target', 'lib');
  if (options.graphDataScience !== false) {
    return [classes, path.join(lib, '*')].join(path.delimiter);
  }
  const gds = new Set(readdirSync(path.join(LAUNCHER_DIR, 'target', 'plugins')));
  const jars = readdirSync(lib).filter((jar) => jar.endsWith('.jar') && !gds.has(jar));
  return [classes, ...jars.map((jar) => path.join(lib, jar))].join(path.delimiter);
}

/** The JVM flags Neo4j wants, for other uses of the launcher (the offline importer). */
export const LAUNCHER_JVM_FLAGS: readonly string[] = JVM_FLAGS;

/** The password the launcher generated for a data directory (it exists once Neo4j is ready). */
export function readLocalPassword(dataDir: string): string {
  return readFileSync(path.join(dataDir, PASSWORD_FILE), 'utf8').trim();
}

function waitForReady(
  java: ChildProcess,
  exited: Promise<number | null>,
  log: (line: string) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    let ready = false;
    const onLine = (line: string) => {
      if (!line) return;
      tail.push(line);
      if (tail.length > 60) tail.shift();
      if (!ready && line.startsWith(READY_LINE)) {
        ready = true;
        resolve(line.slice(READY_LINE.length).trim());
      }
    };
    forEachLine(java.stdout, onLine);
    forEachLine(java.stderr, onLine);
    java.on('error', (error) =>
      reject(new Error(`Could not run java: ${error.message}. Install a JDK 17 or newer.`)),
    );
    void exited.then((code) => {
      if (!ready) {
        reject(new Error(`Neo4j exited (code ${code}) before it was ready:\n${tail.join('\n')}`));
      } else if (code !== 0 && code !== 143) {
        log(`Local Neo4j exited with code ${code}.`);
      }
    });
  });
}
