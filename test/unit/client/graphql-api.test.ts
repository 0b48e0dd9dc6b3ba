import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError, createApi } from '../../../client/src/api/graphql-api';
import { ENTITY_KINDS, LINK_STATUSES, LINK_TYPES } from '../../../client/src/api/types';

/** A stand-in for the network: answers every request with `respond()`. */
function apiAnswering(respond: () => Response | Promise<Response>) {
  const requests: { query: string; variables: Record<string, unknown> }[] = [];
  const api = createApi({
    fetch: async (_url, init) => {
      requests.push(JSON.parse(String(init?.body)));
      return respond();
    },
  });
  return { api, requests };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('failures become messages a user can act on', () => {
  it('says the server could not be reached', async () => {
    const { api } = apiAnswering(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.search('lei')).rejects.toMatchObject({
      name: 'ApiError',
      detail: 'the server could not be reached (network error)',
    });
  });

  it("passes on the API's own explanation with its code", async () => {
    const { api } = apiAnswering(() =>
      json({
        errors: [{ message: 'No entity with id "nope".', extensions: { code: 'NOT_FOUND' } }],
        data: null,
      }),
    );
    const error = await api.neighborhood('nope', { limit: 25 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ detail: 'No entity with id "nope".', code: 'NOT_FOUND' });
  });

  it('names the HTTP status when the answer is not GraphQL', async () => {
    const { api } = apiAnswering(
      () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    await expect(api.search('xiaomi')).rejects.toMatchObject({
      detail: 'the server answered HTTP 502 Bad Gateway without a GraphQL result',
      code: '502',
    });
  });
});

describe('normalising answers', () => {
  it('turns link ends into ids and hub truncations into counts', async () => {
    const { api, requests } = apiAnswering(() =>
      json({
        data: {
          neighborhood: {
            entities: [
              { id: 'a', name: 'A', kind: 'PERSON', aliases: [], description: null, degree: 40 },
            ],
            links: [
              {
                id: 'l',
                type: 'LEADS',
                from: { id: 'a' },
                to: { id: 'b' },
                status: 'ASSERTED',
                citations: [],
              },
            ],
            truncated: [{ entity: { id: 'a' }, omitted: 15 }],
          },
        },
      }),
    );
    const answer = await api.neighborhood('a', { limit: 25, linkTypes: ['LEADS'] });
    expect(answer.links[0]).toMatchObject({ from: 'a', to: 'b' });
    expect(answer.truncated).toEqual([{ entityId: 'a', omitted: 15 }]);
    expect(requests[0]?.variables).toEqual({ id: 'a', limit: 25, linkTypes: ['LEADS'] });
  });

  it('reopens a view in batches and reports ids the graph no longer has', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `e${i}`);
    let call = 0;
    const { api, requests } = apiAnswering(() => {
      const batch = call++ === 0 ? ids.slice(0, 10) : ids.slice(10);
      const data: Record<string, unknown> = {};
      batch.forEach((id, i) => {
        data[`e${i}`] =
          id === 'e11'
            ? null
            : {
                id,
                name: id,
                kind: 'COMPANY',
                aliases: [],
                description: null,
                degree: 1,
                links: [
                  {
                    id: `l-${id}`,
                    type: 'OWNS',
                    from: { id },
                    to: { id: 'e0' },
                    status: 'ASSERTED',
                    citations: [],
                  },
                ],
              };
      });
      return json({ data });
    });
    const result = await api.entitiesWithLinks(ids);
    expect(requests).toHaveLength(2);
    expect(result.missing).toEqual(['e11']);
    expect(result.entities).toHaveLength(11);
    // l-e0 is a loop e0 → e0; the others join two entities on the canvas.
    expect(result.links.map((l) => l.id)).toContain('l-e5');
  });
});

describe('the client vocabulary', () => {
  it('matches the enums of the GraphQL schema', () => {
    const enumValues = (file: string, name: string) => {
      const sdl = readFileSync(
        new URL(`../../../server/graphql/schema/${file}`, import.meta.url),
        'utf8',
      );
      const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(sdl)?.[1] ?? '';
      return body
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => /^[A-Z_]+$/.test(line));
    };
    expect([...ENTITY_KINDS]).toEqual(enumValues('entity.graphql', 'EntityKind'));
    expect([...LINK_TYPES]).toEqual(enumValues('link.graphql', 'LinkType'));
    expect([...LINK_STATUSES]).toEqual(enumValues('link.graphql', 'LinkStatus'));
  });
});

describe('the bearer token', () => {
  function apiWithToken(token: () => string | null) {
    const headers: Headers[] = [];
    const api = createApi({
      token,
      fetch: async (_url, init) => {
        headers.push(new Headers(init?.headers));
        return json({ data: { search: [] } });
      },
    });
    return { api, headers };
  }

  it('is sent with every request once the researcher has given one, and not before', async () => {
    let current: string | null = null;
    const { api, headers } = apiWithToken(() => current);
    await api.search('lei');
    current = 'write-secret';
    await api.search('lei');
    expect(headers.map((h) => h.get('authorization'))).toEqual([null, 'Bearer write-secret']);
  });
});
