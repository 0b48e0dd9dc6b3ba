/**
 * Layouts and the toolbar's view buttons: the layout choice, _Lay out_, _Fit_. Layouts run off
 * the main thread where they can (graph/layout-runner.ts).
 */
import { createLayoutRunner } from '../graph/layout-runner';
import { LAYOUT_LABELS } from '../graph/layouts';
import { counted } from '../state/counted';
import { LAYOUT_NAMES, type LayoutName } from '../state/url-state';
import { byId, h } from '../ui/dom';
import type { ExplorerCore } from './context';

export function createLayoutControl(core: ExplorerCore) {
  const { store, view, canvas, activity } = core;
  const runner = createLayoutRunner(canvas.cy);
  const select = byId<HTMLSelectElement>('layout');
  for (const name of LAYOUT_NAMES) select.append(h('option', { value: name }, LAYOUT_LABELS[name]));
  select.addEventListener('change', () => {
    view.layout = select.value as LayoutName;
    void runLayout(false);
  });
  byId('relayout').addEventListener('click', () => void runLayout(false));
  byId('fit').addEventListener('click', () => canvas.fit());

  /** `incremental`: a gentle pass that keeps what is placed (after a path search). */
  async function runLayout(incremental: boolean) {
    if (store.entities.size === 0) return;
    const roots = view.selected?.type === 'entity' ? [view.selected.id] : [];
    const result = await activity.track(
      `Laying out ${counted(store.entities.size, 'entity', 'entities')}`,
      () => runner.run(view.layout, { incremental, roots, fit: true }),
    );
    if (result) {
      performance.mark('threadline:layout-settled', { detail: result });
      byId('canvas-summary').dataset.layoutMs = String(Math.round(result.totalMs));
    }
    core.writeUrl();
  }

  return {
    runLayout,
    /** Shows the view's layout in the select (after a shared link set it). */
    showChoice: () => {
      select.value = view.layout;
    },
  };
}
