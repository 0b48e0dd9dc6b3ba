/**
 * The Queries subsection: a GraphQL query with its variables, run with the tab's token and its
 * answer drawn on the canvas (every id in it that is an entity, with the links among them,
 * outlined in violet), and kept in the investigation under a name to run again later.
 */

import { counted } from '../state/counted';
import { idsInAnswer, parseVariables } from '../state/query-result';
import { h, replaceChildren } from '../ui/dom';
import type { InvestigationSession } from './investigation-session';

export function createQueriesSection(session: InvestigationSession) {
  const { ctx, investigations } = session;
  const { activity, api, store, canvas } = ctx;

  const queryName = h('input', {
    class: 'field',
    id: 'query-name',
    type: 'text',
    maxlength: 200,
    placeholder: 'Name',
  });
  const queryText = h('textarea', {
    class: 'field code',
    id: 'query-text',
    rows: 5,
    spellcheck: 'false',
    placeholder:
      'query { paths(from: "person:lei-jun", to: "list:us-dod-blacklist") { paths { entities { id } links { id } } } }',
  });
  const queryVariables = h('textarea', {
    class: 'field code',
    id: 'query-variables',
    rows: 2,
    spellcheck: 'false',
    placeholder: 'Variables as JSON, e.g. {"id": "company:xiaomi"}',
  });
  const queryStatus = h('p', { id: 'query-status', class: 'small', 'aria-live': 'polite' });
  const savedQueries = h('ul', { id: 'saved-queries', class: 'saved-queries' });
  const form = h(
    'form',
    { class: 'query-form', autocomplete: 'off', id: 'query-form' },
    h('label', { for: 'query-text', class: 'small' }, 'GraphQL query'),
    queryText,
    h('label', { for: 'query-variables', class: 'small' }, 'Variables'),
    queryVariables,
    h('label', { for: 'query-name', class: 'small' }, 'Name (to keep it in the investigation)'),
    queryName,
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', id: 'query-run' }, 'Run → canvas'),
      h('button', { type: 'button', id: 'query-save', onclick: () => void saveQuery() }, 'Keep'),
    ),
    queryStatus,
  );
  const element = h(
    'details',
    { class: 'subsection', id: 'query-section' },
    h('summary', {}, 'Queries'),
    form,
    savedQueries,
  );

  /** Lists the open investigation's saved queries (session.queries). */
  function render() {
    replaceChildren(
      savedQueries,
      session.queries.map((query, index) =>
        h(
          'li',
          { 'data-query-name': query.name },
          h('strong', {}, query.name),
          h(
            'div',
            { class: 'row' },
            h(
              'button',
              {
                type: 'button',
                class: 'small query-saved-run',
                onclick: () => void runQuery(query.query, query.variables),
              },
              'Run → canvas',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'small',
                onclick: () => {
                  queryName.value = query.name;
                  queryText.value = query.query;
                  queryVariables.value = query.variables === '{}' ? '' : query.variables;
                },
              },
              'Edit',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'small danger',
                onclick: () => {
                  session.queries = session.queries.filter((_, i) => i !== index);
                  render();
                  void persistQueries('Query removed');
                },
              },
              'Remove',
            ),
          ),
        ),
      ),
    );
  }

  async function saveQuery() {
    const name = queryName.value.trim();
    const text = queryText.value.trim();
    const variables = parseVariables(queryVariables.value);
    const problem = !text
      ? 'Write a query first.'
      : !name
        ? 'Give the query a name to keep it.'
        : !variables.ok
          ? variables.problem
          : !session.current
            ? 'Save the investigation first: queries are kept in it.'
            : null;
    if (problem || !variables.ok) {
      queryStatus.classList.add('error');
      replaceChildren(queryStatus, problem ?? '');
      return;
    }
    const entry = { name, query: text, variables: JSON.stringify(variables.variables) };
    const queries = session.queries;
    const at = queries.findIndex((q) => q.name === name);
    session.queries = at >= 0 ? queries.map((q, i) => (i === at ? entry : q)) : [...queries, entry];
    render();
    await persistQueries(`Query "${name}" kept in the investigation`);
  }

  /** Saves the investigation with its queries (and the canvas as it is now). */
  async function persistQueries(done: string) {
    const target = session.current;
    if (!target) return;
    const saved = await session.write(
      'Saving the queries',
      () =>
        investigations.save({
          id: target.id,
          version: target.version,
          title: target.title,
          description: target.description,
          canvas: session.snapshotCanvas(),
        }),
      queryStatus,
    );
    if (!saved) return;
    session.setCurrent(saved);
    replaceChildren(queryStatus, `${done} (version ${saved.version}).`);
  }

  async function runQuery(text: string, variablesText: string) {
    queryStatus.classList.remove('error');
    const variables = parseVariables(variablesText);
    if (!variables.ok) {
      queryStatus.classList.add('error');
      replaceChildren(queryStatus, variables.problem);
      return;
    }
    const answer = await activity.attempt('Running the query', () =>
      investigations.runQuery(text, variables.variables),
    );
    if (!answer) return;
    if (!answer.ok) {
      queryStatus.classList.add('error');
      replaceChildren(queryStatus, `The query failed: ${answer.detail}.`);
      return;
    }
    const { ids, truncated } = idsInAnswer(answer.value);
    // Entities already drawn are asked for too: the links between them and new ones come back.
    const unknown = ids.filter((id) => !store.links.has(id));
    const fetched = unknown.length
      ? await activity.track(`Drawing ${unknown.length} ids from the answer`, (signal) =>
          api.entitiesWithLinks(unknown, signal),
        )
      : { entities: [], links: [], missing: [] };
    if (!fetched) return;
    session.addAndFit('Query result', fetched.entities, fetched.links);
    const hits = ids.filter((id) => store.entities.has(id) || store.links.has(id));
    canvas.cy.batch(() => {
      canvas.cy.elements('.query-hit').removeClass('query-hit');
      for (const id of hits) canvas.cy.getElementById(id).addClass('query-hit');
    });
    const entities = hits.filter((id) => store.entities.has(id)).length;
    queryStatus.dataset.entities = String(entities);
    queryStatus.dataset.links = String(hits.length - entities);
    replaceChildren(
      queryStatus,
      ids.length === 0
        ? 'The answer names no ids: nothing to draw (ask for `id` on entities, links or paths).'
        : `${counted(entities, 'entity', 'entities')} and ${counted(hits.length - entities, 'link', 'links')} from the answer are on the canvas, highlighted${truncated ? ' (only the first 500 ids were used)' : ''}.`,
    );
    if (hits.length) canvas.fit(new Set(hits));
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runQuery(queryText.value, queryVariables.value);
  });

  return { element, render };
}
