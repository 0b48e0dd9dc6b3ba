/**
 * The evidence report as one self-contained HTML document: inline CSS (allowed by its hash in
 * the document's own Content-Security-Policy), no script, no image, no font or other request,
 * print styles. Every value from the graph passes through `escapeHtml`; note HTML comes from
 * the safe Markdown renderer; addresses become links only when they are http(s) or mailto.
 */
import { createHash } from 'node:crypto';
import type { NoteRecord } from '../data/notes';
import { isSafeLinkTarget, renderNoteMarkdown } from '../model/markdown';
import type { CitationRecord, EntityRecord, LinkRecord, SourceRecord } from '../model/types';
import type { ReportData } from './evidence-report';
import { LINK_PHRASES } from './link-sentence';

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const CSS = `
*{box-sizing:border-box}
body{font:15px/1.5 Georgia,'Times New Roman',serif;color:#1b1b1b;margin:0 auto;max-width:52rem;padding:1.5rem;overflow-wrap:anywhere}
h1{font-size:1.7rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid #bbb}
.meta{color:#555;font-size:.9rem}
.drawing{width:100%;height:auto;border:1px solid #ddd;margin:.8rem 0}
.legend{font-size:.85rem;color:#444}.legend span{margin-right:1.2rem;white-space:nowrap}
ol.links{padding-left:1.4rem}ol.links>li{margin:0 0 1.2rem;break-inside:avoid}
.sentence{font-weight:bold}
.status{font:bold .75rem sans-serif;text-transform:uppercase;padding:0 .35rem;border:1px solid;border-radius:3px;margin-left:.4rem}
.status-asserted{color:#1d5e2e}.status-disputed{color:#8a5a00}.status-denied{color:#8b1c1c}.status-retracted{color:#666;text-decoration:line-through}
.dates{color:#444;font-size:.9rem}
blockquote{margin:.4rem 0 .2rem 0;padding:.2rem .8rem;border-left:3px solid #999;background:#f6f6f6}
.cite{font-size:.85rem;color:#333;margin:0 0 .6rem .8rem}
.note{border:1px solid #ddd;padding:.4rem .8rem;margin:.6rem 0;break-inside:avoid}
.note .by{font-size:.8rem;color:#555}
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}
a{color:#0b4f8a}
@media print{body{max-width:none;padding:0;font-size:11pt}a{color:inherit}h2{break-after:avoid}.drawing{max-height:14cm}}
`;

const CSS_HASH = createHash('sha256').update(CSS, 'utf8').digest('base64');

/** The policy the document carries itself, and that the server sends with it. */
export const REPORT_CSP = `default-src 'none'; style-src 'sha256-${CSS_HASH}'; base-uri 'none'; form-action 'none'`;

function link(url: string | null, text: string): string {
  if (!url) return escapeHtml(text);
  if (!isSafeLinkTarget(url)) return escapeHtml(text);
  return `<a href="${escapeHtml(url)}" rel="noopener nofollow">${escapeHtml(text)}</a>`;
}

function nameOf(entities: Map<string, EntityRecord>, id: string): string {
  return entities.get(id)?.name ?? id;
}

function dates(l: LinkRecord): string {
  const parts: string[] = [];
  if (l.on) parts.push(`on ${l.on}`);
  if (l.since) parts.push(`since ${l.since}`);
  if (l.until) parts.push(`until ${l.until}`);
  return parts.length ? parts.join(', ') : 'undated';
}

function citation(c: CitationRecord, sources: Map<string, SourceRecord>): string {
  const s = sources.get(c.sourceId);
  const facts = [
    s ? `<cite>${escapeHtml(s.title)}</cite>` : `source ${escapeHtml(c.sourceId)}`,
    s?.publisher ? escapeHtml(s.publisher) : null,
    s?.published ? `published ${escapeHtml(s.published)}` : null,
    s?.url ? link(s.url, s.url) : null,
    s?.retrievedAt ? `retrieved ${escapeHtml(s.retrievedAt)}` : null,
    c.locator ? `at ${escapeHtml(c.locator)}` : null,
  ].filter(Boolean);
  return `<blockquote>${escapeHtml(c.excerpt)}</blockquote><p class="cite">— ${facts.join(' · ')}</p>`;
}

function linkItem(l: LinkRecord, data: ReportData): string {
  const sentence = `${nameOf(data.entities, l.fromId)} ${LINK_PHRASES[l.type] ?? l.type} ${nameOf(data.entities, l.toId)}`;
  const retracted =
    l.status === 'retracted' ? ' (retracted by a curator: kept as a record, not as a fact)' : '';
  return `<li id="${escapeHtml(l.id)}"><span class="sentence">${escapeHtml(sentence)}</span><span class="status status-${escapeHtml(l.status)}">${escapeHtml(l.status)}</span>
<div class="dates">${escapeHtml(dates(l))}${escapeHtml(retracted)} · link ${escapeHtml(l.id)}</div>
${l.citations.map((c) => citation(c, data.sources)).join('\n')}</li>`;
}

const STROKES: Record<string, string> = {
  asserted: '',
  disputed: ' stroke-dasharray="8 5"',
  denied: ' stroke-dasharray="2 4"',
  retracted: ' stroke-dasharray="2 4" opacity="0.4"',
};

/** The canvas as saved: entities at their positions, links as lines (hidden entities left out). */
function drawing(data: ReportData): string {
  const shown = (data.investigation.canvas?.entities ?? []).filter((e) => !e.hidden);
  if (shown.length === 0) return '';
  const xs = shown.map((e) => e.x);
  const ys = shown.map((e) => e.y);
  const minX = Math.min(...xs) - 120;
  const minY = Math.min(...ys) - 40;
  const width = Math.max(Math.max(...xs) - minX + 120, 240);
  const height = Math.max(Math.max(...ys) - minY + 40, 120);
  const at = new Map(shown.map((e) => [e.id, e]));
  const lines = data.links
    .map((l) => {
      const a = at.get(l.fromId);
      const b = at.get(l.toId);
      if (!a || !b) return '';
      return `<line x1="${a.x - minX}" y1="${a.y - minY}" x2="${b.x - minX}" y2="${b.y - minY}" stroke="#555" stroke-width="2"${STROKES[l.status] ?? ''}/>`;
    })
    .join('');
  const nodes = shown
    .map((e) => {
      const x = e.x - minX;
      const y = e.y - minY;
      const name = nameOf(data.entities, e.id);
      return `<circle cx="${x}" cy="${y}" r="9" fill="#fff" stroke="#0b4f8a" stroke-width="2"/><text x="${x}" y="${y + 24}" text-anchor="middle" font-size="13" font-family="sans-serif">${escapeHtml(name.length > 40 ? `${name.slice(0, 39)}…` : name)}</text>`;
    })
    .join('');
  return `<svg class="drawing" viewBox="0 0 ${width} ${height}" role="img" aria-label="The investigation's canvas">${lines}${nodes}</svg>
<p class="legend"><span>── asserted</span><span>- - disputed</span><span>··· denied</span><span>··· (faint) retracted</span></p>`;
}

function noteTarget(n: NoteRecord, data: ReportData): string {
  if (n.target === 'INVESTIGATION') return 'On the investigation';
  if (n.target === 'ENTITY') return `On ${nameOf(data.entities, n.targetId)}`;
  return `On the link ${n.targetId}`;
}

function asOf(data: ReportData): string {
  const canvas = data.investigation.canvas;
  if (canvas?.asOf) return `as of ${canvas.asOf}`;
  if (canvas?.asOfRange) {
    return `from ${canvas.asOfRange.from ?? 'the beginning'} to ${canvas.asOfRange.to ?? 'today'}`;
  }
  return 'all dates';
}

export function renderReport(data: ReportData, generatedAt: string): string {
  const inv = data.investigation;
  const sources = [...data.sources.values()].sort((a, b) => a.title.localeCompare(b.title));
  const notes = data.notes
    .map(
      (n) =>
        `<div class="note"><div class="by">${escapeHtml(noteTarget(n, data))} — ${escapeHtml(n.author)}, ${escapeHtml(n.updatedAt)}</div>${renderNoteMarkdown(n.markdown)}</div>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(inv.title)} — evidence report</title>
<style>${CSS}</style></head>
<body>
<h1>${escapeHtml(inv.title)}</h1>
<p class="meta">Evidence report generated ${escapeHtml(generatedAt)} · graph shown ${escapeHtml(asOf(data))} · investigation ${escapeHtml(inv.id)}, version ${inv.version}, saved ${escapeHtml(inv.updatedAt)} by ${escapeHtml(inv.updatedBy)}</p>
${inv.description ? `<p>${escapeHtml(inv.description)}</p>` : ''}
${drawing(data)}
<h2>Links and their evidence (${data.links.length})</h2>
<p class="meta">Every link among the investigation's entities and on its selected paths, with its status, dates and each citation (a verbatim excerpt and its source). Notes below are the researchers' own words, not evidence.</p>
<ol class="links">
${data.links.map((l) => linkItem(l, data)).join('\n')}
</ol>
<h2>Notes (${data.notes.length})</h2>
${notes || '<p class="meta">No notes.</p>'}
<h2>Sources (${sources.length})</h2>
<table><thead><tr><th>Source</th><th>Publisher</th><th>Published</th><th>Retrieved</th><th>Licence</th></tr></thead><tbody>
${sources
  .map(
    (s) =>
      `<tr><td>${link(s.url, s.title)}</td><td>${escapeHtml(s.publisher)}</td><td>${escapeHtml(s.published)}</td><td>${escapeHtml(s.retrievedAt)}</td><td>${escapeHtml(s.licence ?? 'not stated')}</td></tr>`,
  )
  .join('\n')}
</tbody></table>
</body></html>
`;
}
