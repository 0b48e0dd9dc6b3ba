import cytoscape, { type ElementDefinition } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { createArrivalQueue, whenArrived } from '../../../client/src/graph/arrival';

function chain(nodes: number): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  for (let i = 0; i < nodes; i++) elements.push({ group: 'nodes', data: { id: `n${i}` } });
  for (let i = 1; i < nodes; i++)
    elements.push({ group: 'edges', data: { id: `e${i}`, source: `n${i - 1}`, target: `n${i}` } });
  return elements;
}

function setUp(chunk: number) {
  const cy = cytoscape({ headless: true });
  const chunks: number[] = [];
  let idle = 0;
  const queue = createArrivalQueue(cy, {
    chunk,
    onChunk: (added) => chunks.push(added.length),
    onIdle: () => idle++,
  });
  return { cy, queue, chunks, idled: () => idle };
}

describe('the arrival queue (large additions in chunks)', () => {
  it('adds everything, never more than a chunk per task, each edge with or after its ends', async () => {
    const { cy, queue, chunks, idled } = setUp(100);
    // Edges listed first: the queue still adds their ends before them.
    const elements = chain(250);
    queue.enqueue([
      ...elements.filter((e) => e.group === 'edges'),
      ...elements.filter((e) => e.group === 'nodes'),
    ]);
    expect(cy.elements().length).toBe(0); // nothing blocks the caller
    expect(queue.size).toBe(499);
    await whenArrived(cy);
    expect(cy.nodes().length).toBe(250);
    expect(cy.edges().length).toBe(249);
    expect(Math.max(...chunks)).toBeLessThanOrEqual(100);
    expect(chunks.length).toBeGreaterThanOrEqual(5);
    expect(idled()).toBe(1);
  });

  it('lets queued elements be read, changed and dropped before they arrive', async () => {
    const { cy, queue } = setUp(50);
    queue.enqueue(chain(120));
    const queued = queue.get('n100');
    expect(queued?.data.id).toBe('n100');
    if (queued) queued.data = { ...queued.data, label: 'changed while queued' };
    expect(queue.drop('n119')).toBe(true);
    expect(queue.drop('not-queued')).toBe(false);
    await queue.idle();
    expect(cy.getElementById('n100').data('label')).toBe('changed while queued');
    expect(cy.getElementById('n119').empty()).toBe(true);
    // The edge to the dropped node cannot be drawn and is left out instead of failing.
    expect(cy.getElementById('e119').empty()).toBe(true);
    expect(cy.edges().length).toBe(118);
  });

  it('holds the picture until the positions come, then moves nodes there, pinned ones not', async () => {
    const { cy, queue, idled } = setUp(1000);
    let release: (spots: Record<string, { x: number; y: number }>) => void = () => {};
    const positions = new Promise<Record<string, { x: number; y: number }>>((resolve) => {
      release = resolve;
    });
    queue.enqueue(chain(10));
    queue.holdFor(positions);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Adding went on meanwhile; the queue is still busy and has not finished.
    expect(cy.elements().length).toBe(19);
    expect(queue.busy).toBe(true);
    expect(idled()).toBe(0);
    cy.getElementById('n1').lock();
    release({ n0: { x: 500, y: 70 }, n1: { x: -1, y: -1 } });
    await queue.idle();
    expect(cy.getElementById('n0').position()).toEqual({ x: 500, y: 70 });
    expect(cy.getElementById('n1').position()).not.toEqual({ x: -1, y: -1 });
    expect(queue.busy).toBe(false);
    expect(idled()).toBe(1);
  });

  it('gives elements still queued their final place before they are added', async () => {
    const { cy, queue } = setUp(4);
    queue.enqueue(chain(40));
    queue.holdFor(Promise.resolve({ n39: { x: 123, y: 456 } }));
    await queue.idle();
    expect(cy.getElementById('n39').position()).toEqual({ x: 123, y: 456 });
  });

  it('keeps positions as they are when the layout fails', async () => {
    const { cy, queue } = setUp(100);
    queue.enqueue([{ group: 'nodes', data: { id: 'a' }, position: { x: 1, y: 2 } }]);
    queue.holdFor(Promise.reject(new Error('the layout worker failed')));
    await queue.idle();
    expect(cy.getElementById('a').position()).toEqual({ x: 1, y: 2 });
  });

  it('takes more elements while busy, and still finishes once', async () => {
    const { cy, queue, idled } = setUp(40);
    queue.enqueue(chain(100));
    await new Promise((resolve) => setTimeout(resolve, 0));
    queue.enqueue([
      { group: 'nodes', data: { id: 'late' } },
      { group: 'edges', data: { id: 'to-late', source: 'n0', target: 'late' } },
    ]);
    await whenArrived(cy);
    expect(cy.getElementById('to-late').nonempty()).toBe(true);
    expect(cy.elements().length).toBe(201);
    expect(idled()).toBe(1);
  });
});
