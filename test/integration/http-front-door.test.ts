/**
 * What every HTTP request meets before GraphQL (server/http/front-door.ts), over a real port and
 * byte for byte: the Host check against DNS rebinding, exact routing with a rate limit on every
 * route, and answers to malformed HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../server/config';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { type RawResponse, rawRequest, sendRaw } from '../support/raw-http';
import { serverPool } from '../support/server';

let db: Database;
const servers = serverPool();

async function serve(env: Record<string, string> = {}, http: Partial<Config['http']> = {}) {
  const { port } = await servers.start(db, { http: { ...loadConfig(env).http, ...http } });
  return port;
}

const SEARCH = JSON.stringify({ query: '{ search(text: "xiaomi") { entity { name } } }' });

function graphql(port: number, host: string | null, target = '/graphql') {
  return rawRequest(port, { method: 'POST', target, host, body: SEARCH });
}

function expectSecurityHeaders(response: RawResponse) {
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
}

function errorCode(response: RawResponse): string | undefined {
  const body = JSON.parse(response.body) as { errors?: { extensions?: { code?: string } }[] };
  return body.errors?.[0]?.extensions?.code;
}

beforeAll(() => {
  db = connectTestDatabase();
});

afterAll(async () => {
  await servers.closeAll();
  await db.close();
});

describe('Host header (DNS rebinding)', () => {
  let port: number;
  beforeAll(async () => {
    port = await serve();
  });

  it('refuses a foreign Host on every route before answering anything', async () => {
    const refused = await graphql(port, 'attacker.example:4000');
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe('HOST_NOT_ALLOWED');
    const message = (JSON.parse(refused.body) as { errors: { message: string }[] }).errors[0]
      ?.message;
    expect(message).toContain('"attacker.example"');
    expect(message).toContain('THREADLINE_ALLOWED_HOSTS');
    expect(refused.body).not.toContain('Xiaomi');
    expectSecurityHeaders(refused);
    for (const target of ['/health', '/livez', '/', '/index.html', '/x?/graphql']) {
      const other = await rawRequest(port, { target, host: 'attacker.example' });
      expect(other.status, target).toBe(403);
    }
  });

  it('answers loopback names with any port', async () => {
    for (const host of [
      `localhost:${port}`,
      'localhost',
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      'LOCALHOST:4000',
    ]) {
      const response = await graphql(port, host);
      expect(response.status, host).toBe(200);
      expect(response.body, host).toContain('Xiaomi');
    }
  });

  it('answers names configured with THREADLINE_ALLOWED_HOSTS, and HOST when it is a specific address', async () => {
    const configured = await serve({
      THREADLINE_ALLOWED_HOSTS: 'threadline.example.org, Research.Example',
      HOST: '192.0.2.7',
    });
    for (const host of ['threadline.example.org', 'research.example:8443', '192.0.2.7:4000']) {
      expect((await graphql(configured, host)).status, host).toBe(200);
    }
    expect((await graphql(configured, 'example.org')).status).toBe(403);
    // 0.0.0.0 (docker-compose) means every interface; clients still reach it as localhost.
    const everywhere = await serve({ HOST: '0.0.0.0' });
    expect((await graphql(everywhere, 'localhost:4000')).status).toBe(200);
    expect((await graphql(everywhere, '0.0.0.0:4000')).status).toBe(403);
  });

  it('refuses a missing or malformed Host with 400', async () => {
    for (const host of [null, 'x:99999', '[bad', 'local host', 'a:b:c', 'localhost:0', '']) {
      const response = await graphql(port, host);
      expect(response.status, String(host)).toBe(400);
      expectSecurityHeaders(response);
      expect(response.raw).not.toMatch(/at \S+ \(|\/work\/|node_modules/);
    }
  });
});

describe('rate limits on every route', () => {
  it('serves GraphQL only at exactly /graphql, so no URL reaches yoga past the limit', async () => {
    // One token per 100 s: nothing refills while the test runs, however busy the machine.
    const port = await serve({}, { rateLimitPerSecond: 0.01, rateLimitBurst: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await graphql(port, 'localhost', '/graphql?a')).status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // The URLs that graphql-yoga served (it matches the end of the whole URL) without a count.
    const bypasses = [
      { method: 'POST', target: '/x?/graphql' },
      { method: 'POST', target: '/anything/graphql' },
      { method: 'POST', target: '/graphql/' },
      { method: 'GET', target: `/%ZZ?query=${encodeURIComponent('{ __typename }')}&x=/graphql` },
      { method: 'GET', target: `/x?query=${encodeURIComponent('{ __typename }')}&y=/graphql` },
    ];
    for (const { method, target } of bypasses) {
      const response = await rawRequest(port, {
        method,
        target,
        host: 'localhost',
        ...(method === 'POST' ? { body: SEARCH } : {}),
      });
      // Not GraphQL: a 404, or for a GET the explorer's page when the client is built.
      if (response.status === 200) {
        expect(method, target).toBe('GET');
        expect(response.headers['content-type'], target).toContain('text/html');
      } else {
        expect(response.status, target).toBe(404);
      }
      expect(response.body, target).not.toContain('"data"');
      expectSecurityHeaders(response);
    }
  });

  it('limits static files and health checks on their own, more generous bucket', async () => {
    // One token per 100 s: nothing refills while the test runs, however busy the machine.
    const port = await serve({}, { rateLimitPerSecond: 0.01, rateLimitBurst: 3 });
    for (let i = 0; i < 4; i++) await graphql(port, 'localhost');
    // The API bucket is empty; health checks still answer, ten times as many.
    const health: number[] = [];
    while (health.length < 300 && !health.includes(429)) {
      health.push((await rawRequest(port, { target: '/health', host: 'localhost' })).status);
    }
    // A burst of 30 (ten times the API's 3), refilled at 0.1 per second while the loop runs.
    expect(health.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(health.at(-1)).toBe(429);
    for (const target of ['/', '/index.html', '/livez', '/assets/x.js']) {
      const refused = await rawRequest(port, { target, host: 'localhost' });
      expect(refused.status, target).toBe(429);
      expect(Number(refused.headers['retry-after']), target).toBeGreaterThan(0);
      expect(errorCode(refused), target).toBe('RATE_LIMITED');
      expectSecurityHeaders(refused);
    }
  });
});

describe('malformed HTTP', () => {
  let port: number;
  beforeAll(async () => {
    port = await serve();
  });

  function expectCleanRefusal(response: RawResponse, label: string) {
    expect(response.status, label).toBeGreaterThanOrEqual(400);
    expect(response.status, label).toBeLessThan(500);
    expectSecurityHeaders(response);
    // No stack frame, no file path, no module name.
    expect(response.raw, label).not.toMatch(/\bat \S+ \(|\/work\/|node_modules|file:\/\/|\.ts:\d/);
  }

  it('answers an absolute-form target, OPTIONS * and bad Host values with a 4xx and the headers', async () => {
    const cases: { label: string; method?: string; target?: string; host?: string }[] = [
      { label: 'absolute-form', target: 'http://localhost/graphql?query=%7B__typename%7D' },
      { label: 'absolute-form naming another host', target: 'http://attacker.example/graphql' },
      { label: 'OPTIONS *', method: 'OPTIONS', target: '*' },
      { label: 'port out of range', host: 'x:99999' },
      { label: 'unclosed IPv6 literal', host: '[bad' },
      { label: 'IPv6 literal with port out of range', host: '[::1]:70000' },
      { label: 'userinfo in Host', host: 'user@localhost' },
    ];
    for (const { label, method, target, host } of cases) {
      const response = await rawRequest(port, {
        method: method ?? 'GET',
        target: target ?? '/graphql?query=%7B__typename%7D',
        host: host ?? 'localhost',
      });
      expectCleanRefusal(response, label);
      expect(response.status, label).toBe(400);
    }
  });

  it('answers requests Node cannot parse with a 4xx and the headers', async () => {
    const requests = [
      'GET /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
      'GET /graphql HTTP/9.9\r\nHost: localhost\r\n\r\n',
      'NOT A REQUEST\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: localhost\r\nBad Header Name: x\r\n\r\n',
      `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    ];
    for (const text of requests) {
      const response = await sendRaw(port, text);
      expectCleanRefusal(response, text.slice(0, 40));
    }
  });
});
