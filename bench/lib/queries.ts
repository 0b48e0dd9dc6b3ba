/**
 * The benchmark queries, each in three forms that must give the same JSON: a GraphQL document
 * for Threadline, and for the baselines the very Cypher Threadline sends (built by the same
 * functions in server/data) plus a lean mapping of its row into the GraphQL answer's shape.
 */

import { linkFilterParams } from '../../server/data/link-filter';
import { neighborhoodCypher, truncations } from '../../server/data/neighborhood';
import { type PathMode, pathParams, pathsCypher } from '../../server/data/paths';
import { LIMITS } from '../../server/model/limits';
import type { EntityRecord, LinkRecord } from '../../server/model/types';

export interface NeighborhoodVariant {
  kind: 'neighborhood';
  name: string;
  depth: number;
  asOf: string | null;
}

export interface PathsVariant {
  kind: 'paths';
  name: string;
  maxHops: number;
  mode: Exclude<PathMode, 'ALL'>;
  asOf: string | null;
}

export type Variant = NeighborhoodVariant | PathsVariant;

/** A day inside most generated periods, so as-of filters keep a good part of the graph. */
export const AS_OF = '2015-06-30';

export function overheadVariants(): Variant[] {
  const variants: Variant[] = [];
  for (const depth of [1, 2]) {
    variants.push({ kind: 'neighborhood', name: `neighborhood depth ${depth}`, depth, asOf: null });
  }
  for (const maxHops of [4, 6]) {
    for (const mode of ['SHORTEST', 'ALL_SHORTEST'] as const) {
      for (const asOf of [null, AS_OF]) {
        variants.push({
          kind: 'paths',
          name: `paths ${mode} maxHops ${maxHops}${asOf ? ' asOf' : ''}`,
          maxHops,
          mode,
          asOf,
        });
      }
    }
  }
  return variants;
}

/** The default neighbour limit of the API, used by every neighbourhood variant. */
const NEIGHBOUR_LIMIT = 25;
const PATH_LIMIT = 10;

// The raw records' view (`joinIdentities: false`), so that the GraphQL answer comes from the
// statement that the bare endpoint and the driver run (cypherRequest's default): with more
// paths than the limit, the joined view may pick other paths of equal length. What the joined
// view costs is the identities section's measure.
export const NEIGHBORHOOD_DOCUMENT = `query Neighborhood($id: ID!, $depth: Int!, $asOf: Date) {
  neighborhood(id: $id, depth: $depth, asOf: $asOf, joinIdentities: false) {
    entities { id name kind degree }
    links { id type since until on status from { id } to { id } }
    truncated { entity { id } omitted }
  }
}`;

export const PATHS_DOCUMENT = `query Paths($from: ID!, $to: ID!, $maxHops: Int!, $mode: PathMode!, $asOf: Date) {
  paths(from: $from, to: $to, maxHops: $maxHops, mode: $mode, asOf: $asOf, joinIdentities: false) {
    hasMore
    paths {
      length
      entities { id name kind }
      links { id type since until on status from { id } to { id } }
    }
  }
}`;

export const SEARCH_DOCUMENT = `query Search($text: String!) {
  search(text: $text, first: 10) { score entity { id name kind } }
}`;

export interface Pair {
  from: string;
  to: string;
}

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** The GraphQL request for a variant; neighbourhoods use `pair.from` as their centre. */
export function graphqlRequest(variant: Variant, pair: Pair): GraphQLRequest {
  if (variant.kind === 'neighborhood') {
    return {
      query: NEIGHBORHOOD_DOCUMENT,
      variables: { id: pair.from, depth: variant.depth, asOf: variant.asOf },
    };
  }
  return {
    query: PATHS_DOCUMENT,
    variables: {
      from: pair.from,
      to: pair.to,
      maxHops: variant.maxHops,
      mode: variant.mode,
      asOf: variant.asOf,
    },
  };
}

export interface CypherRequest {
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * Exactly the statement and parameters Threadline's resolvers send for this request, over the
 * raw records (`joinIdentities: false`, the statement main sent before identities) unless asked.
 */
export function cypherRequest(variant: Variant, pair: Pair, joinIdentities = false): CypherRequest {
  if (variant.kind === 'neighborhood') {
    const query = {
      id: pair.from,
      depth: variant.depth,
      limit: NEIGHBOUR_LIMIT,
      asOf: variant.asOf,
      joinIdentities,
    };
    return {
      cypher: neighborhoodCypher(query),
      params: {
        id: query.id,
        limit: query.limit,
        budget: LIMITS.maxSubgraphEntities,
        ...linkFilterParams(query),
      },
    };
  }
  const query = {
    from: pair.from,
    to: pair.to,
    maxHops: variant.maxHops,
    mode: variant.mode,
    direction: 'BOTH' as const,
    limit: PATH_LIMIT,
    avoid: [],
    asOf: variant.asOf,
    joinIdentities,
  };
  return { cypher: pathsCypher(query), params: pathParams(query) };
}

type Row = Record<string, unknown>;

function linkJson(r: Row) {
  return {
    id: r.id,
    type: r.type,
    since: r.since ?? null,
    until: r.until ?? null,
    on: r.on ?? null,
    status: String(r.status ?? 'asserted').toUpperCase(),
    from: { id: r.fromId },
    to: { id: r.toId },
  };
}

/**
 * The row of the Cypher above → the JSON body Threadline answers with for the same request
 * (the bare endpoint's whole "mapping layer", so the difference to GraphQL is what GraphQL adds).
 */
export function shapeAnswer(variant: Variant, row: Row | undefined): unknown {
  if (!row) return { errors: [{ message: 'not found' }] };
  if (variant.kind === 'neighborhood') {
    const entities = row.entities as Row[];
    const links = row.links as Row[];
    const expanded = row.expanded as { id: string; total: number }[];
    // The "+N more" counts, computed by the same pure function the server uses.
    const truncated = truncations(
      expanded,
      links.map(
        (l) => ({ id: String(l.id), fromId: String(l.fromId), toId: String(l.toId) }) as LinkRecord,
      ),
      entities.map((e) => ({ id: String(e.id), kind: e.kind }) as EntityRecord),
      null,
    );
    return {
      data: {
        neighborhood: {
          entities: entities.map((e) => ({
            id: e.id,
            name: e.name ?? e.id,
            kind: toEnum(String(e.kind)),
            degree: e.degree,
          })),
          links: links.map(linkJson),
          truncated: truncated.map((t) => ({ entity: { id: t.entityId }, omitted: t.omitted })),
        },
      },
    };
  }
  if (!row.fromFound || !row.toFound) return { errors: [{ message: 'not found' }] };
  const entities = new Map((row.entities as Row[]).map((e) => [e.id, e]));
  const links = new Map((row.links as Row[]).map((l) => [l.id, l]));
  const paths = row.paths as { entityIds: string[]; linkIds: string[] }[];
  return {
    data: {
      paths: {
        hasMore: paths.length > PATH_LIMIT,
        paths: paths.slice(0, PATH_LIMIT).map((p) => ({
          length: p.linkIds.length,
          entities: p.entityIds.map((id) => {
            const e = entities.get(id) as Row;
            return { id: e.id, name: e.name ?? e.id, kind: toEnum(String(e.kind)) };
          }),
          links: p.linkIds.map((id) => linkJson(links.get(id) as Row)),
        })),
      },
    },
  };
}

/** `GovernmentList` → `GOVERNMENT_LIST`, as the GraphQL enum spells the label. */
export function toEnum(label: string): string {
  return label.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}
