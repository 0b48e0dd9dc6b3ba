/**
 * Reads a whole input file through the same mapping and row mappers as the transactional
 * importer (csv-row-mapper, ftm) and folds every row's writes into the final state of each
 * entity and link, with the batch writer's own combining rules, so that the offline importer
 * receives what the transactional importer would have left in the graph.
 */
import { readFileSync } from 'node:fs';
import { resolveConstants } from '../constants';
import { readCsv, readLayout } from '../csv-reader';
import { mapCsvRow } from '../csv-row-mapper';
import { ftmAddressLinks, isFtmEdge, mapFtmEntity, readFtm } from '../ftm';
import { importInput } from '../input';
import { parseJsonText } from '../json-text';
import { checkColumns, parseFtmMapping, parseMapping } from '../mapping';
import { configuredDelimiter, type ImportFormat } from '../run-import';
import type { DatasetSource, EntityWrite, LinkWrite, RowWrites } from '../types';
import { WriteFolder } from '../write-folder';

export interface CollectedWrites {
  source: DatasetSource;
  entities: ReadonlyMap<string, EntityWrite>;
  links: ReadonlyMap<string, LinkWrite>;
  rowsRead: number;
  /** Rows the mapper refused (the same rows the transactional importer skips). */
  rowsSkipped: number;
  /** Writes left out, as the transactional importer would: ids reused with another kind. */
  kindConflicts: number;
}

/** Every row's writes folded into the final state of each entity and link. */
class Collector {
  private readonly folder = new WriteFolder();

  add(writes: Pick<RowWrites, 'entities' | 'links'>): void {
    for (const entity of writes.entities) this.folder.addEntity(entity);
    for (const link of writes.links) this.folder.addLink(link);
  }

  get entities() {
    return this.folder.entities;
  }

  get links() {
    return this.folder.links;
  }

  get kindConflicts() {
    return this.folder.conflicts.length;
  }
}

export async function collectWrites(
  file: string,
  mappingFile: string,
  format: ImportFormat,
): Promise<CollectedWrites> {
  const raw = parseJsonText(readFileSync(mappingFile, 'utf8'));
  const collector = new Collector();
  let rowsRead = 0;
  let rowsSkipped = 0;
  let source: DatasetSource;
  if (format === 'ftm') {
    const mapping = parseFtmMapping(raw);
    source = mapping.dataset;
    // Things first, then relationships, as the transactional importer's two passes.
    for (const pass of ['things', 'edges'] as const) {
      for await (const item of readFtm(importInput(file))) {
        if (item.kind === 'problem') {
          if (pass === 'things') {
            rowsRead += 1;
            rowsSkipped += 1;
          }
          continue;
        }
        if (isFtmEdge(item.entity.schema) !== (pass === 'edges')) {
          // A thing's links to its addresses, as the transactional importer's second pass has them.
          const addressLinks = pass === 'edges' && ftmAddressLinks(mapping, item.entity, item.line);
          if (addressLinks) collector.add(addressLinks);
          continue;
        }
        rowsRead += 1;
        const mapped = mapFtmEntity(mapping, item.entity, item.line);
        if (mapped.kind === 'writes') collector.add(mapped.writes);
        else rowsSkipped += 1;
      }
    }
  } else {
    const mapping = parseMapping(raw);
    source = mapping.dataset;
    const input = importInput(file);
    const encoding = 'utf-8';
    const layout = await readLayout(input, {
      delimiter: configuredDelimiter(mapping.delimiter),
      encoding,
    });
    checkColumns(mapping, layout.header);
    const readOptions = { delimiter: layout.delimiter, encoding };
    collector.add(await resolveConstants(() => readCsv(input, readOptions), mapping));
    for await (const item of readCsv(input, readOptions)) {
      rowsRead += 1;
      const mapped = item.kind === 'row' ? mapCsvRow(mapping, item.row) : null;
      if (mapped?.ok) collector.add(mapped.writes);
      else rowsSkipped += 1;
    }
  }
  return {
    source,
    entities: collector.entities,
    links: collector.links,
    rowsRead,
    rowsSkipped,
    kindConflicts: collector.kindConflicts,
  };
}
