/**
 * The status line under the canvas (counts, what filters hide, the date, the path step) and
 * the "On the canvas" list, built only while its section is open (it may hold 2,000 rows).
 */
import type { ExplorerContext } from '../controllers/context';
import { KIND_STYLES } from '../graph/kind-style';
import { canvasSummary } from '../state/canvas-summary';
import { byId, h, replaceChildren, shapeIcon } from '../ui/dom';

export function mountCanvasSummary(ctx: ExplorerContext): void {
  const { store, view } = ctx;
  const section = byId<HTMLDetailsElement>('canvas-list-section');
  const list = byId('canvas-list');

  function renderList() {
    if (!section.open) {
      replaceChildren(list);
      return;
    }
    const entities = [...store.entities.values()].sort((a, b) => a.name.localeCompare(b.name));
    replaceChildren(
      list,
      entities.map((e) =>
        h(
          'li',
          { class: view.filters.hiddenEntityIds.has(e.id) ? 'hidden-entity' : null },
          h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              'data-entity-id': e.id,
              onclick: () => void ctx.actions.selectEntity(e.id),
            },
            shapeIcon(KIND_STYLES[e.kind].shape, KIND_STYLES[e.kind].color, 12),
            ` ${e.name}`,
          ),
          view.pinned.has(e.id) ? h('span', { class: 'muted small' }, ' (pinned)') : null,
        ),
      ),
    );
  }

  section.addEventListener('toggle', () => renderList());
  ctx.onRefresh(({ visibility }) => {
    byId('canvas-summary').textContent = canvasSummary(store, view, {
      entities: visibility.hiddenEntities,
      links: visibility.hiddenLinks,
    });
    renderList();
  });
}
