/**
 * Runs the fCoSE force-directed layout on a headless Cytoscape and returns the positions. Used
 * by the layout worker, so a large graph is laid out off the main thread; pure enough to unit
 * test in Node.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose);

export interface LayoutInput {
  nodes: { id: string; x: number; y: number; width: number; height: number; fixed: boolean }[];
  /** `labelLength`: characters of the edge's label, so long labels get a longer edge. */
  edges: { id: string; source: string; target: string; labelLength?: number }[];
  /** Start from the current positions (true) or from scratch. */
  incremental: boolean;
}

export type Positions = Record<string, { x: number; y: number }>;

/**
 * Above this many nodes only fCoSE's spectral "draft" phase runs: measured here, the force
 * refinement took over 80 s for 2,000 nodes against under 2 s for the draft (docs/client.md).
 */
export const DRAFT_QUALITY_ABOVE = 400;

/** The ideal length of an edge with a short label or none. */
export const MIN_EDGE_LENGTH = 110;

/** Graphs this small are laid out from scratch even when asked to keep positions. */
export const FRESH_LAYOUT_UP_TO = 40;

export function fcoseOptions(input: LayoutInput): Record<string, unknown> {
  const large = input.nodes.length > DRAFT_QUALITY_ABOVE;
  const fixed = input.nodes.filter((n) => n.fixed);
  return {
    name: 'fcose',
    quality: large ? 'draft' : 'default', // draft: spectral only; default adds force refinement
    // Incremental runs keep the mental map on mid-sized graphs; tiny ones look better fresh
    // and large ones (draft quality) need the spectral start.
    randomize: !input.incremental || large || input.nodes.length <= FRESH_LAYOUT_UP_TO,
    animate: false, // the main thread animates to the result
    fit: false, // the main thread fits the viewport
    nodeDimensionsIncludeLabels: false, // headless, no fonts: the sizes given include labels
    packComponents: true, // separate islands are packed instead of drifting apart
    // Room for the edge's label between its two nodes (labels are 9 px, about 5.5 px a
    // character): a long label on a short edge ran under the nodes at both ends.
    idealEdgeLength: (edge: { data(key: string): unknown }) =>
      Math.max(MIN_EDGE_LENGTH, Number(edge.data('labelLength') ?? 0) * 5.5 + 70),
    nodeRepulsion: 9000, // keeps labelled nodes from overlapping
    nodeSeparation: 90,
    // Pinned nodes keep their place; fcose honours them in its constraint step.
    fixedNodeConstraint: fixed.length
      ? fixed.map((n) => ({ nodeId: n.id, position: { x: n.x, y: n.y } }))
      : undefined,
  };
}

export function computeFcosePositions(input: LayoutInput): Positions {
  const draft = input.nodes.length > DRAFT_QUALITY_ABOVE;
  const cy = cytoscape({
    headless: true,
    // The draft phase uses only the links, not node sizes: without a style Cytoscape builds
    // the graph about a third faster (5,000 nodes: 2.0 s against 3.3 s in Node, docs/client.md).
    styleEnabled: !draft,
    elements: [
      ...input.nodes.map((n) => ({
        group: 'nodes' as const,
        data: { id: n.id, w: n.width, h: n.height },
        position: { x: n.x, y: n.y },
      })),
      ...input.edges.map((e) => ({
        group: 'edges' as const,
        data: { id: e.id, source: e.source, target: e.target, labelLength: e.labelLength ?? 0 },
      })),
    ],
    style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)' } }],
  });
  if (input.nodes.length > 0)
    cy.layout(fcoseOptions(input) as unknown as cytoscape.LayoutOptions).run();
  const positions: Positions = {};
  cy.nodes().forEach((node) => {
    const { x, y } = node.position();
    positions[node.id()] = { x, y };
  });
  cy.destroy();
  if (draft) {
    const fixed = new Set(input.nodes.filter((n) => n.fixed).map((n) => n.id));
    return spreadOut(positions, fixed, Math.sqrt(input.nodes.length) * ROOM_PER_NODE);
  }
  return positions;
}

/** Side of the square each node gets when a draft layout is spread out. */
const ROOM_PER_NODE = 90;

/**
 * fCoSE's draft (spectral) layout packs large graphs tightly, nodes on top of each other.
 * This scales the positions about their centre until the drawing is at least `minSide` wide
 * or high; pinned nodes stay where they are.
 */
export function spreadOut(
  positions: Positions,
  fixed: ReadonlySet<string>,
  minSide: number,
): Positions {
  const points = Object.values(positions);
  if (points.length < 2) return positions;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  const scale = minSide / Math.max(width, height, 1);
  if (scale <= 1) return positions;
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const spread: Positions = {};
  for (const [id, p] of Object.entries(positions)) {
    spread[id] = fixed.has(id) ? p : { x: cx + (p.x - cx) * scale, y: cy + (p.y - cy) * scale };
  }
  return spread;
}
