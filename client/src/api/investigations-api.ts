/**
 * The explorer's operations on saved investigations, their notes, `changes` and saved queries
 * (docs/investigations.md). Sent through the API module's `request`, so they carry the tab's
 * token and fail with the same ApiError messages.
 */
import type {
  SavedQuery,
  Canvas as StoredCanvas,
  PathFinder as StoredPathFinder,
  InvestigationWrite as StoredWrite,
} from '../../../server/model/investigation';
import {
  ENTITY_FIELDS,
  LINK_FIELDS,
  type RawEntity,
  type RawLink,
  type ThreadlineApi,
  toLink,
  toSummary,
} from './graphql-api';
import type { EntityKind, EntitySummary, LinkRecord, LinkStatus, LinkType } from './types';

export type { SavedQuery };

/** The path finder's settings as GraphQL carries them (statuses in the API's spelling). */
export type PathFinderSettings = Omit<StoredPathFinder, 'statuses'> & { statuses: LinkStatus[] };

/** The canvas as GraphQL carries it: the server's model with the API's enum spellings. */
export type Canvas = Omit<StoredCanvas, 'filters' | 'pathFinder'> & {
  filters: { kinds: EntityKind[]; linkTypes: LinkType[]; statuses: LinkStatus[] };
  pathFinder: PathFinderSettings | null;
};

/** What the list shows; the canvas is read only when one is opened. */
export interface InvestigationSummary {
  id: string;
  title: string;
  description: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
  entityCount: number;
}

export type NoteTarget = 'ENTITY' | 'LINK' | 'INVESTIGATION';

export interface Note {
  id: string;
  target: NoteTarget;
  targetId: string;
  markdown: string;
  /** Rendered by the server with raw HTML off; the client still copies only allowed tags. */
  html: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface OpenedInvestigation extends InvestigationSummary {
  canvas: Canvas;
  /** The canvas entities still in the graph and the links among them. */
  entities: EntitySummary[];
  links: LinkRecord[];
  notes: Note[];
}

export type ChangeKind = 'APPEARED' | 'CHANGED' | 'RETRACTED' | 'ENDED' | 'JOINED';

export interface Change {
  kind: ChangeKind;
  at: string;
  by: string | null;
  entity: EntitySummary | null;
  link: LinkRecord | null;
  detail: string | null;
}

const SUMMARY_FIELDS = 'id title description version updatedAt updatedBy entityCount';
const CANVAS_FIELDS = `canvas {
  entities { id x y pinned hidden }
  filters { kinds linkTypes statuses }
  asOf asOfRange { from to }
  selectedPaths { entityIds linkIds }
  layout { name zoom panX panY }
  queries { name query variables }
  pathFinder { from to maxHops mode linkTypes statuses }
}`;
const NOTE_FIELDS = 'id target targetId markdown html author createdAt updatedAt';

/** saveInvestigation's input: without an id it creates, with one it needs the version read. */
export type InvestigationWrite = Omit<StoredWrite, 'canvas'> & { canvas: Canvas };

export function createInvestigationsApi(api: ThreadlineApi) {
  const { request } = api;
  return {
    async list(first = 50): Promise<InvestigationSummary[]> {
      const data = await request<{ investigations: { edges: { node: InvestigationSummary }[] } }>(
        `query Investigations($first: Int) {
          investigations(first: $first) { edges { node { ${SUMMARY_FIELDS} } } }
        }`,
        { first },
      );
      return data.investigations.edges.map((edge) => edge.node);
    },

    /** One request: the saved canvas, the graph to draw and the notes. Null when it is gone. */
    async open(id: string, signal?: AbortSignal): Promise<OpenedInvestigation | null> {
      const data = await request<{
        investigation:
          | (InvestigationSummary & {
              canvas: Canvas;
              graph: { entities: RawEntity[]; links: RawLink[] };
              notes: Note[];
            })
          | null;
      }>(
        `query OpenInvestigation($id: ID!) {
          investigation(id: $id) {
            ${SUMMARY_FIELDS} ${CANVAS_FIELDS}
            graph { entities { ...EntityFields } links { ...LinkFields } }
            notes { ${NOTE_FIELDS} }
          }
        } ${ENTITY_FIELDS} ${LINK_FIELDS}`,
        { id },
        signal,
      );
      const found = data.investigation;
      if (!found) return null;
      const { graph, ...rest } = found;
      return {
        ...rest,
        entities: graph.entities.map(toSummary),
        links: graph.links.map(toLink),
      };
    },

    async save(write: InvestigationWrite): Promise<InvestigationSummary> {
      const data = await request<{ saveInvestigation: InvestigationSummary }>(
        `mutation SaveInvestigation($input: InvestigationInput!) {
          saveInvestigation(input: $input) { ${SUMMARY_FIELDS} }
        }`,
        { input: write },
      );
      return data.saveInvestigation;
    },

    async rename(id: string, title: string, version: number): Promise<InvestigationSummary> {
      const data = await request<{ renameInvestigation: InvestigationSummary }>(
        `mutation Rename($id: ID!, $title: String!, $version: Int) {
          renameInvestigation(id: $id, title: $title, version: $version) { ${SUMMARY_FIELDS} }
        }`,
        { id, title, version },
      );
      return data.renameInvestigation;
    },

    async duplicate(id: string): Promise<InvestigationSummary> {
      const data = await request<{ duplicateInvestigation: InvestigationSummary }>(
        `mutation Duplicate($id: ID!) { duplicateInvestigation(id: $id) { ${SUMMARY_FIELDS} } }`,
        { id },
      );
      return data.duplicateInvestigation;
    },

    async remove(id: string, version: number): Promise<void> {
      await request(
        `mutation Delete($id: ID!, $version: Int) { deleteInvestigation(id: $id, version: $version) }`,
        { id, version },
      );
    },

    /**
     * Records that the token's person opens it now; answers when they opened it before (null:
     * never). Refused (UNAUTHENTICATED/FORBIDDEN) without a write token.
     */
    async markOpened(id: string): Promise<{ previous: string | null; at: string; by: string }> {
      const data = await request<{
        markInvestigationOpened: { previous: string | null; at: string; by: string };
      }>(`mutation MarkOpened($id: ID!) { markInvestigationOpened(id: $id) { previous at by } }`, {
        id,
      });
      return data.markInvestigationOpened;
    },

    async notes(id: string): Promise<Note[]> {
      const data = await request<{ investigation: { notes: Note[] } | null }>(
        `query Notes($id: ID!) { investigation(id: $id) { notes { ${NOTE_FIELDS} } } }`,
        { id },
      );
      return data.investigation?.notes ?? [];
    },

    async addNote(
      investigationId: string,
      target: NoteTarget,
      targetId: string,
      markdown: string,
    ): Promise<Note> {
      const data = await request<{ addNote: Note }>(
        `mutation AddNote($input: NoteInput!) { addNote(input: $input) { ${NOTE_FIELDS} } }`,
        { input: { investigationId, target, targetId, markdown } },
      );
      return data.addNote;
    },

    async deleteNote(id: string): Promise<void> {
      await request(`mutation DeleteNote($id: ID!) { deleteNote(id: $id) }`, { id });
    },

    /** What changed within `radius` links of the investigation's entities since `since`. */
    async changes(
      investigationId: string,
      since: string,
      radius = 1,
    ): Promise<{ changes: Change[]; hasMore: boolean }> {
      const data = await request<{
        changes: {
          hasMore: boolean;
          changes: (Omit<Change, 'entity' | 'link'> & {
            entity: RawEntity | null;
            link: RawLink | null;
          })[];
        };
      }>(
        `query Changes($since: DateTime!, $id: ID!, $radius: Int) {
          changes(since: $since, investigation: $id, radius: $radius) {
            hasMore
            changes { kind at by detail entity { ...EntityFields } link { ...LinkFields } }
          }
        } ${ENTITY_FIELDS} ${LINK_FIELDS}`,
        { since, id: investigationId, radius },
      );
      return {
        hasMore: data.changes.hasMore,
        changes: data.changes.changes.map((c) => ({
          ...c,
          entity: c.entity ? toSummary(c.entity) : null,
          link: c.link ? toLink(c.link) : null,
        })),
      };
    },

    /** Runs a researcher's own query; the answer's data as it came. */
    runQuery(query: string, variables: Record<string, unknown>): Promise<unknown> {
      return request<unknown>(query, variables);
    },
  };
}

export type InvestigationsApi = ReturnType<typeof createInvestigationsApi>;
