/** Query.neighborhood, paths, connect and timeline: each one Cypher round trip. */
import { connect } from '../../../data/connect';
import type { Direction } from '../../../data/links';
import { neighborhood } from '../../../data/neighborhood';
import { findPaths, type PathMode, type PathRank } from '../../../data/paths';
import { timeline } from '../../../data/timeline';
import { badInput, notFound } from '../../../errors';
import { LIMITS } from '../../../model/limits';
import type { EntityRecord, LinkRecord, SubgraphRecord } from '../../../model/types';
import {
  dayOrder,
  type FilterArgs,
  filterSets,
  intInRange,
  listWithin,
  optionalIntInRange,
} from '../../arguments';
import type { GraphQLContext } from '../../context';

function subgraph(result: SubgraphRecord, { loaders }: GraphQLContext) {
  loaders.prime(result);
  const entities = new Map(result.entities.map((e) => [e.id, e]));
  return {
    entities: result.entities,
    links: result.links,
    truncated: result.truncated.flatMap((t) => {
      const entity = entities.get(t.entityId);
      return entity ? [{ entity, omitted: t.omitted }] : [];
    }),
  };
}

export const graphQueries = {
  async neighborhood(
    _: unknown,
    args: FilterArgs & {
      id: string;
      depth?: number | null;
      limit?: number | null;
      joinIdentities?: boolean | null;
    },
    context: GraphQLContext,
  ) {
    const depth = intInRange('depth', args.depth, LIMITS.depth);
    const limit = intInRange('limit', args.limit, LIMITS.neighbourLimit);
    const result = await neighborhood(context.db, {
      id: args.id,
      depth,
      limit,
      ...filterSets(args),
      joinIdentities: args.joinIdentities !== false,
    });
    if (!result) throw notFound('entity', args.id);
    return subgraph(result, context);
  },

  async paths(
    _: unknown,
    args: FilterArgs & {
      from: string;
      to: string;
      maxHops?: number | null;
      avoid?: string[] | null;
      mode?: PathMode | null;
      direction?: Direction | null;
      limit?: number | null;
      avoidHubsOver?: number | null;
      rank?: PathRank | null;
      joinIdentities?: boolean | null;
    },
    context: GraphQLContext,
  ) {
    const maxHops = intInRange('maxHops', args.maxHops, LIMITS.maxHops);
    const limit = intInRange('limit', args.limit, LIMITS.pathLimit);
    const avoid = listWithin('avoid', args.avoid, LIMITS.avoid.max);
    const avoidHubsOver = optionalIntInRange(
      'avoidHubsOver',
      args.avoidHubsOver,
      LIMITS.avoidHubsOver,
    );
    if (args.from === args.to) throw badInput('to', 'must differ from "from".');
    if (avoid.includes(args.from) || avoid.includes(args.to)) {
      throw badInput('avoid', 'must not contain the ends of the path ("from" or "to").');
    }
    const result = await findPaths(context.db, {
      from: args.from,
      to: args.to,
      maxHops,
      limit,
      avoid,
      mode: args.mode ?? 'ALL_SHORTEST',
      direction: args.direction ?? 'BOTH',
      ...filterSets(args),
      avoidHubsOver,
      rank: args.rank ?? 'LENGTH',
      joinIdentities: args.joinIdentities !== false,
    });
    if (!result.fromFound) throw notFound('entity', args.from);
    if (!result.toFound) throw notFound('entity', args.to);
    if (result.sameNode) {
      throw badInput(
        'to',
        'is a record of the same identity as "from" (one node); ask with joinIdentities: false for paths between its records.',
      );
    }
    context.loaders.prime(result);
    const entities = new Map(result.entities.map((e) => [e.id, e]));
    const links = new Map(result.links.map((l) => [l.id, l]));
    return {
      hasMore: result.hasMore,
      paths: result.paths.map((path) => ({
        entities: path.entityIds.map((id) => entities.get(id) as EntityRecord),
        links: path.linkIds.map((id) => links.get(id) as LinkRecord),
        length: path.linkIds.length,
        hubCost: path.hubCost ?? 0,
      })),
    };
  },

  async connect(
    _: unknown,
    args: {
      ids: string[];
      maxHops?: number | null;
      linkTypes?: FilterArgs['linkTypes'];
      asOf?: string | null;
      joinIdentities?: boolean | null;
    },
    context: GraphQLContext,
  ) {
    const ids = [...new Set(args.ids)];
    if (ids.length < LIMITS.connectIds.min || ids.length > LIMITS.connectIds.max) {
      throw badInput(
        'ids',
        `needs from ${LIMITS.connectIds.min} to ${LIMITS.connectIds.max} distinct ids, got ${ids.length}.`,
      );
    }
    const maxHops = intInRange('maxHops', args.maxHops, LIMITS.maxHops);
    const result = await connect(context.db, {
      ids,
      maxHops,
      linkTypes: filterSets(args).linkTypes,
      asOf: args.asOf ?? null,
      joinIdentities: args.joinIdentities !== false,
    });
    const [missing] = result.missingIds;
    if (missing !== undefined) throw notFound('entity', missing);
    return subgraph(result, context);
  },

  async timeline(
    _: unknown,
    args: {
      id: string;
      from?: string | null;
      to?: string | null;
      first?: number | null;
      joinIdentities?: boolean | null;
    },
    context: GraphQLContext,
  ) {
    dayOrder('from', args.from ?? null, 'to', args.to ?? null);
    const result = await timeline(context.db, {
      id: args.id,
      from: args.from ?? null,
      to: args.to ?? null,
      first: intInRange('first', args.first, LIMITS.timelineFirst),
      joinIdentities: args.joinIdentities !== false,
    });
    if (!result.found) throw notFound('entity', args.id);
    context.loaders.prime({
      entities: result.others,
      links: result.events.map((e) => e.link),
      sources: result.sources,
    });
    return result.events;
  },
};
