/** Query.centrality, communities, components and analyticsInfo: each one Cypher statement. */
import {
  type AnalyticsScope,
  analyticsInfo,
  type CentralityMeasure,
  centrality,
  type Grouping,
  grouping,
} from '../../../data/analytics';
import { badInput } from '../../../errors';
import { LIMITS } from '../../../model/limits';
import { type FilterArgs, filterSets, intInRange, listWithin } from '../../arguments';
import type { GraphQLContext } from '../../context';

interface ScopeArgs extends FilterArgs {
  within?: string[] | null;
  first?: number | null;
}

interface GroupingArgs extends ScopeArgs {
  membersFirst?: number | null;
}

function scopeOf(args: ScopeArgs): AnalyticsScope {
  if (args.within && args.within.length === 0) {
    throw badInput(
      'within',
      'must hold at least one entity id (leave it out for the whole graph).',
    );
  }
  return {
    within: args.within ? listWithin('within', args.within, LIMITS.analyticsWithin.max) : null,
    ...filterSets(args),
  };
}

async function groups(kind: Grouping, args: GroupingArgs, context: GraphQLContext) {
  const scope = scopeOf(args);
  const first = intInRange('first', args.first, LIMITS.analyticsGroups);
  const membersFirst = intInRange('membersFirst', args.membersFirst, LIMITS.groupMembers);
  const result = await grouping(context.db, kind, scope, first, membersFirst);
  context.loaders.prime({ entities: result.groups.flatMap((g) => g.members) });
  return { ...result, entityCount: result.entities, linkCount: result.links };
}

export const analyticsQueries = {
  async centrality(
    _: unknown,
    args: ScopeArgs & { measure: CentralityMeasure },
    context: GraphQLContext,
  ) {
    const scope = scopeOf(args);
    const first = intInRange('first', args.first, LIMITS.analyticsFirst);
    const result = await centrality(context.db, args.measure, scope, first);
    context.loaders.prime({ entities: result.scores.map((s) => s.entity) });
    return { ...result, entityCount: result.entities, linkCount: result.links };
  },

  communities: (_: unknown, args: GroupingArgs, context: GraphQLContext) =>
    groups('COMMUNITIES', args, context),

  components: (_: unknown, args: GroupingArgs, context: GraphQLContext) =>
    groups('COMPONENTS', args, context),

  analyticsInfo: (_: unknown, __: unknown, context: GraphQLContext) => analyticsInfo(context.db),
};
