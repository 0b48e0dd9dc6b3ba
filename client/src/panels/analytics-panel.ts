/**
 * "Who matters here?": ranks the entities on the canvas by a centrality score (Graph Data
 * Science on the server), sizes or colours the nodes by it, colours them by community, and
 * lists the first ones. Hidden when the server has no Graph Data Science.
 */
import type { NodeSingular } from 'cytoscape';
import {
  ANALYTICS_UNAVAILABLE,
  CENTRALITY_MEASURES,
  type CentralityMeasure,
  type CommunityGroup,
  createAnalyticsApi,
  type EntityScore,
  MEASURE_LABELS,
} from '../api/analytics-api';
import { ApiError } from '../api/graphql-api';
import type { ExplorerContext } from '../controllers/context';
import { KIND_STYLES } from '../graph/kind-style';
import { communityColor, communityOf, nodeLooks, type ScoreDisplay } from '../state/score-styles';
import { byId, h, replaceChildren, shapeIcon } from '../ui/dom';
import './analytics-panel.css';
import { counted } from '../state/counted';

/** Entities in the "Who matters here?" list. */
export const WHO_MATTERS_SHOWN = 10;
/** The API's cap on `within`. */
const MAX_WITHIN = 5000;

const DISPLAY_LABELS: Record<ScoreDisplay | 'none', string> = {
  none: 'Nodes as they are',
  size: 'Size by score',
  color: 'Colour by score',
  both: 'Size and colour by score',
};

export function mountAnalyticsPanel(ctx: ExplorerContext): void {
  const analytics = createAnalyticsApi(ctx.api);
  const cy = ctx.canvas.cy;
  const section = byId<HTMLDetailsElement>('analytics-section');
  const container = byId('analytics');
  section.hidden = true;

  let measure: CentralityMeasure = 'PAGE_RANK';
  let display: ScoreDisplay | 'none' = 'size';
  let byCommunity = false;
  /** True once the researcher asked for a ranking: canvas changes then rank again. */
  let active = false;
  let scores: EntityScore[] = [];
  let groups: CommunityGroup[] = [];
  let status: { text: string; error: boolean } | null = null;
  let request = 0;

  const measureSelect = h(
    'select',
    { id: 'analytics-measure' },
    CENTRALITY_MEASURES.map((m) => h('option', { value: m }, MEASURE_LABELS[m])),
  );
  measureSelect.addEventListener('change', () => {
    measure = measureSelect.value as CentralityMeasure;
    void rank();
  });
  const displaySelect = h(
    'select',
    { id: 'analytics-display' },
    (Object.keys(DISPLAY_LABELS) as (ScoreDisplay | 'none')[]).map((d) =>
      h('option', { value: d, selected: d === display }, DISPLAY_LABELS[d]),
    ),
  );
  displaySelect.addEventListener('change', () => {
    display = displaySelect.value as ScoreDisplay | 'none';
    if (active) applyLooks();
  });
  const communityBox = h('input', { type: 'checkbox', id: 'analytics-communities' });
  communityBox.addEventListener('change', () => {
    byCommunity = communityBox.checked;
    void rank();
  });
  const results = h('div', { class: 'analytics-results' });
  replaceChildren(
    container,
    h('div', { class: 'row' }, h('label', { for: 'analytics-measure' }, 'Score'), measureSelect),
    h(
      'div',
      { class: 'row' },
      h('label', { class: 'visually-hidden', for: 'analytics-display' }, 'Show'),
      displaySelect,
    ),
    h('label', { class: 'check small' }, communityBox, ' Colour by community'),
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        { type: 'button', id: 'analytics-run', class: 'primary', onclick: () => void rank() },
        'Rank the canvas',
      ),
      h('button', { type: 'button', id: 'analytics-clear', onclick: () => clear() }, 'Clear'),
    ),
    results,
  );

  /** Asks the server for the scores (and communities) of the entities on the canvas. */
  async function rank() {
    const ids = ctx.canvas.entityIds();
    active = true;
    const ticket = ++request;
    if (ids.length === 0) {
      scores = [];
      groups = [];
      status = { text: 'The canvas is empty: add entities first.', error: false };
      applyLooks();
      return;
    }
    if (ids.length > MAX_WITHIN) {
      status = {
        text: `Ranking takes at most ${MAX_WITHIN} entities; the canvas has ${ids.length}.`,
        error: true,
      };
      render();
      return;
    }
    status = { text: `Ranking ${counted(ids.length, 'entity', 'entities')}…`, error: false };
    render();
    try {
      const [ranked, communities] = await Promise.all([
        analytics.centrality(measure, ids),
        byCommunity ? analytics.communities(ids) : Promise.resolve([]),
      ]);
      if (ticket !== request) return;
      scores = ranked;
      groups = communities;
      status = null;
    } catch (error) {
      if (ticket !== request) return;
      if (error instanceof ApiError && error.code === ANALYTICS_UNAVAILABLE) {
        hide();
        return;
      }
      status = {
        text: `Ranking failed: ${error instanceof ApiError ? error.detail : String(error)}`,
        error: true,
      };
    }
    applyLooks();
  }

  function applyLooks() {
    const looks = active
      ? nodeLooks(
          scores,
          display === 'none' ? null : display,
          byCommunity ? communityOf(groups) : null,
        )
      : new Map();
    let removed = false;
    cy.batch(() => {
      cy.nodes().forEach((node: NodeSingular) => {
        const look = looks.get(node.id());
        for (const [field, value] of [
          ['scoreSize', look?.size],
          ['scoreColor', look?.color],
        ] as const) {
          if (value !== undefined) node.data(field, value);
          else if (node.data(field) !== undefined) {
            node.removeData(field);
            removed = true;
          }
        }
      });
    });
    // Removing data does not restyle by itself: the `node[scoreSize]` rules must let go.
    if (removed) cy.style().update();
    render();
  }

  function clear() {
    active = false;
    ++request;
    scores = [];
    groups = [];
    status = null;
    applyLooks();
  }

  function hide() {
    clear();
    section.hidden = true;
  }

  function render() {
    const names = new Map(scores.map((s) => [s.id, s]));
    replaceChildren(
      results,
      status
        ? h(
            'p',
            {
              id: 'analytics-status',
              class: `small${status.error ? ' error' : ' muted'}`,
              role: status.error ? 'alert' : 'status',
            },
            status.text,
          )
        : null,
      active && scores.length
        ? [
            h('h4', {}, `Who matters here? (${MEASURE_LABELS[measure]})`),
            h(
              'ol',
              { id: 'who-matters', class: 'who-matters' },
              scores.slice(0, WHO_MATTERS_SHOWN).map((s) =>
                h(
                  'li',
                  { 'data-entity-id': s.id, 'data-rank': s.rank },
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'link-button',
                      onclick: () => void ctx.actions.selectEntity(s.id),
                    },
                    shapeIcon(KIND_STYLES[s.kind].shape, KIND_STYLES[s.kind].color, 12),
                    ` ${s.name}`,
                  ),
                  h('span', { class: 'score muted small' }, formatScore(s.score)),
                ),
              ),
            ),
          ]
        : null,
      active && byCommunity && groups.length
        ? [
            h('h4', {}, `Communities (${groups.length})`),
            h(
              'ul',
              { id: 'analytics-community-list', class: 'community-list small' },
              groups.map((g) =>
                h(
                  'li',
                  { 'data-community': g.id },
                  swatch(communityColor(g.id)),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'link-button small',
                      title: 'Fit this community in view',
                      onclick: () => ctx.canvas.fit(new Set(g.memberIds)),
                    },
                    `${g.memberIds
                      .slice(0, 2)
                      .map((id) => names.get(id)?.name ?? id)
                      .join(', ')}${g.size > 2 ? ` and ${g.size - 2} more` : ''}`,
                  ),
                ),
              ),
            ),
          ]
        : null,
    );
  }

  // The canvas changed while a ranking is shown: rank again, once it holds still.
  let pending: ReturnType<typeof setTimeout> | null = null;
  cy.on('add remove', 'node', () => {
    if (!active) return;
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => void rank(), 600);
  });

  analytics.available().then(
    (available) => {
      section.hidden = !available;
      render();
    },
    () => {
      section.hidden = true; // without an answer, nothing to offer
    },
  );
}

/** A colour chip; set through CSSOM, since the CSP forbids style attributes. */
function swatch(color: string): HTMLSpanElement {
  const chip = h('span', { class: 'swatch' });
  chip.style.backgroundColor = color;
  return chip;
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(3);
}
