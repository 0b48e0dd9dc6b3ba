/**
 * The layout choices: force-directed (fCoSE, in a worker), concentric (by number of links) and
 * hierarchical (breadth-first from the selected entity or the best-connected one).
 */
import type { LayoutOptions, NodeSingular } from 'cytoscape';
import type { LayoutName } from '../state/url-state';

export const LAYOUT_LABELS: Record<LayoutName, string> = {
  fcose: 'Force-directed',
  concentric: 'Concentric',
  breadthfirst: 'Hierarchical',
};

/** Animate layouts up to this many nodes; above it positions jump (animation costs frames). */
export const ANIMATE_UP_TO = 250;

/** Options for the layouts Cytoscape runs on the main thread (both are linear and fast). */
export function mainThreadLayoutOptions(
  name: Exclude<LayoutName, 'fcose'>,
  nodeCount: number,
  roots: string[],
): LayoutOptions {
  const animate = nodeCount <= ANIMATE_UP_TO;
  if (name === 'concentric') {
    return {
      name: 'concentric',
      concentric: (node: NodeSingular) => node.degree(false), // best-connected in the middle
      levelWidth: () => 2, // rings group nodes whose degree differs by less than this
      minNodeSpacing: 40, // room for labels
      animate,
      animationDuration: 400,
      fit: true,
      padding: 40,
    } as LayoutOptions;
  }
  return {
    name: 'breadthfirst',
    directed: false, // links point both ways through a story; rank by distance only
    roots: roots.length ? roots : undefined, // undefined: Cytoscape picks the best roots
    spacingFactor: 1.1, // a little air between ranks for edge labels
    avoidOverlap: true,
    animate,
    animationDuration: 400,
    fit: true,
    padding: 40,
  } as LayoutOptions;
}
