/** The HTTP-facing protections, over a real port, against the real database. */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../server/config';
import type { ThreadlineServerOptions } from '../../server/create-server';
import type { Database } from '../../server/neo4j/database';
import { READ_TOKEN, TEST_ACCESS, WRITE_TOKEN } from '../support/access';
import { connectTestDatabase } from '../support/database';
import { serverPool } from '../support/server';

let db: Database;
const servers = serverPool();

async function serve(options: Partial<ThreadlineServerOptions> = {}): Promise<string> {
  const defaults = loadConfig({});
  const { url } = await servers.start(db, {
    access: TEST_ACCESS,
    ...options,
    http: { ...defaults.http, ...(options.http ?? {}) } as Config['http'],
  });
  return url;
}

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(() => {
  db = connectTestDatabase();
});

afterAll(async () => {
  await servers.closeAll();
  await db.close();
});

describe('rate limit', () => {
  it('answers 429 with Retry-After and a clear GraphQL error once a client exceeds its rate', async () => {
    const url = await serve({
      http: { rateLimitPerSecond: 1, rateLimitBurst: 5 } as Config['http'],
    });
    const statuses: number[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 8; i++) {
      const response = await post(url, { query: '{ __typename }' });
      statuses.push(response.status);
      if (response.status === 429 && !refused) refused = response;
      else await response.text();
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toContain(429);
    expect(refused?.headers.get('retry-after')).toBe('1');
    const body = (await refused?.json()) as { errors: { message: string; extensions: unknown }[] };
    expect(body.errors[0]?.extensions).toEqual({ code: 'RATE_LIMITED' });
    expect(body.errors[0]?.message).toContain('at most 1 per second');
  });
});

describe('request size and shape', () => {
  let url: string;
  beforeAll(async () => {
    url = await serve({ http: { maxBodyBytes: 10_000 } as Config['http'] });
  });

  it('refuses a body over the cap with 413, declared or streamed', async () => {
    const big = JSON.stringify({ query: `{ search(text: "${'x'.repeat(20_000)}") { score } }` });
    const declared = await post(url, big);
    expect(declared.status).toBe(413);
    const body = (await declared.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');

    // Without Content-Length (chunked), the server stops reading at the cap.
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write(big.slice(i * 1000, (i + 1) * 1000));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('refuses batched operations (a JSON array) instead of running them', async () => {
    const response = await post(url, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('answers malformed JSON with 400 and a GraphQL error', async () => {
    const response = await post(url, '{"query": "{ __typename }"');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: unknown[] };
    expect(body.errors).toHaveLength(1);
  });
});

describe('CORS and headers', () => {
  it('lets only configured origins read answers from a browser', async () => {
    const url = await serve({
      http: { corsOrigins: ['https://news.example'] } as Config['http'],
    });
    const allowed = await fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://news.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://news.example');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await post(url, { query: '{ __typename }' }, { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('varies CORS answers by Origin, so a shared cache cannot hand one origin another’s', async () => {
    const url = await serve({
      http: { corsOrigins: ['https://news.example'] } as Config['http'],
    });
    const response = await post(
      url,
      { query: '{ __typename }' },
      { origin: 'https://news.example' },
    );
    expect(response.headers.get('access-control-allow-origin')).toBe('https://news.example');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('sends no CORS headers at all by default', async () => {
    const url = await serve();
    const response = await post(url, { query: '{ __typename }' }, { origin: 'https://x.example' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends security headers and a content security policy fitting each answer', async () => {
    const url = await serve();
    const api = await post(url, { query: '{ __typename }' });
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    const graphiql = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    const csp = graphiql.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('worker-src blob:');
    expect(csp).not.toContain('unpkg.com');
  });
});

describe('writes', () => {
  it('are refused over GET, even with a write token, so a link or an image cannot make one', async () => {
    const url = await serve();
    const mutation = encodeURIComponent(
      'mutation { retractLink(id: "link:lei-jun-leads-xiaomi", reason: "via GET") { id } }',
    );
    const response = await fetch(`${url}/graphql?query=${mutation}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${WRITE_TOKEN}` },
    });
    expect(response.status).toBe(405);
    const [link] = await db.read<{ status: string }>(
      "MATCH ()-[r {id: 'link:lei-jun-leads-xiaomi'}]->() RETURN r.status AS status",
    );
    expect(link?.status).toBe('asserted');
  });
});

describe('configuration switches', () => {
  it('turns introspection and GraphiQL off', async () => {
    const url = await serve({ introspection: false });
    const response = await post(url, { query: '{ __schema { types { name } } }' });
    const body = (await response.json()) as { errors?: { message: string }[]; data?: unknown };
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toContain('introspection');
    const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('GraphiQL');
  });

  it('requires a token for reads when configured', async () => {
    const url = await serve({ access: { ...TEST_ACCESS, readsRequireToken: true } });
    const anonymous = await post(url, { query: '{ schemaInfo { sources } }' });
    expect(anonymous.status).toBe(401);
    const body = (await anonymous.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const reader = await post(
      url,
      { query: '{ schemaInfo { sources } }' },
      { authorization: `Bearer ${READ_TOKEN}` },
    );
    expect(reader.status).toBe(200);
    // As many as the graph holds now: other test files may have left dataset sources behind.
    const [row] = await db.read<{ n: number }>('MATCH (s:Source) RETURN count(s) AS n');
    expect(await reader.json()).toMatchObject({ data: { schemaInfo: { sources: row?.n } } });
  });
});
