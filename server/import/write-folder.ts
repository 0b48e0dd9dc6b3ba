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

/** Below this many citations, a record's novelty is a scan; most records have one or two. */
const SCAN_LIMIT = 16;

class CitationList {
  readonly records: CitationRecord[] = [];
  /**
   * Excerpts seen, per source, built once the list outgrows a scan: the rows' own strings, so
   * the index costs no new text. A million records each with its own index were most of the
   * bulk load's garbage.
   */
  private excerpts: Map<string, Set<string>> | null = null;

  add(citations: readonly CitationRecord[]): void {
    for (const citation of citations) {
      if (this.has(citation)) continue;
      this.records.push(citation);
      if (this.excerpts) this.index(citation);
      else if (this.records.length > SCAN_LIMIT) {
        this.excerpts = new Map();
        for (const record of this.records) this.index(record);
      }
    }
  }

  private has(citation: CitationRecord): boolean {
    if (this.excerpts) return this.excerpts.get(citation.sourceId)?.has(citation.excerpt) ?? false;
    for (const record of this.records) {
      if (record.excerpt === citation.excerpt && record.sourceId === citation.sourceId) return true;
    }
    return false;
  }

  private index(citation: CitationRecord): void {
    const excerpts = this.excerpts as Map<string, Set<string>>;
    let seen = excerpts.get(citation.sourceId);
    if (!seen) {
      seen = new Set();
      excerpts.set(citation.sourceId, seen);
    }
    seen.add(citation.excerpt);
  }
}

/** The folded writes as a read-only map, without copying a million entries into a new one. */
class WritesView<W> implements ReadonlyMap<string, W> {
  constructor(private readonly folded: Map<string, { write: W }>) {}
  get size() {
    return this.folded.size;
  }
  has(id: string) {
    return this.folded.has(id);
  }
  get(id: string) {
    return this.folded.get(id)?.write;
  }
  *entries(): MapIterator<[string, W]> {
    for (const [id, { write }] of this.folded) yield [id, write];
  }
  *keys(): MapIterator<string> {
    yield* this.folded.keys();
  }
  *values(): MapIterator<W> {
    for (const { write } of this.folded.values()) yield write;
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  forEach(callback: (value: W, key: string, map: ReadonlyMap<string, W>) => void) {
    for (const [id, write] of this.entries()) callback(write, id, this);
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
    this.addAlias(folded, write.name);
    for (const alias of write.aliases) this.addAlias(folded, alias);
    Object.assign(folded.properties, write.properties);
    seen.cited.add(write.citations);
  }

  private addAlias(folded: EntityWrite, alias: string): void {
    if (alias !== folded.name && !folded.aliases.includes(alias)) folded.aliases.push(alias);
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

  get entities(): ReadonlyMap<string, EntityWrite> {
    return new WritesView(this.entityWrites);
  }

  get links(): ReadonlyMap<string, LinkWrite> {
    return new WritesView(this.linkWrites);
  }
}
