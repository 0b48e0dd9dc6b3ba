/**
 * Export and share: the captioned PNG, the JSON of what is drawn with its sources, and
 * _Copy link_ (the address bar always holds the view).
 */
import { computeVisibility } from '../graph/visibility';
import { buildViewExport } from '../state/export-json';
import { buildPngCaption } from '../state/png-caption';
import { byId, h } from '../ui/dom';
import { captionedPng } from '../ui/export-png';
import type { ExplorerCore } from './context';
import { highlightedIds } from './explorer-core';

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function fileStem() {
  return `threadline-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}`;
}

export function mountExport(core: ExplorerCore) {
  const { store, view, activity } = core;

  /** The view as exported: what is drawn (a highlighted path whole), with its sources. */
  function currentExport() {
    const onPath = view.path ? highlightedIds(view.path) : undefined;
    return buildViewExport(store, {
      hidden: computeVisibility(store, view.filters, onPath).hidden,
      asOf: view.filters.asOf,
      exportedAt: new Date().toISOString(),
      viewUrl: location.href,
    });
  }

  async function exportPng() {
    if (store.entities.size === 0) {
      activity.showNotice('The canvas is empty; add an entity first.');
      return;
    }
    const path = view.path;
    const caption = buildPngCaption(
      currentExport(),
      path
        ? {
            from: path.query.from.name,
            to: path.query.to.name,
            step: path.step,
            count: path.answer.paths.length,
          }
        : null,
    );
    const png = await activity.track('Drawing the PNG', () =>
      captionedPng(core.canvas.png(), caption),
    );
    if (png) download(png, `${fileStem()}.png`);
  }

  function exportJson() {
    const json = JSON.stringify(currentExport(), null, 2);
    download(new Blob([json], { type: 'application/json' }), `${fileStem()}.json`);
  }

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(location.href);
      activity.showNotice('Link to this view copied.');
    } catch {
      activity.showNotice(`Copy this address to share the view: ${location.href}`);
    }
  }

  byId('export-png').addEventListener('click', () => void exportPng());
  byId('export-json').addEventListener('click', () => exportJson());
  byId('copy-link').addEventListener('click', () => void copyLink());
}
