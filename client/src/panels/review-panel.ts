/**
 * "Possible duplicates": a review queue of candidate pairs (for the entities on the canvas or
 * the whole graph), two records side by side with the score's reasons, and Same / Different /
 * Unsure from the keyboard. Records joined by a SAME judgement get a double ring on the canvas;
 * selecting one shows its identity's records, and each SAME judgement can be split (undone).
 */
import type { NodeSingular } from 'cytoscape';
import { ApiError } from '../api/graphql-api';
import { checkWriteToken, createMatchingApi } from '../api/matching-api';
import type {
  Decision,
  IdentityView,
  JudgementRecord,
  MatchCandidate,
  ReviewRecord,
} from '../api/matching-types';
import type { ExplorerContext } from '../controllers/context';
import { KIND_STYLES } from '../graph/kind-style';
import {
  appendCandidates,
  countDecisions,
  createQueue,
  currentPair,
  decisionForKey,
  lastJudged,
  mergeCandidates,
  movePair,
  nextPair,
  type QueuedPair,
  type ReviewQueue,
  recordJudgement,
  restoreLast,
} from '../state/review-queue';
import { byId, h, replaceChildren, shapeIcon } from '../ui/dom';
import { createTokenBox, type TokenBox, type TokenState } from '../ui/token-box';
import './review-panel.css';

type Scope = 'canvas' | 'graph';

/** Candidates asked for per canvas entity, and per page of the whole graph. */
const PER_ENTITY = 10;
const GRAPH_PAGE = 50;
/** The API's largest page. */
const MAX_PAGE = 200;
/** Canvas entities whose candidates are asked for (10 per request). */
const MAX_CANVAS_ENTITIES = 100;
const MIN_SCORES = [0.3, 0.5, 0.7, 0.9];
const DECISION_LABELS: Record<Decision, string> = {
  SAME: 'Same',
  DIFFERENT: 'Different',
  UNSURE: 'Unsure',
};

/** Why a write was refused, in words that say what to do. */
export function refusalText(error: unknown): string {
  if (!(error instanceof ApiError)) return `it failed (${String(error)})`;
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'the server refused it: judging needs a write token, and this tab has none the server knows. Enter one under "Write token".';
    case 'FORBIDDEN':
      return 'the server refused it: the token in this tab may read but not write. Enter a write token.';
    case 'CONFLICT':
      return `${error.detail} Reload the queue to see the pair as it is now.`;
    default:
      return error.detail;
  }
}

export function mountReviewPanel(ctx: ExplorerContext): void {
  const matching = createMatchingApi(ctx.api);
  const cy = ctx.canvas.cy;
  /** Adds an entity to the canvas (or selects it when it is there). */
  const showEntity = (id: string, name: string) => void ctx.actions.addEntity(id, name);
  const section = byId('review');
  const dialog = byId<HTMLDialogElement>('review-dialog');
  const card = byId('identity-card');

  let scope: Scope = 'canvas';
  let minScore = 0.5;
  let queue: ReviewQueue | null = null;
  let more = false;
  let loading = false;
  let busy = false;
  let message: { text: string; error: boolean } | null = null;
  const records = new Map<string, Promise<[ReviewRecord, ReviewRecord]>>();
  const loaded = new Map<string, [ReviewRecord, ReviewRecord]>();

  const tokenBoxes: TokenBox[] = [];
  const onTokenChange = (state: TokenState) => {
    for (const box of tokenBoxes) box.show(state);
  };
  const check = (token: string) => checkWriteToken(token);

  // ---------- the sidebar section ----------
  const minScoreSelect = h(
    'select',
    { id: 'review-min-score', title: 'Lowest score to propose' },
    MIN_SCORES.map((s) =>
      h('option', { value: String(s), selected: s === minScore }, `score ≥ ${s}`),
    ),
  );
  minScoreSelect.addEventListener('change', () => {
    minScore = Number(minScoreSelect.value);
  });
  const sidebarToken = h('div', { id: 'review-token' });
  replaceChildren(
    section,
    h(
      'p',
      { class: 'small muted' },
      'Pairs of records that may be one body (the same company on two lists), best first.',
    ),
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        { type: 'button', id: 'review-canvas', onclick: () => void open('canvas') },
        'Review the canvas',
      ),
      h(
        'button',
        { type: 'button', id: 'review-graph', onclick: () => void open('graph') },
        'Whole graph',
      ),
    ),
    h(
      'div',
      { class: 'row' },
      h('label', { for: 'review-min-score', class: 'small' }, 'Propose'),
      minScoreSelect,
    ),
    sidebarToken,
  );
  tokenBoxes.push(createTokenBox(sidebarToken, check, onTokenChange));

  // ---------- the dialog ----------
  const dialogToken = h('div', { id: 'review-dialog-token', class: 'review-token' });
  const body = h('div', { class: 'review-body' });
  const heading = h('h2', { id: 'review-title' }, 'Possible duplicates');
  const progress = h('span', { id: 'review-progress', class: 'small muted' });
  replaceChildren(
    dialog,
    h(
      'header',
      { class: 'review-header' },
      heading,
      progress,
      h('span', { class: 'toolbar-gap' }),
      h('button', { type: 'button', id: 'review-reload', onclick: () => void load() }, 'Reload'),
      h('button', { type: 'button', id: 'review-close', onclick: () => dialog.close() }, 'Close'),
    ),
    dialogToken,
    body,
    h(
      'p',
      { class: 'review-keys small muted' },
      h('kbd', {}, 'S'),
      ' same · ',
      h('kbd', {}, 'D'),
      ' different · ',
      h('kbd', {}, 'U'),
      ' unsure · ',
      h('kbd', {}, '→'),
      '/',
      h('kbd', {}, 'J'),
      ' skip · ',
      h('kbd', {}, '←'),
      '/',
      h('kbd', {}, 'K'),
      ' back · ',
      h('kbd', {}, 'Z'),
      ' undo the last judgement · ',
      h('kbd', {}, 'Esc'),
      ' close',
    ),
  );
  const dialogTokenBox = createTokenBox(dialogToken, check, onTokenChange);
  tokenBoxes.push(dialogTokenBox);
  for (const box of tokenBoxes) box.render();
  if (dialogTokenBox.state === 'unchecked') void dialogTokenBox.recheck();

  // On the document, before the explorer's own listener: the dialog redraws its buttons, so
  // focus often falls back to the body, and the explorer's single-key shortcuts (n, p, f, …)
  // must not act behind the dialog.
  document.addEventListener(
    'keydown',
    (event) => {
      if (!dialog.open) return;
      const typing =
        event.target instanceof HTMLInputElement ||
        event.target instanceof HTMLTextAreaElement ||
        event.target instanceof HTMLSelectElement;
      if (typing) return;
      event.stopPropagation();
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const decision = decisionForKey(event.key);
      const key = event.key.toLowerCase();
      if (decision) void decide(decision);
      else if (key === 'arrowright' || key === 'j') step(1);
      else if (key === 'arrowleft' || key === 'k') step(-1);
      else if (key === 'z') void undoLast();
      else return;
      event.preventDefault();
    },
    { capture: true },
  );

  async function open(which: Scope) {
    scope = which;
    if (!dialog.open) dialog.showModal();
    dialog.focus();
    await load();
  }

  async function load() {
    loading = true;
    message = null;
    queue = null;
    records.clear();
    loaded.clear();
    render();
    try {
      if (scope === 'canvas') {
        const all = ctx.canvas.entityIds();
        const ids = all.slice(0, MAX_CANVAS_ENTITIES);
        if (all.length > ids.length)
          message = {
            text: `Candidates of the first ${ids.length} of the ${all.length} entities on the canvas; use Whole graph for the rest.`,
            error: false,
          };
        const lists = ids.length
          ? await matching.candidatesOf(ids, { minScore, first: PER_ENTITY })
          : [];
        queue = createQueue(mergeCandidates(lists));
        more = false;
      } else {
        const page = await matching.candidates({ minScore, first: GRAPH_PAGE });
        queue = createQueue(page.candidates);
        more = page.hasNextPage;
      }
    } catch (error) {
      message = { text: `Loading the candidates failed: ${refusalText(error)}`, error: true };
    }
    loading = false;
    render();
    prefetch();
  }

  /**
   * The next page of the whole graph. Cursors are positions in a list that shrinks as pairs
   * are judged, so the page is asked for from the start and pairs already here are skipped.
   */
  async function loadMore() {
    if (!queue || loading) return;
    loading = true;
    render();
    try {
      const first = Math.min(MAX_PAGE, queue.pairs.length + GRAPH_PAGE);
      const page = await matching.candidates({ minScore, first });
      appendCandidates(queue, page.candidates);
      more = page.hasNextPage && first < MAX_PAGE;
    } catch (error) {
      message = { text: `Loading more candidates failed: ${refusalText(error)}`, error: true };
    }
    loading = false;
    render();
    prefetch();
  }

  function recordsOf(pair: QueuedPair): Promise<[ReviewRecord, ReviewRecord]> {
    let pending = records.get(pair.key);
    if (!pending) {
      pending = matching.pairRecords(pair.candidate.a.id, pair.candidate.b.id);
      records.set(pair.key, pending);
      pending.then(
        (both) => {
          loaded.set(pair.key, both);
          if (queue && currentPair(queue)?.key === pair.key) render();
        },
        () => records.delete(pair.key),
      );
    }
    return pending;
  }

  /** Loads the shown pair's records and the next pair's, so judging never waits for them. */
  function prefetch() {
    if (!queue) return;
    for (const pair of [currentPair(queue), nextPair(queue)]) {
      if (pair) recordsOf(pair).catch(() => undefined);
    }
  }

  function step(delta: number) {
    if (!queue || busy) return;
    if (movePair(queue, delta)) {
      message = null;
      render();
      prefetch();
    }
  }

  async function decide(decision: Decision) {
    const pair = queue ? currentPair(queue) : null;
    if (!queue || !pair || busy) return;
    const previous = pair.candidate.judgement;
    if (decision === 'UNSURE' && previous?.decision === 'UNSURE') {
      step(1);
      return;
    }
    const note = byId<HTMLInputElement>('review-note').value;
    busy = true;
    render();
    try {
      // A pair judged UNSURE is judged again by undoing that first (the API's rule).
      if (previous) await matching.undoJudgement(previous.id);
      const judgement = await matching.judge(
        pair.candidate.a.id,
        pair.candidate.b.id,
        decision,
        note,
      );
      recordJudgement(queue, judgement, previous);
      message = {
        text: `${DECISION_LABELS[decision]}: ${pair.candidate.a.name} and ${pair.candidate.b.name}.`,
        error: false,
      };
      if (decision === 'SAME') void markJoined();
    } catch (error) {
      message = { text: `Judging failed: ${refusalText(error)}`, error: true };
      if (error instanceof ApiError && ['UNAUTHENTICATED', 'FORBIDDEN'].includes(error.code ?? ''))
        void dialogTokenBox.recheck();
    }
    busy = false;
    render();
    prefetch();
  }

  async function undoLast() {
    if (!queue || busy) return;
    const entry = lastJudged(queue);
    if (!entry) {
      message = { text: 'Nothing judged in this session to undo.', error: false };
      render();
      return;
    }
    busy = true;
    render();
    try {
      await matching.undoJudgement(entry.judgement.id);
      // An UNSURE judgement replaced by this one is recorded again, with its note.
      const again = entry.replaced
        ? await matching.judge(
            entry.judgement.aId,
            entry.judgement.bId,
            'UNSURE',
            entry.replaced.note,
          )
        : null;
      entry.replaced = again;
      restoreLast(queue);
      message = {
        text: `Undone: ${DECISION_LABELS[entry.judgement.decision]} on ${entry.pair.candidate.a.name} and ${entry.pair.candidate.b.name}.`,
        error: false,
      };
      void markJoined();
    } catch (error) {
      message = { text: `Undoing failed: ${refusalText(error)}`, error: true };
    }
    busy = false;
    render();
    prefetch();
  }

  // ---------- drawing the dialog ----------

  function render() {
    heading.textContent =
      scope === 'canvas' ? 'Possible duplicates on the canvas' : 'Possible duplicates in the graph';
    if (!queue) {
      progress.textContent = '';
      replaceChildren(
        body,
        messageLine(),
        loading ? h('p', { class: 'muted review-loading' }, 'Looking for candidates…') : null,
      );
      return;
    }
    const counts = countDecisions(queue);
    const shown = currentPair(queue);
    progress.textContent = `${shown ? `Pair ${queue.index + 1} of ${queue.pairs.length}` : `${queue.pairs.length} left`} · judged: ${counts.SAME} same, ${counts.DIFFERENT} different, ${counts.UNSURE} unsure`;
    if (!shown) {
      replaceChildren(
        body,
        messageLine(),
        h(
          'p',
          { class: 'review-empty', id: 'review-empty' },
          queue.judged.length
            ? 'No more candidates here: every pair is judged.'
            : scope === 'canvas'
              ? `No candidates with a score of ${minScore} or more for the entities on the canvas.`
              : `No candidates with a score of ${minScore} or more in the graph.`,
        ),
        moreButton(),
      );
      return;
    }
    // A note being typed survives a redraw of the same pair (its records arriving, say).
    const typing = document.getElementById('review-note') as HTMLInputElement | null;
    const kept = typing?.dataset.pair === shown.key ? typing : null;
    const focused = kept !== null && document.activeElement === kept;
    replaceChildren(body, messageLine(), pairView(shown), decisionRow(shown), moreButton());
    if (kept) {
      const note = byId<HTMLInputElement>('review-note');
      note.value = kept.value;
      if (focused) note.focus();
    }
  }

  function messageLine() {
    if (!message) return null;
    return h(
      'p',
      {
        id: 'review-message',
        class: `review-message small${message.error ? ' error' : ''}`,
        role: message.error ? 'alert' : 'status',
      },
      message.text,
    );
  }

  function moreButton() {
    if (!more || scope !== 'graph') return null;
    return h(
      'button',
      { type: 'button', id: 'review-more', disabled: loading, onclick: () => void loadMore() },
      loading ? 'Loading…' : 'Load more candidates',
    );
  }

  function pairView(pair: QueuedPair) {
    const both = loaded.get(pair.key);
    if (!both) recordsOf(pair).catch(() => undefined);
    const c = pair.candidate;
    return h(
      'section',
      { class: 'review-pair', 'data-pair': pair.key },
      h(
        'div',
        { class: 'review-score' },
        h('strong', { id: 'review-score' }, `Score ${c.score.toFixed(2)}`),
        c.autoJoinable
          ? h('span', { class: 'review-badge' }, 'strong enough to join automatically')
          : null,
        c.judgement?.decision === 'UNSURE'
          ? h(
              'span',
              { class: 'review-badge unsure' },
              `Unsure (${c.judgement.judgedBy}${c.judgement.note ? `: ${c.judgement.note}` : ''})`,
            )
          : null,
      ),
      featureTable(c),
      h(
        'div',
        { class: 'review-records' },
        recordColumn(c.a.id, c.a.name, both?.[0], 'a'),
        recordColumn(c.b.id, c.b.name, both?.[1], 'b'),
      ),
    );
  }

  function featureTable(c: MatchCandidate) {
    return h(
      'table',
      { class: 'review-features' },
      h(
        'caption',
        { class: 'small muted' },
        'Why this score: what the matcher weighed, and what each added',
      ),
      h(
        'tbody',
        {},
        c.features.map((f) =>
          h(
            'tr',
            { 'data-feature': f.name },
            h('th', { scope: 'row' }, f.name),
            h('td', {}, f.detail),
            h(
              'td',
              { class: `contribution ${f.contribution < 0 ? 'against' : 'for'}` },
              `${f.contribution >= 0 ? '+' : '−'}${Math.abs(f.contribution).toFixed(2)}`,
            ),
          ),
        ),
      ),
    );
  }

  function recordColumn(id: string, name: string, record: ReviewRecord | undefined, side: string) {
    if (!record) {
      return h(
        'article',
        { class: 'review-record', 'data-side': side, 'data-entity-id': id },
        h('h3', {}, name),
        h('p', { class: 'muted small' }, 'Loading the record…'),
      );
    }
    const style = KIND_STYLES[record.kind];
    const properties = Object.entries(record.properties);
    const sources = new Map<string, { title: string; excerpts: string[] }>();
    for (const citation of record.citations) {
      const entry = sources.get(citation.source.id) ?? {
        title: citation.source.title,
        excerpts: [],
      };
      entry.excerpts.push(citation.excerpt);
      sources.set(citation.source.id, entry);
    }
    return h(
      'article',
      { class: 'review-record', 'data-side': side, 'data-entity-id': id },
      h('h3', {}, shapeIcon(style.shape, style.color, 14), ` ${record.name}`),
      h('p', { class: 'small muted review-id' }, `${style.label} · ${record.id}`),
      record.aliases.length
        ? h('p', { class: 'small' }, `Also: ${record.aliases.join('; ')}`)
        : null,
      record.description ? h('p', { class: 'small' }, record.description) : null,
      properties.length || record.country
        ? h(
            'dl',
            { class: 'review-properties small' },
            record.country ? [h('dt', {}, 'country'), h('dd', {}, record.country)] : null,
            properties.flatMap(([key, value]) => [h('dt', {}, key), h('dd', {}, value)]),
          )
        : null,
      h('h4', {}, 'Sources'),
      h(
        'ul',
        { class: 'review-sources small' },
        [...sources.values()].map((s) =>
          h(
            'li',
            {},
            h('span', { class: 'review-source-title' }, s.title),
            ' — ',
            h('q', {}, s.excerpts[0] ?? ''),
          ),
        ),
      ),
      h('h4', {}, `Neighbours (${record.degree} link${record.degree === 1 ? '' : 's'})`),
      record.neighbours.length
        ? h(
            'ul',
            { class: 'review-neighbours small' },
            record.neighbours.map((n) =>
              h(
                'li',
                {},
                n.direction === 'out'
                  ? `${n.type.toLowerCase().replaceAll('_', ' ')} → ${n.other.name}`
                  : `${n.other.name} → ${n.type.toLowerCase().replaceAll('_', ' ')}`,
              ),
            ),
          )
        : h('p', { class: 'small muted' }, 'No links.'),
      record.identity
        ? h(
            'p',
            { class: 'small review-identity' },
            `Already joined with ${record.identity.recordIds.length - 1} other record${record.identity.recordIds.length === 2 ? '' : 's'}.`,
          )
        : null,
      h(
        'button',
        {
          type: 'button',
          class: 'link-button small',
          onclick: () => {
            dialog.close();
            showEntity(record.id, record.name);
          },
        },
        'Show on the canvas',
      ),
    );
  }

  function decisionRow(pair: QueuedPair) {
    const button = (decision: Decision, key: string, cls: string) =>
      h(
        'button',
        {
          type: 'button',
          class: cls,
          'data-decision': decision,
          disabled: busy,
          title: `${DECISION_LABELS[decision]} (${key})`,
          onclick: () => void decide(decision),
        },
        `${DECISION_LABELS[decision]} `,
        h('kbd', {}, key),
      );
    return h(
      'div',
      { class: 'review-decide' },
      h('label', { class: 'visually-hidden', for: 'review-note' }, 'Note'),
      h('input', {
        id: 'review-note',
        'data-pair': pair.key,
        type: 'text',
        maxlength: 500,
        placeholder: 'Note (optional): why, e.g. "same registration number"',
      }),
      h(
        'div',
        { class: 'row' },
        button('SAME', 'S', 'primary'),
        button('DIFFERENT', 'D', ''),
        button('UNSURE', 'U', ''),
        h('span', { class: 'toolbar-gap' }),
        h('button', { type: 'button', disabled: busy, onclick: () => step(-1) }, '◀ Back'),
        h('button', { type: 'button', disabled: busy, onclick: () => step(1) }, 'Skip ▶'),
        h(
          'button',
          {
            type: 'button',
            id: 'review-undo',
            disabled: busy || !queue?.judged.length,
            onclick: () => void undoLast(),
          },
          'Undo last',
        ),
      ),
    );
  }

  // ---------- joined records on the canvas ----------

  let joined = new Set<string>();
  /** A record a SAME judgement joined, or a node that is an identity (an API that joins them). */
  const isJoined = (id: string) => joined.has(id) || id.startsWith('identity:');

  /** Marks the canvas's records that a SAME judgement joined to another. */
  async function markJoined(refreshCard = true) {
    try {
      joined = await matching.joinedRecordIds();
    } catch {
      return; // a failed read leaves the marks as they were; the next change retries
    }
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        const is = isJoined(node.id());
        if (node.hasClass('joined') !== is) node.toggleClass('joined', is);
      });
    });
    if (!refreshCard) return;
    const selected = cy.nodes(':selected');
    if (selected.nonempty()) void showIdentity(selected.first() as NodeSingular);
    else card.hidden = true;
  }

  let marking: ReturnType<typeof setTimeout> | null = null;
  cy.on('add', 'node', (event) => {
    const node = event.target as NodeSingular;
    if (isJoined(node.id())) node.addClass('joined');
    // New records may have been joined meanwhile (by another tab or person): read again, once.
    if (marking) clearTimeout(marking);
    marking = setTimeout(() => void markJoined(), 500);
  });
  cy.on('select', 'node', (event) => void showIdentity(event.target as NodeSingular));
  cy.on('unselect', 'node', () => {
    if (cy.nodes(':selected').empty()) card.hidden = true;
  });

  let identityRequest = 0;
  let cardMessage: { text: string; error: boolean } | null = null;

  async function showIdentity(node: NodeSingular) {
    const ticket = ++identityRequest;
    if (!node.hasClass('joined')) {
      card.hidden = true;
      return;
    }
    let identity: IdentityView | null;
    try {
      identity = await matching.identity(node.id());
    } catch (error) {
      if (ticket !== identityRequest) return;
      cardMessage = {
        text: `The joined records could not be loaded: ${refusalText(error)}`,
        error: true,
      };
      renderCard(node.id(), null);
      return;
    }
    if (ticket !== identityRequest) return;
    renderCard(node.id(), identity);
  }

  function renderCard(recordId: string, identity: IdentityView | null) {
    card.hidden = false;
    const message = cardMessage
      ? h(
          'p',
          {
            class: `small review-message${cardMessage.error ? ' error' : ''}`,
            role: cardMessage.error ? 'alert' : 'status',
          },
          cardMessage.text,
        )
      : null;
    cardMessage = null;
    if (!identity) {
      replaceChildren(
        card,
        h('h3', {}, 'Joined records'),
        message ?? h('p', { class: 'small' }, 'Not joined to any record now.'),
      );
      return;
    }
    const names = new Map(identity.records.map((r) => [r.id, r.name]));
    replaceChildren(
      card,
      h(
        'header',
        { class: 'row' },
        h('h3', {}, `One body, ${identity.records.length} records`),
        h('span', { class: 'toolbar-gap' }),
        h(
          'button',
          { type: 'button', class: 'link-button small', onclick: () => (card.hidden = true) },
          'Close',
        ),
      ),
      message,
      h(
        'ul',
        { class: 'identity-records small' },
        identity.records.map((r) =>
          h(
            'li',
            { 'data-entity-id': r.id, class: r.id === recordId ? 'current' : null },
            h(
              'button',
              {
                type: 'button',
                class: 'link-button',
                onclick: () => showEntity(r.id, r.name),
              },
              r.name,
            ),
            h('span', { class: 'muted' }, ` ${r.id}`),
            r.sources.length
              ? h('div', { class: 'muted' }, `from ${r.sources.map((s) => s.title).join('; ')}`)
              : null,
          ),
        ),
      ),
      h('h4', {}, 'Judged the same'),
      h(
        'ul',
        { class: 'identity-judgements small' },
        identity.judgements
          .filter((j) => j.decision === 'SAME')
          .map((j) =>
            h(
              'li',
              { 'data-judgement-id': j.id },
              `${names.get(j.aId) ?? j.aId} = ${names.get(j.bId) ?? j.bId}`,
              h(
                'span',
                { class: 'muted' },
                ` · ${j.machine ? 'by the matcher' : `by ${j.judgedBy}`}, ${j.judgedAt.slice(0, 10)}${j.note ? ` · “${j.note}”` : ''}`,
              ),
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'identity-split',
                  title: 'Undo this judgement: the two records are separate again',
                  onclick: () => void split(j, recordId),
                },
                'Split',
              ),
            ),
          ),
      ),
    );
  }

  async function split(judgement: JudgementRecord, recordId: string) {
    try {
      await matching.undoJudgement(judgement.id);
      cardMessage = { text: 'Split: the records are separate again.', error: false };
    } catch (error) {
      cardMessage = { text: `Splitting failed: ${refusalText(error)}`, error: true };
    }
    await markJoined(false);
    const node = cy.getElementById(recordId);
    // Still joined through another judgement: show what is left; otherwise say it is split.
    if (node.nonempty() && node.hasClass('joined')) await showIdentity(node);
    else renderCard(recordId, null);
  }

  void markJoined();
}
