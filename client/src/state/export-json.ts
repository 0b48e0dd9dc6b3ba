/**
 * The JSON export of the current view: the entities and links on the canvas (hidden ones left
 * out), each link with its citations, and the sources they cite, so the file stands alone as
 * evidence.
 */
import type { Citation, EntitySummary, LinkRecord, SourceRef } from '../api/types';
import type { GraphStore } from './graph-store';

export interface ViewExport {
  format: 'threadline-view/1';
  exportedAt: string;
  /** The as-of date the view was filtered by, if any. */
  asOf: string | null;
  /** The address that reopens this view. */
  viewUrl: string;
  entities: EntitySummary[];
  links: LinkRecord[];
  sources: SourceRef[];
}

export function buildViewExport(
  store: GraphStore,
  options: {
    hidden: ReadonlySet<string>;
    asOf: string | null;
    exportedAt: string;
    viewUrl: string;
  },
): ViewExport {
  const entities = [...store.entities.values()].filter((e) => !options.hidden.has(e.id));
  const shown = new Set(entities.map((e) => e.id));
  const links = [...store.links.values()].filter(
    (l) => !options.hidden.has(l.id) && shown.has(l.from) && shown.has(l.to),
  );
  const sources = new Map<string, SourceRef>();
  const collect = (citations: readonly Citation[]) => {
    for (const c of citations) sources.set(c.source.id, c.source);
  };
  for (const link of links) collect(link.citations);
  return {
    format: 'threadline-view/1',
    exportedAt: options.exportedAt,
    asOf: options.asOf,
    viewUrl: options.viewUrl,
    entities,
    links,
    sources: [...sources.values()],
  };
}
