/** Plain records as the data-access modules return them (no driver types leak past them). */
import type { EntityKind, LinkStatus, LinkType } from './vocabulary';

export interface CitationRecord {
  sourceId: string;
  excerpt: string;
  locator: string | null;
}

export interface EntityRecord {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  description: string | null;
  country: string | null;
  citations: CitationRecord[];
  degree: number;
  /** Every stored property, for kind-specific and provenance fields. */
  properties: Record<string, unknown>;
  /** Set on the joined view of an identity (server/data/identity-view.ts): its records. */
  records?: EntityRecord[];
}

/** What every link states, however it is read or written: its ends, status, dates and evidence. */
export interface LinkFacts {
  id: string;
  type: LinkType;
  fromId: string;
  toId: string;
  status: LinkStatus;
  since: string | null;
  until: string | null;
  on: string | null;
  validFrom: string | null;
  validTo: string | null;
  citations: CitationRecord[];
}

export interface LinkRecord extends LinkFacts {
  properties: Record<string, unknown>;
}

export interface SourceRecord {
  id: string;
  title: string;
  kind: string | null;
  publisher: string | null;
  url: string | null;
  published: string | null;
  language: string | null;
  retrievedAt: string | null;
  licence: string | null;
  /** undefined when the query did not fetch it (large); null when the source has none. */
  text?: string | null;
}

export interface Truncation {
  entityId: string;
  omitted: number;
}

export interface SubgraphRecord {
  entities: EntityRecord[];
  links: LinkRecord[];
  truncated: Truncation[];
  sources: SourceRecord[];
}

export interface PathRecord {
  entityIds: string[];
  linkIds: string[];
  /** Sum of ln(1 + links) over the entities between the ends (see PathRank). */
  hubCost?: number;
}
