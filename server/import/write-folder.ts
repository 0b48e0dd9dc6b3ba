/**
 * Folds repeated writes of one id into a single write, in row order, with the importer's merging
 * rules: an entity keeps its first name (other spellings become aliases), properties and link
 * fields take the newest row's values, citations accumulate once per source and excerpt. The
 * batch writer folds one batch; the bulk load folds a whole file, where one entity (a list that
 * every row names) can collect a citation from each of a million rows, so merging is done in
 * place and a citation's novelty is a set look-up, never a scan.
 */
import type { CitationRecord } from '../model/types';
import type { EntityWrite, LinkWrite } from './types';

export interface KindConflict {
  id: string;
  /** `kind:<Kind>`: the id was first written with another kind; this write is left out. */
  outcome: string;
  line: number;
}

class CitationList {
  readonly records: CitationRecord[] = [];
  /** Excerpts seen, per source: the rows' own strings, so the index costs no new text. */
  private readonly excerpts = new Map<string, Set<string>>();

  add(citations: readonly CitationRecord[]): void {
    for (const citation of citations) {
      let seen = this.excerpts.get(citation.sourceId);
      if (!seen) {
        seen = new Set();
        this.excerpts.set(citation.sourceId, seen);
      }
      if (seen.has(citation.excerpt)) continue;
      seen.add(citation.excerpt);
      this.records.push(citation);
    }
  }
}

export class WriteFolder {
  private readonly entityWrites = new Map<string, { write: EntityWrite; cited: CitationList }>();
  private readonly linkWrites = new Map<string, { write: LinkWrite; cited: CitationList }>();
  readonly conflicts: KindConflict[] = [];

  addEntity(write: EntityWrite): void {
    const seen = this.entityWrites.get(write.id);
    if (!seen) {
      const cited = new CitationList();
      cited.add(write.citations);
      this.entityWrites.set(write.id, {
        write: {
          ...write,
          aliases: [...write.aliases],
          properties: { ...write.properties },
          citations: cited.records,
        },
        cited,
      });
      return;
    }
    const folded = seen.write;
    if (folded.kind !== write.kind) {
      this.conflicts.push({ id: write.id, outcome: `kind:${folded.kind}`, line: write.line });
      return;
    }
    for (const alias of [write.name, ...write.aliases]) {
      if (alias !== folded.name && !folded.aliases.includes(alias)) folded.aliases.push(alias);
    }
    Object.assign(folded.properties, write.properties);
    seen.cited.add(write.citations);
  }

  addLink(write: LinkWrite): void {
    const seen = this.linkWrites.get(write.id);
    if (!seen) {
      const cited = new CitationList();
      cited.add(write.citations);
      this.linkWrites.set(write.id, { write: { ...write, citations: cited.records }, cited });
      return;
    }
    // The newest row's fields win, absent ones included; the first row's line and all citations stay.
    seen.cited.add(write.citations);
    seen.write = { ...write, line: seen.write.line, citations: seen.cited.records };
  }

  get entities(): Map<string, EntityWrite> {
    return new Map([...this.entityWrites].map(([id, { write }]) => [id, write]));
  }

  get links(): Map<string, LinkWrite> {
    return new Map([...this.linkWrites].map(([id, { write }]) => [id, write]));
  }
}
