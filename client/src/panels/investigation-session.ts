/**
 * What the parts of the Investigation section share: the investigation open now (id, version,
 * title), its saved queries, the canvas as it would be saved, and how a write reports a
 * refusal. The parts (investigation-list, -open, -changes, -queries) take this, not each other.
 */
import { ApiError } from '../api/graphql-api';
import {
  type Canvas,
  createInvestigationsApi,
  type InvestigationSummary,
  type SavedQuery,
} from '../api/investigations-api';
import type { EntitySummary, LinkRecord } from '../api/types';
import type { ExplorerContext } from '../controllers/context';
import { addToStore } from '../state/graph-store';
import { canvasFromView } from '../state/investigation-canvas';
import { replaceChildren } from '../ui/dom';

export interface Current {
  id: string;
  version: number;
  title: string;
  description: string | null;
}

export type InvestigationSession = ReturnType<typeof createInvestigationSession>;

/** A refusal of a write, in words that say what the user can still do. */
function writeProblem(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED')
      return `Not saved: ${error.detail.replace(/\.$/, '')}. With this token you can open investigations but not change them; enter a write token above.`;
    if (error.code === 'CONFLICT')
      return `Not saved: someone saved a newer version meanwhile (${error.detail.replace(/\.$/, '')}). Open it again to see theirs, or "Save as new" to keep yours.`;
    return `Failed: ${error.detail}.`;
  }
  return `Failed: ${error instanceof Error ? error.message : String(error)}.`;
}

export function createInvestigationSession(ctx: ExplorerContext) {
  const { activity, store, view, canvas } = ctx;
  let current: Current | null = null;
  let queries: SavedQuery[] = [];
  const currentListeners: ((current: Current | null) => void)[] = [];

  return {
    ctx,
    investigations: createInvestigationsApi(ctx.api),

    /** The investigation open now, or null. */
    get current(): Current | null {
      return current;
    },
    /** After a save, a rename or an opening: what the server answered (null: none open). */
    setCurrent(saved: InvestigationSummary | null) {
      current = saved
        ? {
            id: saved.id,
            version: saved.version,
            title: saved.title,
            description: saved.description,
          }
        : null;
      for (const listener of currentListeners) listener(current);
    },
    onCurrent(listener: (current: Current | null) => void) {
      currentListeners.push(listener);
    },

    /** The saved queries of the investigation open now (kept in its canvas). */
    get queries(): SavedQuery[] {
      return queries;
    },
    set queries(list: SavedQuery[]) {
      queries = list;
    },

    /** The canvas as it is now, as it would be saved. */
    snapshotCanvas(): Canvas {
      return canvasFromView(
        store.entities.keys(),
        view,
        {
          positions: canvas.positions(),
          viewport: { zoom: canvas.cy.zoom(), pan: canvas.cy.pan() },
          pathFinder: ctx.actions.pathFinder(),
        },
        queries,
      );
    },

    /** Runs a write; a refusal is shown in `where` (the panel the user is looking at). */
    async write<T>(label: string, work: () => Promise<T>, where: HTMLElement) {
      const outcome = await activity.attempt(label, async () => {
        try {
          return { ok: true as const, value: await work() };
        } catch (error) {
          return { ok: false as const, problem: writeProblem(error) };
        }
      });
      if (!outcome?.ok) return undefined;
      if (!outcome.value.ok) {
        where.classList.add('error');
        replaceChildren(where, outcome.value.problem);
        return undefined;
      }
      where.classList.remove('error');
      return outcome.value.value;
    },

    /** Adds entities and links to the canvas (one undo step) and fits the view to them. */
    addAndFit(label: string, entities: EntitySummary[], links: LinkRecord[]) {
      const change = addToStore(store, label, { entities, links });
      ctx.undo.push(change);
      ctx.refresh();
      if (change.entityIds.length)
        canvas.fit(new Set([...change.entityIds, ...entities.map((e) => e.id)]));
    },
  };
}
