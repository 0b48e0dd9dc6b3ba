/**
 * The matching operations the review panel sends: candidate pairs, the two records of a pair
 * side by side, judgements and their undo, identities, and a check of the write token. Sent
 * through graphql-api's `request`, so errors read the same as everywhere else.
 */
import {
  ApiError,
  type ApiOptions,
  CITATION_FIELDS,
  createApi,
  ENTITY_FIELDS,
  kindProperties,
  type RawEntity,
  type ThreadlineApi,
  toSummary,
} from './graphql-api';
import type {
  CandidatePage,
  Decision,
  IdentityView,
  JudgementRecord,
  MatchCandidate,
  ReviewRecord,
  TokenCheck,
} from './matching-types';
import type { Citation, EntityKind, LinkType, SourceRef } from './types';

export type * from './matching-types';

/** Neighbours listed per record in the side-by-side view. */
const NEIGHBOURS_SHOWN = 8;
/** Aliased `matchCandidates` fields per request (the API allows 15 aliases). */
const CANVAS_BATCH = 10;
/** An id no judgement has: undoing it tells a write token (NOT_FOUND) from a read token. */
const PROBE_ID = 'judgement:token-check';

const FEATURE_FIELDS = 'features { name value contribution detail }';
const JUDGEMENT_FIELDS = 'id aId bId decision note judgedBy judgedAt machine';
const CANDIDATE_FIELDS = `a { ...EntityFields } b { ...EntityFields } score autoJoinable
  ${FEATURE_FIELDS} judgement { ${JUDGEMENT_FIELDS} }`;
const RECORD_FIELDS = `fragment RecordFields on Entity {
  ...EntityFields country citations { ${CITATION_FIELDS} }
  ... on Company { founded jurisdiction website }
  ... on Organization { founded jurisdiction }
  ... on Person { birthDate nationality }
  ... on GovernmentList { program url }
  links(first: ${NEIGHBOURS_SHOWN}) { type from { id name kind } to { id name kind } }
  identity { id records { id } }
}`;

type RawCandidate = Omit<MatchCandidate, 'a' | 'b'> & { a: RawEntity; b: RawEntity };
type Named = { id: string; name: string; kind: EntityKind };
type RawRecord = RawEntity & {
  country: string | null;
  citations: Citation[];
  links: { type: LinkType; from: Named; to: Named }[];
  identity: { id: string; records: { id: string }[] } | null;
} & Record<string, unknown>;

function toCandidate(raw: RawCandidate): MatchCandidate {
  return { ...raw, a: toSummary(raw.a), b: toSummary(raw.b) };
}

function toRecord(raw: RawRecord): ReviewRecord {
  const properties = kindProperties(raw, ['identity']);
  return {
    ...toSummary(raw),
    country: raw.country ?? null,
    properties,
    citations: raw.citations ?? [],
    neighbours: raw.links.map((link) =>
      link.from.id === raw.id
        ? { type: link.type, direction: 'out', other: link.to }
        : { type: link.type, direction: 'in', other: link.from },
    ),
    identity: raw.identity
      ? { id: raw.identity.id, recordIds: raw.identity.records.map((r) => r.id) }
      : null,
  };
}

export type MatchingApi = ReturnType<typeof createMatchingApi>;

export function createMatchingApi(api: ThreadlineApi) {
  return {
    /** Candidates over the whole graph (or one kind), best first. */
    async candidates(
      options: { kind?: EntityKind | null; minScore: number; first: number; after?: string | null },
      signal?: AbortSignal,
    ): Promise<CandidatePage> {
      const data = await api.request<{
        matchCandidates: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: RawCandidate }[];
        };
      }>(
        `query ReviewCandidates($kind: EntityKind, $minScore: Float, $first: Int, $after: String) {
          matchCandidates(kind: $kind, minScore: $minScore, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { ${CANDIDATE_FIELDS} } }
          }
        } ${ENTITY_FIELDS}`,
        {
          kind: options.kind ?? null,
          minScore: options.minScore,
          first: options.first,
          after: options.after ?? null,
        },
        signal,
      );
      const answer = data.matchCandidates;
      return {
        candidates: answer.edges.map((edge) => toCandidate(edge.node)),
        totalCount: answer.totalCount,
        endCursor: answer.pageInfo.endCursor,
        hasNextPage: answer.pageInfo.hasNextPage,
      };
    },

    /**
     * Each entity's own candidates (several entities per request), as one list per entity. An
     * entity no longer in the graph (deleted or merged meanwhile) gets an empty list.
     */
    async candidatesOf(
      entityIds: readonly string[],
      options: { minScore: number; first: number },
      signal?: AbortSignal,
    ): Promise<MatchCandidate[][]> {
      const lists: MatchCandidate[][] = [];
      for (let start = 0; start < entityIds.length; start += CANVAS_BATCH) {
        const batch = entityIds.slice(start, start + CANVAS_BATCH);
        const fields = batch
          .map(
            (_, i) =>
              `c${i}: matchCandidates(entity: $id${i}, minScore: $minScore, first: $first) {
                edges { node { ${CANDIDATE_FIELDS} } } }`,
          )
          .join('\n');
        const params = batch.map((_, i) => `$id${i}: ID!`).join(', ');
        const variables: Record<string, unknown> = {
          minScore: options.minScore,
          first: options.first,
        };
        batch.forEach((id, i) => {
          variables[`id${i}`] = id;
        });
        const query = `query CanvasCandidates(${params}, $minScore: Float, $first: Int) { ${fields} } ${ENTITY_FIELDS}`;
        try {
          const data = await api.request<Record<string, { edges: { node: RawCandidate }[] }>>(
            query,
            variables,
            signal,
          );
          batch.forEach((_, i) => {
            lists.push((data[`c${i}`]?.edges ?? []).map((edge) => toCandidate(edge.node)));
          });
        } catch (error) {
          // One unknown id fails the whole batch: ask for the batch's entities one by one.
          if (!(error instanceof ApiError) || error.code !== 'NOT_FOUND') throw error;
          if (batch.length === 1) {
            lists.push([]);
            continue;
          }
          for (const id of batch) lists.push(...(await this.candidatesOf([id], options, signal)));
        }
      }
      return lists;
    },

    /** Both records of a pair with their properties, sources, neighbours and identity. */
    async pairRecords(
      aId: string,
      bId: string,
      signal?: AbortSignal,
    ): Promise<[ReviewRecord, ReviewRecord]> {
      const data = await api.request<{ a: RawRecord | null; b: RawRecord | null }>(
        `query ReviewPair($a: ID!, $b: ID!) {
          a: entity(id: $a, joinIdentities: false) { ...RecordFields }
          b: entity(id: $b, joinIdentities: false) { ...RecordFields }
        } ${RECORD_FIELDS} ${ENTITY_FIELDS}`,
        { a: aId, b: bId },
        signal,
      );
      if (!data.a) throw new ApiError(`no record with id "${aId}"`, 'NOT_FOUND');
      if (!data.b) throw new ApiError(`no record with id "${bId}"`, 'NOT_FOUND');
      return [toRecord(data.a), toRecord(data.b)];
    },

    async judge(
      aId: string,
      bId: string,
      decision: Decision,
      note: string | null,
    ): Promise<JudgementRecord> {
      const data = await api.request<{ judge: JudgementRecord }>(
        `mutation Judge($a: ID!, $b: ID!, $decision: Decision!, $note: String) {
          judge(a: $a, b: $b, decision: $decision, note: $note) { ${JUDGEMENT_FIELDS} }
        }`,
        { a: aId, b: bId, decision, note: note?.trim() ? note.trim() : null },
      );
      return data.judge;
    },

    async undoJudgement(id: string): Promise<JudgementRecord> {
      const data = await api.request<{ undoJudgement: JudgementRecord }>(
        `mutation UndoJudgement($id: ID!) { undoJudgement(id: $id) { ${JUDGEMENT_FIELDS} } }`,
        { id },
      );
      return data.undoJudgement;
    },

    /** The identity a record belongs to, with every record's sources; null when none. */
    async identity(recordId: string, signal?: AbortSignal): Promise<IdentityView | null> {
      const data = await api.request<{
        identity: {
          id: string;
          records: (RawEntity & { citations: { source: SourceRef }[] })[];
          judgements: JudgementRecord[];
        } | null;
      }>(
        `query Identity($id: ID!) {
          identity(id: $id) {
            id
            records { ...EntityFields citations { source { id title url publisher } } }
            judgements { ${JUDGEMENT_FIELDS} }
          }
        } ${ENTITY_FIELDS}`,
        { id: recordId },
        signal,
      );
      const identity = data.identity;
      if (!identity) return null;
      return {
        id: identity.id,
        judgements: identity.judgements,
        records: identity.records.map((record) => {
          const sources = new Map<string, SourceRef>();
          for (const citation of record.citations) sources.set(citation.source.id, citation.source);
          return { ...toSummary(record), sources: [...sources.values()] };
        }),
      };
    },

    /** Ids of every record joined to another by a SAME judgement (to mark them on the canvas). */
    async joinedRecordIds(signal?: AbortSignal): Promise<Set<string>> {
      const data = await api.request<{
        judgements: { aId: string; bId: string; decision: Decision }[];
      }>('query Joined { judgements { aId bId decision } }', {}, signal);
      const joined = new Set<string>();
      for (const j of data.judgements) {
        if (j.decision !== 'SAME') continue;
        joined.add(j.aId);
        joined.add(j.bId);
      }
      return joined;
    },
  };
}

/**
 * What `token` may do on the server at `endpoint`: a mutation that changes nothing (undoing a
 * judgement that cannot exist) is refused before it runs unless the token may write.
 */
export async function checkWriteToken(
  token: string,
  options: Pick<ApiOptions, 'endpoint' | 'fetch'> = {},
): Promise<TokenCheck> {
  const probe = createApi({ ...options, token: () => token });
  try {
    await probe.request('mutation TokenCheck($id: ID!) { undoJudgement(id: $id) { id } }', {
      id: PROBE_ID,
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 'UNAUTHENTICATED') return 'unknown';
    if (error.code === 'FORBIDDEN') return 'read-only';
    if (error.code === 'NOT_FOUND') return 'write';
    throw error;
  }
  throw new ApiError('the server undid a judgement that cannot exist; the token check failed');
}
