/**
 * All runtime settings, read once from the environment. Every other module receives a `Config`
 * instead of reading `process.env`, so tests can build one explicitly.
 */

export interface Neo4jConnection {
  /** bolt:// for one server, neo4j:// for a cluster or Aura (routing). */
  uri: string;
  user: string;
  password: string;
  database: string;
}

export interface LocalNeo4jSettings {
  /** Store directory of the embedded database started when NEO4J_URI is unset. */
  dataDir: string;
  /** Bolt port on 127.0.0.1. */
  port: number;
  /** JVM heap, e.g. 512m. */
  heap: string;
  /** Neo4j page cache, e.g. 256m. */
  pageCache: string;
}

export interface Config {
  host: string;
  port: number;
  /** Set when the user points Threadline at an existing database; null starts the local one. */
  neo4j: Neo4jConnection | null;
  local: LocalNeo4jSettings;
  /** Database name used when connecting to the local launcher. */
  database: string;
  /** Upper bound for every read transaction, in milliseconds. */
  queryTimeoutMs: number;
  /** Serve GraphiQL and allow introspection. */
  introspection: boolean;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}".`);
}

const NEO4J_SCHEMES = ['bolt:', 'bolt+s:', 'bolt+ssc:', 'neo4j:', 'neo4j+s:', 'neo4j+ssc:'];

function neo4jConnection(env: Env): Neo4jConnection | null {
  const uri = env.NEO4J_URI;
  if (uri === undefined || uri === '') return null;
  let scheme: string;
  try {
    scheme = new URL(uri).protocol;
  } catch {
    throw new ConfigError(`NEO4J_URI is not a URI: "${uri}".`);
  }
  if (!NEO4J_SCHEMES.includes(scheme)) {
    throw new ConfigError(
      `NEO4J_URI must start with one of ${NEO4J_SCHEMES.map((s) => `${s}//`).join(', ')}; got "${uri}".`,
    );
  }
  return {
    uri,
    user: env.NEO4J_USER || 'neo4j',
    password: env.NEO4J_PASSWORD ?? '',
    database: env.NEO4J_DATABASE || 'neo4j',
  };
}

export function loadConfig(env: Env = process.env): Config {
  return {
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 4000, 0, 65535),
    neo4j: neo4jConnection(env),
    local: {
      dataDir: env.THREADLINE_DATA_DIR || '.data/neo4j',
      port: integer(env, 'NEO4J_LOCAL_PORT', 7687, 0, 65535),
      heap: env.NEO4J_LOCAL_HEAP || '1g',
      pageCache: env.NEO4J_LOCAL_PAGE_CACHE || '512m',
    },
    database: env.NEO4J_DATABASE || 'neo4j',
    queryTimeoutMs: integer(env, 'THREADLINE_QUERY_TIMEOUT_MS', 15_000, 100, 600_000),
    introspection: flag(env, 'THREADLINE_INTROSPECTION', true),
  };
}
