/**
 * Every cap and default of the read API, in one place. Resolvers check arguments against these
 * and answer BAD_USER_INPUT naming the allowed range; the cost estimate multiplies by them; the
 * client builds its controls from them; the SDL writes the defaults out for clients, and
 * test/unit/server/limits.test.ts fails when the SDL's defaults drift from these.
 */
/** An integer argument: its allowed range and the value used when it is left out (or null). */
export interface IntArgument {
  min: number;
  max: number;
  default: number;
}

export const LIMITS = {
  /** Links in one path (paths, connect). */
  maxHops: { min: 1, max: 6, default: 4 },
  /** Levels a neighbourhood expands. */
  depth: { min: 1, max: 3, default: 1 },
  /** Neighbours shown per expanded entity. */
  neighbourLimit: { min: 1, max: 500, default: 25 },
  /** Entities in one neighbourhood answer, all levels together. */
  maxSubgraphEntities: 3000,
  /** Paths in one `paths` answer. */
  pathLimit: { min: 1, max: 100, default: 10 },
  /** Hits in one search answer. */
  searchFirst: { min: 1, max: 100, default: 10 },
  /** Entities in one `entities` page. */
  pageFirst: { min: 1, max: 500, default: 20 },
  /** Links per entity in `links`. */
  linksFirst: { min: 0, max: 500, default: 50 },
  /** Events in one `timeline` answer (the earliest first). */
  timelineFirst: { min: 1, max: 500, default: 200 },
  /** Sources in one `sources` answer (by id), each with its full text. */
  sources: 500,
  connectIds: { min: 2, max: 10 },
  /** Shortest paths kept per pair in `connect`. */
  connectPathsPerPair: 10,
  avoid: { max: 100 },
  /** `paths(avoidHubsOver)`: a link count; 0 would leave no entity between the ends. */
  avoidHubsOver: { min: 1, max: 2_147_483_647 },
  /** Analytics: entities in `within`, scores and groups per answer, members shown per group. */
  analyticsWithin: { max: 5000 },
  analyticsFirst: { min: 1, max: 5000, default: 20 },
  analyticsGroups: { min: 1, max: 1000, default: 20 },
  groupMembers: { min: 0, max: 5000, default: 20 },
  searchText: { max: 200 },
  /** Pairs in one `matchCandidates` page. */
  matchFirst: { min: 1, max: 200, default: 20 },
  /** Investigations in one `investigations` page. */
  investigationsFirst: { min: 1, max: 100, default: 20 },
  /** Links from a watched entity that `changes` looks across. */
  changesRadius: { min: 1, max: 3, default: 1 },
  /** Changes in one `changes` answer, newest first. */
  changes: 1000,
  /**
   * Entities `changes` looks across (the watched ones and all within the radius); a larger area
   * is refused with AREA_TOO_LARGE. Radius 2 around 20 entities of the 100k benchmark graph
   * reaches 7,000–13,500; radius 3 most of the graph.
   */
  changesArea: 25_000,
  // Enum lists (kinds, linkTypes, types, statuses) hold at most their enum's size: see enumSet in
  // server/graphql/arguments.ts, which takes the cap from the vocabulary itself.
} as const;

/**
 * The limit each integer argument with a default follows, by schema coordinate; `*.links.first`
 * stands for `links(first:)` on every type that has it. The SDL-drift test reads this.
 */
export const ARGUMENT_LIMITS: Record<string, IntArgument> = {
  'Query.search.first': LIMITS.searchFirst,
  'Query.entities.first': LIMITS.pageFirst,
  'Query.neighborhood.depth': LIMITS.depth,
  'Query.neighborhood.limit': LIMITS.neighbourLimit,
  'Query.paths.maxHops': LIMITS.maxHops,
  'Query.paths.limit': LIMITS.pathLimit,
  'Query.connect.maxHops': LIMITS.maxHops,
  'Query.timeline.first': LIMITS.timelineFirst,
  'Query.centrality.first': LIMITS.analyticsFirst,
  'Query.communities.first': LIMITS.analyticsGroups,
  'Query.communities.membersFirst': LIMITS.groupMembers,
  'Query.components.first': LIMITS.analyticsGroups,
  'Query.components.membersFirst': LIMITS.groupMembers,
  'Query.matchCandidates.first': LIMITS.matchFirst,
  'Query.investigations.first': LIMITS.investigationsFirst,
  'Query.changes.radius': LIMITS.changesRadius,
  '*.links.first': LIMITS.linksFirst,
};
