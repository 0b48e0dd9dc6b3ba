/**
 * All runtime settings, read once from the environment. Every other module receives a `Config`
 * instead of reading `process.env`, so tests can build one explicitly.
 */
import { allowedHostNames, normalizeHostName } from './http/allowed-hosts';

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
  /** Who may read and write (server/http/auth.ts). */
  access: AccessSettings;
  /** Abuse limits and browser-facing headers (server/http/security.ts). */
  http: HttpSecuritySettings;
  /** How long SIGTERM waits for in-flight requests before cutting connections. */
  shutdownGraceMs: number;
}

/** A bearer token and the name that writes made with it are recorded under. */
export interface NamedToken {
  name: string;
  token: string;
}

export interface AccessSettings {
  /** Tokens that may write (and read). Empty: the API is read-only. There is no default. */
  writeTokens: NamedToken[];
  /** Tokens that may only read; they matter when `readsRequireToken` is on. */
  readTokens: NamedToken[];
  /** Reads are public unless this is on. */
  readsRequireToken: boolean;
}

export interface HttpSecuritySettings {
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Sustained requests per second per client IP; 0 turns the limit off. */
  rateLimitPerSecond: number;
  /** Requests a client may send in a burst before the sustained rate applies. */
  rateLimitBurst: number;
  /** Take the client IP from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  /** Origins allowed to call the API from a browser on another origin; '*' for any. */
  corsOrigins: string[];
  /**
   * Names accepted in the Host header (server/http/allowed-hosts.ts): loopback, HOST when it is
   * a specific address, and THREADLINE_ALLOWED_HOSTS. Requests for any other name are refused.
   */
  allowedHosts: string[];
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

const TOKEN_NAME = /^[A-Za-z0-9._@-]{1,64}$/;
const MIN_TOKEN_LENGTH = 16;

/** "alice:token1,importer:token2" → named tokens; weak or malformed entries stop the start. */
function namedTokens(env: Env, name: string): NamedToken[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [];
  const tokens = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, index) => {
      const colon = entry.indexOf(':');
      const tokenName = colon > 0 ? entry.slice(0, colon) : '';
      const token = colon > 0 ? entry.slice(colon + 1) : '';
      // Name the entry by its position: without a colon the entry may be a bare token.
      if (!TOKEN_NAME.test(tokenName)) {
        throw new ConfigError(
          `${name} entries must be name:token with a name of letters, digits, . _ @ - (up to 64); entry ${index + 1} is not.`,
        );
      }
      if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
        throw new ConfigError(
          `${name}: the token of "${tokenName}" must be at least ${MIN_TOKEN_LENGTH} characters without spaces (e.g. from "openssl rand -hex 32").`,
        );
      }
      return { name: tokenName, token };
    });
  return tokens;
}

function accessSettings(env: Env): AccessSettings {
  const writeTokens = namedTokens(env, 'THREADLINE_WRITE_TOKENS');
  const readTokens = namedTokens(env, 'THREADLINE_READ_TOKENS');
  const all = [...writeTokens, ...readTokens];
  if (new Set(all.map((t) => t.token)).size !== all.length) {
    throw new ConfigError('THREADLINE_WRITE_TOKENS and THREADLINE_READ_TOKENS repeat a token.');
  }
  if (new Set(all.map((t) => t.name)).size !== all.length) {
    throw new ConfigError('THREADLINE_WRITE_TOKENS and THREADLINE_READ_TOKENS repeat a name.');
  }
  return {
    writeTokens,
    readTokens,
    readsRequireToken: flag(env, 'THREADLINE_READS_REQUIRE_TOKEN', false),
  };
}

function corsOrigins(env: Env): string[] {
  const raw = env.THREADLINE_CORS_ORIGINS ?? '';
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError(`THREADLINE_CORS_ORIGINS: "${origin}" is not an origin.`);
    }
    if (parsed.origin !== origin) {
      throw new ConfigError(
        `THREADLINE_CORS_ORIGINS: write origins as scheme://host[:port] without a path, e.g. "${parsed.origin}"; got "${origin}".`,
      );
    }
  }
  return origins;
}

function allowedHosts(env: Env, listenHost: string): string[] {
  const configured = (env.THREADLINE_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const name = normalizeHostName(entry);
      if (name === null) {
        throw new ConfigError(
          `THREADLINE_ALLOWED_HOSTS: write host names without scheme or port, e.g. "threadline.example.org"; got "${entry}".`,
        );
      }
      return name;
    });
  return allowedHostNames(listenHost, configured);
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
  const host = env.HOST || '127.0.0.1';
  return {
    host,
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
    access: accessSettings(env),
    http: {
      maxBodyBytes: integer(env, 'THREADLINE_MAX_BODY_BYTES', 512 * 1024, 1024, 64 * 1024 * 1024),
      rateLimitPerSecond: integer(env, 'THREADLINE_RATE_LIMIT_PER_SECOND', 20, 0, 100_000),
      rateLimitBurst: integer(env, 'THREADLINE_RATE_LIMIT_BURST', 200, 1, 1_000_000),
      trustProxy: flag(env, 'THREADLINE_TRUST_PROXY', false),
      corsOrigins: corsOrigins(env),
      allowedHosts: allowedHosts(env, host),
    },
    shutdownGraceMs: integer(env, 'THREADLINE_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
  };
}
