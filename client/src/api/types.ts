/**
 * The shapes the explorer works with, normalised from the GraphQL answers (link ends are ids,
 * not nested objects). Mirrors the SDL in server/graphql/schema; a unit test checks the enums.
 */
import { isLinkType, LINK_TYPES, type LinkType } from '../../../server/model/vocabulary';

export const ENTITY_KINDS = [
  'PERSON',
  'COMPANY',
  'MINISTRY',
  'AWARD',
  'GOVERNMENT_LIST',
  'ORGANIZATION',
  'TOPIC',
  'POSITION',
  'ADDRESS',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

// Link types are spelled the same in GraphQL and in Neo4j, so the allowlist itself is shared.

export { isLinkType, LINK_TYPES, type LinkType };

export const LINK_STATUSES = ['ASSERTED', 'DISPUTED', 'DENIED', 'RETRACTED'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export function isEntityKind(value: string): value is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(value);
}

export interface SourceRef {
  id: string;
  title: string;
  url: string | null;
  publisher: string | null;
}

export interface Citation {
  /** Words copied verbatim from the source. */
  excerpt: string;
  locator: string | null;
  source: SourceRef;
}

/** What the canvas needs to draw an entity. */
export interface EntitySummary {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  description: string | null;
  /** Links touching the entity in the whole graph (not only on the canvas). */
  degree: number;
}

/** A link with its time scope, status and evidence; `from`/`to` are entity ids. */
export interface LinkRecord {
  id: string;
  type: LinkType;
  from: string;
  to: string;
  since: string | null;
  until: string | null;
  on: string | null;
  status: LinkStatus;
  note: string | null;
  role: string | null;
  reason: string | null;
  program: string | null;
  amount: number | null;
  currency: string | null;
  field: string | null;
  purpose: string | null;
  share: number | null;
  relation: string | null;
  citations: Citation[];
}

/** Everything the details panel shows for one entity. */
export interface EntityDetails extends EntitySummary {
  country: string | null;
  citations: Citation[];
  /** Kind-specific properties that are set, e.g. { founded: '2010' }. */
  properties: Record<string, string>;
  /** The entity's links (most recent first, up to the API's page size). */
  links: LinkRecord[];
  /** The entities at the other ends of `links`. */
  neighbours: EntitySummary[];
}

export interface Truncation {
  entityId: string;
  /** Neighbours left out by the per-entity limit. */
  omitted: number;
}

export interface Subgraph {
  entities: EntitySummary[];
  links: LinkRecord[];
  truncated: Truncation[];
}

export interface PathRecord {
  entityIds: string[];
  /** linkIds[i] joins entityIds[i] and entityIds[i + 1]. */
  linkIds: string[];
}

export interface PathAnswer {
  paths: PathRecord[];
  /** More paths exist than the limit allowed. */
  hasMore: boolean;
  entities: EntitySummary[];
  links: LinkRecord[];
}

export interface SearchSuggestion {
  entity: EntitySummary;
  score: number;
}
