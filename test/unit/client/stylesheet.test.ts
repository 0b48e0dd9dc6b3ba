import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS, LINK_STATUSES } from '../../../client/src/api/types';
import { KIND_STYLES, STATUS_STYLES } from '../../../client/src/graph/kind-style';
import { buildStylesheet, DETAIL_CLASS, PATH_COLOR } from '../../../client/src/graph/stylesheet';

/** A headless Cytoscape with one node per kind and one edge per status. */
function styledGraph() {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    style: buildStylesheet(),
    elements: [
      ...ENTITY_KINDS.map((kind) => ({ data: { id: kind, kind, label: kind } })),
      ...LINK_STATUSES.map((status, i) => ({
        data: {
          id: `edge-${status}`,
          source: 'PERSON',
          target: ENTITY_KINDS[i + 1],
          status,
          label: '',
        },
      })),
    ],
  });
}

describe('the stylesheet', () => {
  it('draws each kind in its own colour and its own shape', () => {
    const cy = styledGraph();
    for (const kind of ENTITY_KINDS) {
      const node = cy.getElementById(kind);
      expect(node.style('shape')).toBe(KIND_STYLES[kind].shape);
      expect(node.style('background-color')).toBe(cytoscapeColor(KIND_STYLES[kind].color));
    }
    cy.destroy();
  });

  it('stays readable in greyscale: no two kinds share a shape', () => {
    const shapes = ENTITY_KINDS.map((kind) => KIND_STYLES[kind].shape);
    expect(new Set(shapes).size).toBe(ENTITY_KINDS.length);
  });

  it('draws disputed and denied links with lines unlike asserted ones', () => {
    const cy = styledGraph();
    const style = (status: string) => cy.getElementById(`edge-${status}`).style('line-style');
    expect(style('ASSERTED')).toBe('solid');
    expect(style('DISPUTED')).toBe('dashed');
    expect(style('DENIED')).toBe('dotted');
    const patterns = LINK_STATUSES.map(
      (s) => `${STATUS_STYLES[s].lineStyle}/${STATUS_STYLES[s].dashPattern.join(',')}`,
    );
    expect(new Set(patterns).size).toBe(LINK_STATUSES.length);
    cy.destroy();
  });

  it('hides labels when zoomed out', () => {
    const cy = styledGraph();
    expect(
      Number.parseFloat(cy.getElementById('PERSON').style('min-zoomed-font-size')),
    ).toBeGreaterThan(0);
    cy.destroy();
  });

  it('highlights a path and dims the rest', () => {
    const cy = styledGraph();
    const edge = cy.getElementById('edge-ASSERTED');
    edge.addClass('on-path');
    cy.getElementById('TOPIC').addClass('dimmed');
    expect(edge.style('line-color')).toBe(cytoscapeColor(PATH_COLOR));
    expect(Number(cy.getElementById('TOPIC').style('opacity'))).toBeLessThan(0.5);
    cy.destroy();
  });

  it('fades links outside the as-of date and removes filtered elements from the drawing', () => {
    const cy = styledGraph();
    const edge = cy.getElementById('edge-ASSERTED');
    edge.addClass('out-of-date');
    expect(Number(edge.style('opacity'))).toBeLessThan(0.5);
    cy.getElementById('AWARD').addClass('filtered');
    expect(cy.getElementById('AWARD').style('display')).toBe('none');
    cy.destroy();
  });
});

/** Cytoscape reports colours as rgb(r,g,b). */
function cytoscapeColor(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r},${g},${b})`;
}

describe('the large-graph stylesheet (level of detail)', () => {
  function largeGraph() {
    return cytoscape({
      headless: true,
      styleEnabled: true,
      style: buildStylesheet({ large: true }),
      elements: [
        { data: { id: 'a', kind: 'PERSON', label: 'Lei Jun' } },
        { data: { id: 'b', kind: 'ORGANIZATION', label: 'Xiaomi' } },
        { data: { id: 'ab', source: 'a', target: 'b', status: 'ASSERTED', label: 'leads' } },
        { data: { id: 'more:a', label: '+3 more' }, classes: 'more' },
      ],
    });
  }

  it('leaves labels and arrows off until an element is marked for detail', () => {
    const cy = largeGraph();
    const node = cy.getElementById('a');
    const edge = cy.getElementById('ab');
    expect(node.style('label')).toBe('');
    expect(edge.style('label')).toBe('');
    expect(edge.style('target-arrow-shape')).toBe('none');
    cy.elements().addClass(DETAIL_CLASS);
    expect(node.style('label')).toBe('Lei Jun');
    expect(edge.style('label')).toBe('leads');
    expect(edge.style('target-arrow-shape')).toBe('triangle');
    cy.destroy();
  });

  it('always labels what the user is looking at: the selection, the path and "+N more"', () => {
    const cy = largeGraph();
    cy.getElementById('ab').addClass('on-path');
    cy.getElementById('b').select();
    expect(cy.getElementById('ab').style('label')).toBe('leads');
    expect(cy.getElementById('ab').style('target-arrow-shape')).toBe('triangle');
    expect(cy.getElementById('b').style('label')).toBe('Xiaomi');
    expect(cy.getElementById('more:a').style('label')).toBe('+3 more');
    expect(cy.getElementById('a').style('label')).toBe('');
    cy.destroy();
  });
});
