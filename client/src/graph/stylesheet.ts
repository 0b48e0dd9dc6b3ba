/**
 * The Cytoscape stylesheet, built from the kind and status tables. Pure data: the unit tests
 * read it without a browser.
 */
import type { EdgeSingular, StylesheetJson } from 'cytoscape';
import { ENTITY_KINDS, LINK_STATUSES } from '../api/types';
import { KIND_STYLES, STATUS_STYLES } from './kind-style';

/** Colour of a highlighted path; dark so it stands out in greyscale too. */
export const PATH_COLOR = '#111827';
export const SELECTION_COLOR = '#0b63ce';
/** Investigations: changes since the last opening (amber glow), a saved query's answer (violet). */
export const CHANGED_COLOR = '#f59e0b';
export const QUERY_COLOR = '#7c3aed';

/** Below this on-screen font size labels are not drawn (zoomed out, large graphs). */
export const MIN_ZOOMED_FONT_SIZE = 7;

/** From this many elements on, the cheaper "large graph" drawing is used. */
export const LARGE_GRAPH_ELEMENTS = 1000;

/**
 * Elements with this class get their labels and arrows back in a large graph: the canvas sets
 * it on what is in view once the zoom makes labels legible (level of detail).
 */
export const DETAIL_CLASS = 'detail';

/**
 * `large` trades looks for speed, following Cytoscape's performance advice: straight edges
 * (bezier edges are routed around their parallels, costly with thousands), labels without
 * background boxes and not rotated along edges, and labels and arrows only on elements marked
 * with DETAIL_CLASS, selected or on the path. Measuring and drawing 6,000 labels and arrows
 * that are too small to read took most of a first draw (docs/client.md).
 */
export function buildStylesheet(options: { large?: boolean } = {}): StylesheetJson {
  const large = options.large ?? false;
  const kindRules = ENTITY_KINDS.map((kind) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': KIND_STYLES[kind].color, shape: KIND_STYLES[kind].shape },
  }));
  const statusRules = LINK_STATUSES.map((status) => {
    const s = STATUS_STYLES[status];
    return {
      selector: `edge[status = "${status}"]`,
      style: {
        'line-color': s.color,
        'target-arrow-color': s.color,
        'line-style': s.lineStyle,
        'line-dash-pattern': s.dashPattern,
        opacity: s.opacity,
      },
    };
  });
  return [
    {
      selector: 'node',
      style: {
        width: 34,
        height: 34,
        label: large ? '' : 'data(label)',
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        'font-size': 11,
        color: '#1f2933',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '150px',
        'text-background-color': '#ffffff',
        'text-background-opacity': large ? 0 : 0.8,
        'text-background-padding': '1px',
        'border-width': 1.5,
        'border-color': '#ffffff',
        'min-zoomed-font-size': MIN_ZOOMED_FONT_SIZE,
      },
    },
    ...kindRules,
    ...(large
      ? [
          {
            selector: `node.${DETAIL_CLASS}, node:selected, node.on-path`,
            style: { label: 'data(label)' },
          },
        ]
      : []),
    // Analytics (ui/analytics-panel.ts): size and fill from a score or community, the shape
    // still the kind's. A record joined to another by a SAME judgement gets a double ring.
    { selector: 'node[scoreColor]', style: { 'background-color': 'data(scoreColor)' } },
    { selector: 'node[scoreSize]', style: { width: 'data(scoreSize)', height: 'data(scoreSize)' } },
    {
      selector: 'node.joined',
      style: { 'border-width': 5, 'border-style': 'double', 'border-color': '#6d28d9' },
    },
    {
      // Hubs with neighbours left out: a thicker dashed outline hints there is more.
      selector: 'node[more > 0]',
      style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': '#52606d' },
    },
    {
      selector: 'node.more',
      style: {
        label: 'data(label)',
        shape: 'round-rectangle',
        width: 'data(width)',
        height: 18,
        'background-color': '#f1f3f5',
        'border-width': 1,
        'border-style': 'dashed',
        'border-color': '#52606d',
        'text-valign': 'center',
        'text-margin-y': 0,
        'text-background-opacity': 0,
        'font-size': 10,
        color: '#323f4b',
      },
    },
    {
      selector: 'node.pinned',
      style: { 'border-width': 4, 'border-style': 'double', 'border-color': '#1f2933' },
    },
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'curve-style': large ? 'straight' : 'bezier',
        'target-arrow-shape': large ? 'none' : 'triangle',
        'arrow-scale': 0.9,
        label: large ? '' : 'data(label)',
        'font-size': 9,
        color: '#3e4c59',
        'text-rotation': large ? 'none' : 'autorotate',
        // Beside the line, so the line's pattern shows (edge-label.ts; the canvas keeps the
        // margins in the edge's data as nodes move). Large graphs draw labels on the line.
        'text-margin-x': large ? 0 : (edge: EdgeSingular) => Number(edge.data('labelDx') ?? 0),
        'text-margin-y': large ? 0 : (edge: EdgeSingular) => Number(edge.data('labelDy') ?? 0),
        'text-background-color': '#ffffff',
        'text-background-opacity': large ? 0 : 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': MIN_ZOOMED_FONT_SIZE + 2,
      },
    },
    ...statusRules,
    ...(large
      ? [
          {
            selector: `edge.${DETAIL_CLASS}, edge:selected, edge.on-path`,
            style: { label: 'data(label)', 'target-arrow-shape': 'triangle' as const },
          },
        ]
      : []),
    {
      selector: 'edge.more-edge',
      style: {
        width: 1,
        'line-style': 'dashed',
        'line-color': '#9aa5b1',
        'target-arrow-shape': 'none',
        label: '',
      },
    },
    // Links not valid on the as-of date stay visible but fade, so the context is not lost.
    { selector: 'edge.out-of-date', style: { opacity: 0.15, 'text-opacity': 0 } },
    { selector: '.filtered', style: { display: 'none' } },
    // Dimmed, not gone: the context of a path stays legible.
    { selector: '.dimmed', style: { opacity: 0.22, 'text-opacity': 0.45 } },
    {
      selector: 'node.on-path',
      style: { 'border-width': 4, 'border-color': PATH_COLOR, opacity: 1, 'text-opacity': 1 },
    },
    {
      selector: 'edge.on-path',
      style: {
        width: 5,
        'line-color': PATH_COLOR,
        'target-arrow-color': PATH_COLOR,
        opacity: 1,
        'text-opacity': 1,
        // Not bold: Cytoscape sizes a cached edge label by its regular weight and clipped bold ones.
        color: PATH_COLOR,
        'z-index': 10,
      },
    },
    // Investigations (issue 20): what changed since the last opening, and a query's answer.
    {
      selector: 'node.changed',
      style: { 'underlay-color': CHANGED_COLOR, 'underlay-opacity': 0.45, 'underlay-padding': 9 },
    },
    {
      selector: 'edge.changed',
      style: { 'underlay-color': CHANGED_COLOR, 'underlay-opacity': 0.45, 'underlay-padding': 5 },
    },
    {
      selector: 'node.query-hit',
      style: { 'border-width': 4, 'border-color': QUERY_COLOR, opacity: 1 },
    },
    {
      selector: 'edge.query-hit',
      style: { width: 4, 'line-color': QUERY_COLOR, 'target-arrow-color': QUERY_COLOR, opacity: 1 },
    },
    // A path link that was not valid on the as-of date stays on the path, but visibly faded.
    { selector: 'edge.on-path.out-of-date', style: { opacity: 0.35 } },
    {
      selector: 'node:selected',
      style: {
        'overlay-color': SELECTION_COLOR,
        'overlay-opacity': 0.18,
        'overlay-padding': 6,
        'border-color': SELECTION_COLOR,
        'border-width': 4,
      },
    },
    {
      selector: 'edge:selected',
      style: {
        width: 4,
        'overlay-color': SELECTION_COLOR,
        'overlay-opacity': 0.2,
        'overlay-padding': 4,
        'text-opacity': 1,
      },
    },
  ];
}
