/**
 * What every importer produces: plain entity and link writes, each with its citations, plus the
 * problems found in rows that had to be skipped. The batch writer turns these into Cypher.
 */
import type { CitationRecord, LinkFacts } from '../model/types';
import type { EntityKind } from '../model/vocabulary';

/** Scalar property values the importers write (Neo4j cannot store nested maps). */
export type PropertyValue = string | number | boolean;

export interface EntityWrite {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  /** Kind-specific and shared optional properties (country, description, ...). */
  properties: Record<string, PropertyValue>;
  citations: CitationRecord[];
  /** Where the write comes from, for reports (a line number in the file). */
  line: number;
}

export interface LinkWrite extends LinkFacts {
  /** Type-specific properties (role, share, reason, ...); null clears a value. */
  properties: Record<string, PropertyValue | null>;
  line: number;
}

/** The writes one input row turns into; written together in one transaction. */
export interface RowWrites {
  line: number;
  /** Writes that add to a row counted already (FtM address links, written in the second pass). */
  rowCounted?: boolean;
  entities: EntityWrite[];
  links: LinkWrite[];
}

export interface RowProblem {
  line: number;
  /** The column at fault, when one is. */
  column?: string | undefined;
  reason: string;
}

export type MappedRow = { ok: true; writes: RowWrites } | { ok: false; problem: RowProblem };

/** The dataset a file comes from; becomes a `:Source` node that every imported fact cites. */
export interface DatasetSource {
  id: string;
  title: string;
  publisher: string;
  url: string;
  retrievedAt: string;
  licence: string;
  language: string | null;
  published: string | null;
}
