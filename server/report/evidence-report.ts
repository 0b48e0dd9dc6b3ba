/**
 * Gathers what an evidence report shows: the investigation, every link among its entities and
 * on its selected paths, the entities those links join, their cited sources and the notes.
 * Reads only; nothing here is written.
 */
import { entitiesByIds } from '../data/entities';
import { type InvestigationRecord, investigationsByIds } from '../data/investigations';
import { linksAmong, linksByIds } from '../data/links';
import { type NoteRecord, notesOfInvestigation } from '../data/notes';
import { sourcesByIds } from '../data/sources';
import type { EntityRecord, LinkRecord, SourceRecord } from '../model/types';
import type { Database } from '../neo4j/database';

export interface ReportData {
  investigation: InvestigationRecord;
  entities: Map<string, EntityRecord>;
  links: LinkRecord[];
  sources: Map<string, SourceRecord>;
  notes: NoteRecord[];
}

export async function loadReport(db: Database, id: string): Promise<ReportData | null> {
  const [investigation] = await investigationsByIds(db, [id]);
  if (!investigation?.canvas) return null;
  const canvas = investigation.canvas;
  const onCanvas = canvas.entities.map((e) => e.id);
  const pathLinkIds = [...new Set(canvas.selectedPaths.flatMap((p) => p.linkIds))];
  const [among, onPaths, notes] = await Promise.all([
    linksAmong(db, onCanvas),
    linksByIds(db, pathLinkIds),
    notesOfInvestigation(db, id),
  ]);
  const links = new Map<string, LinkRecord>();
  for (const link of [...among, ...onPaths.map((p) => p.link)]) links.set(link.id, link);
  const entityIds = new Set(onCanvas);
  for (const link of links.values()) entityIds.add(link.fromId).add(link.toId);
  const sourceIds = new Set([...links.values()].flatMap((l) => l.citations.map((c) => c.sourceId)));
  const [entities, sources] = await Promise.all([
    entitiesByIds(db, [...entityIds]),
    sourcesByIds(db, [...sourceIds]),
  ]);
  return {
    investigation,
    entities: new Map(entities.map((e) => [e.id, e])),
    links: [...links.values()].sort((a, b) => a.id.localeCompare(b.id)),
    sources: new Map(sources.map((s) => [s.id, s])),
    notes,
  };
}
