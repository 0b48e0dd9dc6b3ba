/**
 * The empty canvas's starting points: the seed story's two main entities, one click to add
 * and expand.
 */
import type { ExplorerContext } from '../controllers/context';
import { KIND_STYLES } from '../graph/kind-style';
import { byId, h, replaceChildren, shapeIcon } from '../ui/dom';

const STARTING_POINTS = [
  { id: 'person:lei-jun', name: 'Lei Jun', kind: 'PERSON' as const },
  { id: 'company:xiaomi', name: 'Xiaomi', kind: 'COMPANY' as const },
];

export function mountStartingPoints(ctx: ExplorerContext): void {
  replaceChildren(
    byId('starting-points'),
    STARTING_POINTS.map((start) => {
      const style = KIND_STYLES[start.kind];
      return h(
        'button',
        {
          type: 'button',
          class: 'start-button',
          'data-entity-id': start.id,
          onclick: () => void ctx.actions.addEntity(start.id, start.name, { expand: true }),
        },
        shapeIcon(style.shape, style.color, 18),
        ` ${start.name}`,
        h('span', { class: 'kind-badge' }, style.label),
      );
    }),
  );
}
