/**
 * Which names the server answers to. A browser sends the name it resolved as `Host`; a page on
 * attacker.example whose DNS record is re-pointed to 127.0.0.1 ("DNS rebinding") reaches this
 * server with `Host: attacker.example`, so refusing names we do not serve under closes that door.
 */

/** Loopback names, always allowed (any port). */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DNS_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const IPV6_LITERAL = /^\[[0-9a-f:.]+\]$/;

/** A host name as written in configuration, lower-cased; null when it is not one. */
export function normalizeHostName(raw: string): string | null {
  const name = raw.trim().toLowerCase();
  if (name.length > 253) return null;
  if (DNS_NAME.test(name) || IPV6_LITERAL.test(name)) return name;
  // HOST=::1 is written without brackets; a Host header carries it with them.
  if (/^[0-9a-f:.]+$/.test(name) && name.includes(':')) return `[${name}]`;
  return null;
}

export interface HostHeader {
  /** Lower-cased, IPv6 literals in brackets. */
  name: string;
  port: number | null;
}

/** Parses a Host header value (`name`, `name:port`, `[v6]`, `[v6]:port`); null when malformed. */
export function parseHostHeader(value: string | undefined): HostHeader | null {
  if (value === undefined) return null;
  const match = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!match?.[1]) return null;
  const name = normalizeHostName(match[1]);
  if (name === null || name.startsWith('[') !== match[1].startsWith('[')) return null;
  if (match[2] === undefined) return { name, port: null };
  const port = Number(match[2]);
  return port >= 1 && port <= 65_535 ? { name, port } : null;
}

/** Names the server should answer to: loopback, the address it listens on, and configured ones. */
export function allowedHostNames(listenHost: string, configured: readonly string[]): string[] {
  const names = new Set<string>(LOOPBACK_HOSTS);
  // 0.0.0.0 and :: are "every interface", not a name a client can use.
  const listenName = ['0.0.0.0', '::', ''].includes(listenHost)
    ? null
    : normalizeHostName(listenHost);
  if (listenName) names.add(listenName);
  for (const name of configured) names.add(name);
  return [...names];
}
