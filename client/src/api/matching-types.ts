/**
 * The shapes of matching (candidate pairs, records side by side, judgements, identities) as the
 * explorer uses them; mirrors server/graphql/schema/matching.graphql.
 */
import type { Citation, EntityKind, EntitySummary, LinkType, SourceRef } from './types';

export type Decision = 'SAME' | 'DIFFERENT' | 'UNSURE';

export interface MatchFeature {
  name: string;
  value: number;
  /** What it added to the score; negative for evidence against. */
  contribution: number;
  detail: string;
}

export interface JudgementRecord {
  id: string;
  aId: string;
  bId: string;
  decision: Decision;
  note: string | null;
  judgedBy: string;
  judgedAt: string;
  /** True for a join the matcher made on its own. */
  machine: boolean;
}

export interface MatchCandidate {
  a: EntitySummary;
  b: EntitySummary;
  score: number;
  features: MatchFeature[];
  autoJoinable: boolean;
  /** An UNSURE judgement already recorded on the pair. */
  judgement: JudgementRecord | null;
}

export interface CandidatePage {
  candidates: MatchCandidate[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface NeighbourLine {
  type: LinkType;
  /** 'out': the record → other; 'in': other → the record. */
  direction: 'out' | 'in';
  other: { id: string; name: string; kind: EntityKind };
}

/** One record as the review panel shows it beside its candidate. */
export interface ReviewRecord extends EntitySummary {
  country: string | null;
  properties: Record<string, string>;
  citations: Citation[];
  neighbours: NeighbourLine[];
  /** The identity the record already belongs to, with its records' ids. */
  identity: { id: string; recordIds: string[] } | null;
}

export interface IdentityRecord extends EntitySummary {
  sources: SourceRef[];
}

export interface IdentityView {
  id: string;
  records: IdentityRecord[];
  judgements: JudgementRecord[];
}

/** What a token may do, as the server answers a harmless probe with it. */
export type TokenCheck = 'write' | 'read-only' | 'unknown';
