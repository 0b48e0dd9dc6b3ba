/**
 * A tiny element builder. Text always goes in as text nodes, never as HTML, because names and
 * excerpts come from outside sources.
 */

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    } else if (name === 'class') {
      element.className = String(value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function replaceChildren(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}; index.html and the code disagree.`);
  return element as T;
}

/** A small SVG of a kind's node shape, for the legend and suggestion lists. */
export function shapeIcon(shape: string, color: string, size = 14): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('shape-icon');
  const shapeElement = document.createElementNS(ns, shape === 'ellipse' ? 'circle' : 'polygon');
  if (shape === 'ellipse') {
    shapeElement.setAttribute('cx', '10');
    shapeElement.setAttribute('cy', '10');
    shapeElement.setAttribute('r', '8');
  } else {
    shapeElement.setAttribute(
      'points',
      SHAPE_POINTS[shape] ?? SHAPE_POINTS['round-rectangle'] ?? '',
    );
  }
  shapeElement.setAttribute('fill', color);
  shapeElement.setAttribute('stroke', '#1f2933');
  shapeElement.setAttribute('stroke-width', '1');
  svg.appendChild(shapeElement);
  return svg;
}

const SHAPE_POINTS: Record<string, string> = {
  'round-rectangle': '3,4 17,4 17,16 3,16',
  hexagon: '6,2 14,2 19,10 14,18 6,18 1,10',
  star: '10,1 12.4,7.3 19,7.3 13.7,11.4 15.6,18 10,14 4.4,18 6.3,11.4 1,7.3 7.6,7.3',
  diamond: '10,1 19,10 10,19 1,10',
  octagon: '6,1 14,1 19,6 19,14 14,19 6,19 1,14 1,6',
  triangle: '10,2 19,18 1,18',
  vee: '1,3 10,9 19,3 10,18',
  tag: '1,4 14,4 19,10 14,16 1,16',
};
