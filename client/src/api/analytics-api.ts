/**
 * The analytics the explorer asks for (Graph Data Science on the server): whether they exist,
 * centrality of the entities on the canvas, and their communities. Sent through graphql-api's
 * `request`; on a database without GDS the server answers ANALYTICS_UNAVAILABLE.
 */
import type { ThreadlineApi } from './graphql-api';
import type { EntityKind } from './types';

export const CENTRALITY_MEASURES = ['PAGE_RANK', 'BETWEENNESS', 'DEGREE'] as const;
export type CentralityMeasure = (typeof CENTRALITY_MEASURES)[number];

export const MEASURE_LABELS: Record<CentralityMeasure, string> = {
  PAGE_RANK: 'PageRank',
  BETWEENNESS: 'Betweenness',
  DEGREE: 'Links (degree)',
};

export interface EntityScore {
  id: string;
  name: string;
  kind: EntityKind;
  score: number;
  /** 1 for the highest; equal scores ordered by id (the API's rule). */
  rank: number;
}

export interface CommunityGroup {
  /** 1 for the largest. */
  id: number;
  size: number;
  memberIds: string[];
}

/** The error code of a database without Graph Data Science. */
export const ANALYTICS_UNAVAILABLE = 'ANALYTICS_UNAVAILABLE';

export type AnalyticsApi = ReturnType<typeof createAnalyticsApi>;

export function createAnalyticsApi(api: ThreadlineApi) {
  return {
    async available(signal?: AbortSignal): Promise<boolean> {
      const data = await api.request<{ analyticsInfo: { available: boolean } }>(
        'query AnalyticsInfo { analyticsInfo { available } }',
        {},
        signal,
      );
      return data.analyticsInfo.available;
    },

    /** Every entity of `within` ranked by `measure` within the subgraph they induce. */
    async centrality(
      measure: CentralityMeasure,
      within: readonly string[],
      signal?: AbortSignal,
    ): Promise<EntityScore[]> {
      const data = await api.request<{
        centrality: {
          scores: {
            score: number;
            rank: number;
            entity: { id: string; name: string; kind: EntityKind };
          }[];
        };
      }>(
        `query Centrality($measure: CentralityMeasure!, $within: [ID!], $first: Int) {
          centrality(measure: $measure, within: $within, first: $first) {
            scores { score rank entity { id name kind } }
          }
        }`,
        { measure, within, first: Math.max(1, within.length) },
        signal,
      );
      return data.centrality.scores.map((s) => ({ ...s.entity, score: s.score, rank: s.rank }));
    },

    /** Louvain communities among `within`, largest first, with all their members. */
    async communities(within: readonly string[], signal?: AbortSignal): Promise<CommunityGroup[]> {
      const data = await api.request<{
        communities: { groups: { id: number; size: number; members: { id: string }[] }[] };
      }>(
        `query Communities($within: [ID!], $first: Int, $membersFirst: Int) {
          communities(within: $within, first: $first, membersFirst: $membersFirst) {
            groups { id size members { id } }
          }
        }`,
        {
          within,
          first: Math.min(1000, Math.max(1, within.length)),
          membersFirst: Math.max(1, within.length),
        },
        signal,
      );
      return data.communities.groups.map((g) => ({
        id: g.id,
        size: g.size,
        memberIds: g.members.map((m) => m.id),
      }));
    },
  };
}
