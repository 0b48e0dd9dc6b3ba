/**
 * What a PNG export says around the picture, so it can go into an article or a report as it is:
 * a title, the date the view shows, a legend of what is drawn, and the sources with the address
 * that reopens the view. Pure: built from the JSON export of the same view.
 */
import { ENTITY_KINDS, type EntityKind, LINK_STATUSES, type LinkStatus } from '../api/types';
import type { ViewExport } from './export-json';

export interface PngCaption {
  title: string;
  dateLine: string;
  /** Kinds and statuses present in the picture, in legend order. */
  kinds: EntityKind[];
  statuses: LinkStatus[];
  sourceLine: string;
  /** The address that reopens the view. */
  viewUrl: string;
}

/** Source titles listed before "and N more". */
const MAX_SOURCES_NAMED = 4;

export function buildPngCaption(
  view: ViewExport,
  path: { from: string; to: string; step: number | null; count: number } | null,
): PngCaption {
  const names = view.entities.map((e) => e.name);
  const title = path
    ? `${path.from} → ${path.to}: ${path.step === null ? `all ${path.count} paths` : `path ${path.step + 1} of ${path.count}`}`
    : names.length <= 3
      ? names.join(', ')
      : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
  const dateLine = `${view.asOf ? `As of ${view.asOf}: links not valid that day are faded` : 'All dates: links shown whatever their dates'} · exported ${view.exportedAt.slice(0, 10)}`;
  const kinds = ENTITY_KINDS.filter((k) => view.entities.some((e) => e.kind === k));
  const statuses = LINK_STATUSES.filter((s) => view.links.some((l) => l.status === s));
  const titles = view.sources.map((s) => s.title);
  const named = titles.slice(0, MAX_SOURCES_NAMED).join('; ');
  const rest = titles.length - MAX_SOURCES_NAMED;
  const sourceLine = titles.length
    ? `Sources: ${named}${rest > 0 ? `; and ${rest} more` : ''}.`
    : 'Sources: none cited by the links shown.';
  return { title, dateLine, kinds, statuses, sourceLine, viewUrl: view.viewUrl };
}
