/**
 * The only module that talks to the Threadline API. Each function sends one GraphQL operation
 * to /graphql and returns the normalised shapes of ./types; every failure becomes an ApiError
 * that says what went wrong in words a user can act on.
 */
import { authorizationHeader, readAccessToken } from './access-token';
import type {
  Citation,
  EntityDetails,
  EntityKind,
  EntitySummary,
  LinkRecord,
  LinkStatus,
  LinkType,
  PathAnswer,
  PathMode,
  SearchSuggestion,
  Subgraph,
} from './types';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** Why it failed, e.g. 'the server could not be reached'. */
    readonly detail: string,
    /** GraphQL error code (NOT_FOUND, BAD_USER_INPUT, SERVICE_UNAVAILABLE…) or HTTP status. */
    readonly code: string | null = null,
  ) {
    super(detail);
  }
}

/** Requests that take longer than this are abandoned with a clear message. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Aliased `entity` fields per request when restoring a shared view (the API caps aliases). */
export const RESTORE_BATCH_SIZE = 10;
/** Links read per entity for the details panel and for restoring a view (the API's maximum). */
const LINKS_PER_ENTITY = 200;

export const ENTITY_FIELDS = `fragment EntityFields on Entity { id name kind aliases description degree }`;
// Citation fields are written out, not a nested fragment: the API's depth limit counts each
// fragment spread as a level.
export const CITATION_FIELDS = 'excerpt locator source { id title url publisher }';
export const LINK_FIELDS = `fragment LinkFields on Link {
  id type from { id identity { id } } to { id identity { id } } since until on status note role reason program amount currency
  field purpose share relation citations { ${CITATION_FIELDS} }
}`;

export interface RawEntity {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  description: string | null;
  degree: number;
}

/** A link's end: the record the link was written on, and the identity it was joined into. */
interface RawEnd {
  id: string;
  identity?: { id: string } | null;
}

export type RawLink = Omit<LinkRecord, 'from' | 'to'> & { from: RawEnd; to: RawEnd };

/**
 * The node a link end is drawn as. The API answers a joined record as its identity
 * (`identity:…`) while every link stays on the record it cites, so the end maps to the identity.
 */
const endId = (end: RawEnd) => end.identity?.id ?? end.id;

export function toSummary(raw: RawEntity): EntitySummary {
  return {
    id: raw.id,
    name: raw.name,
    kind: raw.kind,
    aliases: raw.aliases ?? [],
    description: raw.description ?? null,
    degree: raw.degree ?? 0,
  };
}

export function toLink(raw: RawLink): LinkRecord {
  return { ...raw, from: endId(raw.from), to: endId(raw.to), citations: raw.citations ?? [] };
}

export interface ApiOptions {
  /** Where GraphQL answers; same origin by default. */
  endpoint?: string;
  fetch?: typeof fetch;
  /** The bearer token to send, read before every request; the tab's stored token by default. */
  token?: () => string | null;
}

export type ThreadlineApi = ReturnType<typeof createApi>;

export function createApi(options: ApiOptions = {}) {
  const endpoint = options.endpoint ?? '/graphql';
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const token = options.token ?? readAccessToken;

  async function request<T>(
    query: string,
    variables: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<T> {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetchImpl(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...authorizationHeader(token()),
        },
        body: JSON.stringify({ query, variables }),
        signal: combined,
      });
    } catch (error) {
      if (signal?.aborted) throw error; // the caller cancelled; not a failure to report
      if (timeout.aborted) {
        throw new ApiError(`the server did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
      }
      throw new ApiError('the server could not be reached (network error)', 'NETWORK');
    }
    let body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = await response.json();
    } catch {
      throw new ApiError(
        `the server answered HTTP ${response.status} ${response.statusText} without a GraphQL result`.trim(),
        String(response.status),
      );
    }
    const [first] = body.errors ?? [];
    if (first) {
      const code = first.extensions?.code ?? null;
      const unexpected = !code || code === 'INTERNAL_SERVER_ERROR';
      throw new ApiError(
        unexpected ? `the server reported an error (${first.message})` : first.message,
        code,
      );
    }
    if (!response.ok || body.data === undefined || body.data === null) {
      throw new ApiError(`the server answered HTTP ${response.status}`, String(response.status));
    }
    return body.data;
  }

  return {
    /**
     * Any GraphQL operation, answered or refused like the others: for the api/ modules of single
     * features (matching, analytics, investigations) and a researcher's own saved queries.
     */
    request,

    /** Suggestions for the search box: names and aliases, prefix and fuzzy. */
    async search(text: string, signal?: AbortSignal, first = 8): Promise<SearchSuggestion[]> {
      const data = await request<{ search: { score: number; entity: RawEntity }[] }>(
        `query Search($text: String!, $first: Int) {
          search(text: $text, first: $first) { score entity { ...EntityFields } }
        } ${ENTITY_FIELDS}`,
        { text, first },
        signal,
      );
      return data.search.map((hit) => ({ score: hit.score, entity: toSummary(hit.entity) }));
    },

    /** Everything the details panel shows, including the entity's links and their evidence. */
    async entityDetails(id: string, signal?: AbortSignal): Promise<EntityDetails> {
      const data = await request<{ entity: EntityDetailsRaw | null }>(
        `query EntityDetails($id: ID!, $first: Int) {
          entity(id: $id) {
            ...EntityFields country citations { ${CITATION_FIELDS} }
            ... on Person { birthDate nationality }
            ... on Company { founded jurisdiction website }
            ... on Ministry { jurisdiction }
            ... on Award { recurrence }
            ... on GovernmentList { program url }
            ... on Organization { founded jurisdiction }
            ... on Position { jurisdiction }
            links(first: $first) { ...LinkFields from { ...EntityFields } to { ...EntityFields } }
          }
        } ${ENTITY_FIELDS} ${LINK_FIELDS}`,
        { id, first: LINKS_PER_ENTITY },
        signal,
      );
      if (!data.entity) throw new ApiError(`no entity with id "${id}"`, 'NOT_FOUND');
      return toDetails(data.entity);
    },

    /**
     * Entities by id with the links among them, for reopening a shared view. Ids the graph no
     * longer has are returned in `missing`.
     */
    async entitiesWithLinks(
      ids: readonly string[],
      signal?: AbortSignal,
    ): Promise<{ entities: EntitySummary[]; links: LinkRecord[]; missing: string[] }> {
      const entities: EntitySummary[] = [];
      const links = new Map<string, LinkRecord>();
      const missing: string[] = [];
      for (let start = 0; start < ids.length; start += RESTORE_BATCH_SIZE) {
        const batch = ids.slice(start, start + RESTORE_BATCH_SIZE);
        const fields = batch
          .map(
            (_, i) =>
              `e${i}: entity(id: $id${i}) { ...EntityFields links(first: $first) { ...LinkFields } }`,
          )
          .join('\n');
        const params = batch.map((_, i) => `$id${i}: ID!`).join(', ');
        const variables: Record<string, unknown> = { first: LINKS_PER_ENTITY };
        batch.forEach((id, i) => {
          variables[`id${i}`] = id;
        });
        const data = await request<Record<string, (RawEntity & { links: RawLink[] }) | null>>(
          `query RestoreView(${params}, $first: Int) { ${fields} } ${ENTITY_FIELDS} ${LINK_FIELDS}`,
          variables,
          signal,
        );
        batch.forEach((id, i) => {
          const raw = data[`e${i}`];
          if (!raw) {
            missing.push(id);
            return;
          }
          entities.push(toSummary(raw));
          for (const link of raw.links) links.set(link.id, toLink(link));
        });
      }
      const wanted = new Set(entities.map((entity) => entity.id));
      const among = [...links.values()].filter((l) => wanted.has(l.from) && wanted.has(l.to));
      return { entities, links: among, missing };
    },

    /** The entity's neighbours (one hop), at most `limit`; hubs report how many were left out. */
    async neighborhood(
      id: string,
      options: { limit: number; linkTypes?: readonly LinkType[] | null },
      signal?: AbortSignal,
    ): Promise<Subgraph> {
      const data = await request<{
        neighborhood: {
          entities: RawEntity[];
          links: RawLink[];
          truncated: { entity: { id: string }; omitted: number }[];
        };
      }>(
        `query Neighborhood($id: ID!, $limit: Int, $linkTypes: [LinkType!]) {
          neighborhood(id: $id, depth: 1, limit: $limit, linkTypes: $linkTypes) {
            entities { ...EntityFields }
            links { ...LinkFields }
            truncated { entity { id } omitted }
          }
        } ${ENTITY_FIELDS} ${LINK_FIELDS}`,
        {
          id,
          limit: options.limit,
          linkTypes: options.linkTypes?.length ? options.linkTypes : null,
        },
        signal,
      );
      const answer = data.neighborhood;
      return {
        entities: answer.entities.map(toSummary),
        links: answer.links.map(toLink),
        truncated: answer.truncated.map((t) => ({ entityId: t.entity.id, omitted: t.omitted })),
      };
    },

    /** Relationship paths between two entities, shortest first. */
    async paths(
      query: {
        from: string;
        to: string;
        maxHops: number;
        linkTypes?: readonly LinkType[] | null;
        /** Only links with these statuses take part; null: all but retracted (the API's rule). */
        statuses?: readonly LinkStatus[] | null;
        asOf?: string | null;
        /** ALL_SHORTEST (default): every path of the shortest length; ALL: every simple path. */
        mode?: PathMode;
        limit?: number;
      },
      signal?: AbortSignal,
    ): Promise<PathAnswer> {
      const data = await request<{
        paths: { hasMore: boolean; paths: { entities: RawEntity[]; links: RawLink[] }[] };
      }>(
        `query Paths($from: ID!, $to: ID!, $maxHops: Int, $linkTypes: [LinkType!],
                     $statuses: [LinkStatus!], $asOf: Date, $limit: Int, $mode: PathMode) {
          paths(from: $from, to: $to, maxHops: $maxHops, linkTypes: $linkTypes,
                statuses: $statuses, asOf: $asOf, limit: $limit, mode: $mode) {
            hasMore
            paths { entities { ...EntityFields } links { ...LinkFields } }
          }
        } ${ENTITY_FIELDS} ${LINK_FIELDS}`,
        {
          from: query.from,
          to: query.to,
          maxHops: query.maxHops,
          linkTypes: query.linkTypes?.length ? query.linkTypes : null,
          statuses: query.statuses?.length ? query.statuses : null,
          asOf: query.asOf || null,
          limit: query.limit ?? 20,
          mode: query.mode ?? 'ALL_SHORTEST',
        },
        signal,
      );
      const entities = new Map<string, EntitySummary>();
      const links = new Map<string, LinkRecord>();
      const paths = data.paths.paths.map((path) => {
        for (const entity of path.entities) entities.set(entity.id, toSummary(entity));
        for (const link of path.links) links.set(link.id, toLink(link));
        return { entityIds: path.entities.map((e) => e.id), linkIds: path.links.map((l) => l.id) };
      });
      return {
        paths,
        hasMore: data.paths.hasMore,
        entities: [...entities.values()],
        links: [...links.values()],
      };
    },
  };
}

type EntityDetailsRaw = RawEntity & {
  country: string | null;
  citations: Citation[];
  links: (Omit<RawLink, 'from' | 'to'> & { from: RawEntity & RawEnd; to: RawEntity & RawEnd })[];
} & Record<string, unknown>;

const SHARED_FIELDS = new Set([
  'id',
  'name',
  'kind',
  'aliases',
  'description',
  'degree',
  'country',
  'citations',
  'links',
]);

/** The kind-specific fields that are set, e.g. { founded: '2010' }: all but the shared ones and `also`. */
export function kindProperties(
  raw: Record<string, unknown>,
  also: readonly string[] = [],
): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (SHARED_FIELDS.has(key) || also.includes(key) || value === null || value === undefined)
      continue;
    properties[key] = String(value);
  }
  return properties;
}

function toDetails(raw: EntityDetailsRaw): EntityDetails {
  const properties = kindProperties(raw);
  const neighbours = new Map<string, EntitySummary>();
  for (const link of raw.links) {
    for (const end of [link.from, link.to]) {
      const id = endId(end);
      if (id !== raw.id) neighbours.set(id, { ...toSummary(end), id });
    }
  }
  return {
    ...toSummary(raw),
    country: raw.country ?? null,
    citations: raw.citations ?? [],
    properties,
    links: raw.links.map(toLink),
    neighbours: [...neighbours.values()],
  };
}
