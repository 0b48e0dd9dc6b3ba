/**
 * Constants of a mapping (the list itself, who maintains it) are facts too, so they must be
 * quoted from the file: each evidence names a column and a verbatim piece of text, and the first
 * row whose cell contains it supplies the citation (`Column: cell`, `line N`). A constant whose
 * evidence no row contains stops the import before anything is written.
 */
import { validityWindow } from '../model/partial-date';
import type { CitationRecord } from '../model/types';
import type { CsvItem } from './csv-reader';
import { rowExcerpt, rowLocator } from './csv-row-mapper';
import { type ConstantEvidence, type CsvMapping, type EndpointSpec, MappingError } from './mapping';
import type { EntityWrite, LinkWrite } from './types';

function evidenceKey(e: ConstantEvidence): string {
  return `${e.column}\u0000${e.contains}`;
}

/** Reads the rows again from the start (a file is opened again, a URL downloaded again). */
export type RowSource = () => AsyncIterable<CsvItem>;

async function findEvidence(
  rows: RowSource,
  mapping: CsvMapping,
  wanted: ConstantEvidence[],
): Promise<Map<string, CitationRecord>> {
  const found = new Map<string, CitationRecord>();
  const remaining = new Map(wanted.map((e) => [evidenceKey(e), e]));
  for await (const item of rows()) {
    if (remaining.size === 0) break;
    if (item.kind !== 'row') continue;
    const { cells, line } = item.row;
    for (const [key, evidence] of remaining) {
      if ((cells[evidence.column] ?? '').includes(evidence.contains)) {
        const url = mapping.rowUrl ? (cells[mapping.rowUrl] ?? '').trim() : '';
        found.set(key, {
          sourceId: mapping.dataset.id,
          excerpt: rowExcerpt(cells, [evidence.column]),
          locator: rowLocator(line, url || null),
        });
        remaining.delete(key);
      }
    }
  }
  if (remaining.size > 0) {
    throw new MappingError(
      [...remaining.values()].map(
        (e) =>
          `constant evidence: no row has "${e.contains}" in column "${e.column}"; constants must be quoted from the file`,
      ),
    );
  }
  return found;
}

export interface ConstantWrites {
  entities: EntityWrite[];
  links: LinkWrite[];
}

export async function resolveConstants(
  rows: RowSource,
  mapping: CsvMapping,
): Promise<ConstantWrites> {
  const entitySpecs = Object.values(mapping.constantEntities);
  const linkSpecs = mapping.constantLinks;
  const wanted = [...entitySpecs, ...linkSpecs].flatMap((spec) => spec.evidence);
  if (wanted.length === 0) return { entities: [], links: [] };
  const found = await findEvidence(rows, mapping, wanted);
  const cite = (evidence: ConstantEvidence[]) =>
    evidence.map((e) => found.get(evidenceKey(e))).filter((c): c is CitationRecord => !!c);
  const endId = (end: EndpointSpec) =>
    'existing' in end ? end.existing : (mapping.constantEntities[end.entity]?.id ?? '');
  return {
    entities: entitySpecs.map((spec) => ({
      id: spec.id,
      kind: spec.kind,
      name: spec.name,
      aliases: spec.aliases,
      properties: spec.properties,
      citations: cite(spec.evidence),
      line: 0,
    })),
    links: linkSpecs.map((spec) => ({
      id: spec.id,
      type: spec.type,
      fromId: endId(spec.from),
      toId: endId(spec.to),
      status: spec.status,
      since: spec.since,
      until: spec.until,
      on: null,
      ...validityWindow({ since: spec.since, until: spec.until }),
      properties: { note: spec.note },
      citations: cite(spec.evidence),
      line: 0,
    })),
  };
}
