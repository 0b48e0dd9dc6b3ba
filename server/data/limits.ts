/**
 * Hard caps, enforced on the server whatever a client sends. The GraphQL layer checks
 * arguments against them and answers BAD_USER_INPUT naming the allowed range.
 */
export const LIMITS = {
  maxHops: { min: 1, max: 6 },
  depth: { min: 1, max: 3 },
  /** Neighbours shown per expanded entity. */
  neighbourLimit: { min: 1, max: 500 },
  /** Entities in one neighbourhood answer, all levels together. */
  maxSubgraphEntities: 3000,
  pathLimit: { min: 1, max: 100 },
  searchFirst: { min: 1, max: 100 },
  pageFirst: { min: 1, max: 500 },
  linksFirst: { min: 0, max: 500 },
  connectIds: { min: 2, max: 10 },
  /** Shortest paths kept per pair in `connect`. */
  connectPathsPerPair: 10,
  avoid: { max: 100 },
  /** `paths(avoidHubsOver)`: a link count; 0 would leave no entity between the ends. */
  avoidHubsOver: { min: 1, max: 2_147_483_647 },
  /** Analytics: entities in `within`, scores and groups per answer, members shown per group. */
  analyticsWithin: { max: 5000 },
  analyticsFirst: { min: 1, max: 5000 },
  analyticsGroups: { min: 1, max: 1000 },
  groupMembers: { min: 0, max: 5000 },
  searchText: { max: 200 },
} as const;
