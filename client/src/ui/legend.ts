/** The legend: kinds by colour and shape, link statuses by line pattern, and the highlights. */
import { ENTITY_KINDS, LINK_STATUSES } from '../api/types';
import { KIND_STYLES, STATUS_STYLES } from '../graph/kind-style';
import { PATH_COLOR } from '../graph/stylesheet';
import { h, replaceChildren, shapeIcon } from './dom';

function lineSample(color: string, dash: [number, number], width = 2): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '34');
  svg.setAttribute('height', '10');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(ns, 'line');
  line.setAttribute('x1', '1');
  line.setAttribute('y1', '5');
  line.setAttribute('x2', '33');
  line.setAttribute('y2', '5');
  line.setAttribute('stroke', color);
  line.setAttribute('stroke-width', String(width));
  if (dash[1] > 0) line.setAttribute('stroke-dasharray', dash.join(' '));
  svg.appendChild(line);
  return svg;
}

export function renderLegend(root: HTMLElement): void {
  replaceChildren(
    root,
    h(
      'ul',
      { class: 'legend-list' },
      ENTITY_KINDS.map((kind) => {
        const style = KIND_STYLES[kind];
        return h('li', {}, shapeIcon(style.shape, style.color, 16), style.label);
      }),
    ),
    h(
      'ul',
      { class: 'legend-list' },
      LINK_STATUSES.map((status) => {
        const style = STATUS_STYLES[status];
        return h(
          'li',
          { title: style.meaning },
          lineSample(style.color, style.dashPattern),
          `${style.label} — ${style.meaning}`,
        );
      }),
      h('li', {}, lineSample(PATH_COLOR, [1, 0], 4), 'On the path shown'),
      h(
        'li',
        {},
        lineSample('#9aa0a6', [1, 0]),
        h('span', { class: 'faded-sample' }, 'Faded: not valid on the as-of date'),
      ),
      h('li', {}, h('span', { class: 'more-sample' }, '+N more'), 'neighbours not loaded yet'),
    ),
  );
}
