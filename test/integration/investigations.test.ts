import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/neo4j/database';
import { accessClient, READ_TOKEN, TEST_ACCESS } from '../support/access';
import { connectTestDatabase } from '../support/database';

let db: Database;
let execute: ReturnType<typeof accessClient>;
const created: string[] = [];

const FIELDS = `id title description version createdBy updatedBy entityCount
  canvas {
    entities { id x y pinned hidden }
    filters { kinds linkTypes statuses }
    asOf asOfRange { from to }
    selectedPaths { entityIds linkIds }
    layout { name zoom panX panY }
    pathFinder { from to maxHops mode linkTypes statuses }
  }`;
const SAVE = `mutation($input: InvestigationInput!) { saveInvestigation(input: $input) { ${FIELDS} } }`;
const OPEN = `query($id: ID!) { investigation(id: $id) { ${FIELDS} } }`;

interface Saved {
  id: string;
  version: number;
  title: string;
  canvas: Record<string, unknown>;
  entityCount: number;
}

const CANVAS = {
  entities: [
    { id: 'person:lei-jun', x: -120.25, y: 33.125, pinned: true, hidden: false },
    { id: 'company:xiaomi', x: 0.1 + 0.2, y: 1e-7, pinned: false, hidden: false },
    { id: 'list:us-dod-blacklist', x: 9_999_999.5, y: -4.75, pinned: false, hidden: true },
  ],
  filters: {
    kinds: ['COMPANY', 'PERSON'],
    linkTypes: ['LISTED_ON', 'LEADS'],
    statuses: ['ASSERTED'],
  },
  asOf: '2021-02-01',
  asOfRange: null,
  selectedPaths: [
    {
      entityIds: ['person:lei-jun', 'company:xiaomi', 'list:us-dod-blacklist'],
      linkIds: ['link:lei-jun-leads-xiaomi', 'link:xiaomi-listed-on-us-dod-blacklist'],
    },
  ],
  layout: { name: 'preset', zoom: 1.5, panX: 10, panY: -20.5 },
  pathFinder: {
    from: 'person:lei-jun',
    to: null,
    maxHops: 3,
    mode: 'ALL',
    linkTypes: ['LISTED_ON', 'FOUNDED'],
    statuses: ['ASSERTED'],
  },
};

async function save(input: Record<string, unknown>, token?: string) {
  const answer = await execute<{ saveInvestigation: Saved }>(SAVE, { input }, token);
  const saved = answer.body.data?.saveInvestigation;
  if (saved && !created.includes(saved.id)) created.push(saved.id);
  return answer;
}

function errorOf(answer: {
  body: { errors?: { message: string; extensions?: { code?: string } }[] };
}) {
  return answer.body.errors?.[0];
}

beforeAll(() => {
  db = connectTestDatabase();
  execute = accessClient(db);
});

afterAll(async () => {
  await db.write('UNWIND $ids AS id MATCH (n:Investigation {id: id}) DETACH DELETE n', {
    ids: created,
  });
  await db.close();
});

describe('saved investigations', () => {
  it('opens exactly what was saved, positions, filters, paths and layout included', async () => {
    const answer = await save({ title: '  Xiaomi and the DoD list ', canvas: CANVAS });
    const saved = answer.body.data?.saveInvestigation;
    expect(answer.body.errors).toBeUndefined();
    expect(saved?.version).toBe(1);
    expect(saved?.title).toBe('Xiaomi and the DoD list');
    expect(saved?.entityCount).toBe(3);
    // A reader without any token opens it by id.
    const opened = await execute<{ investigation: Saved }>(OPEN, { id: saved?.id }, null);
    expect(opened.body.data?.investigation).toEqual(saved);
    // Sets are stored in the vocabulary's order; everything else exactly as sent.
    expect(opened.body.data?.investigation.canvas).toEqual({
      ...CANVAS,
      filters: {
        kinds: ['PERSON', 'COMPANY'],
        linkTypes: ['LEADS', 'LISTED_ON'],
        statuses: ['ASSERTED'],
      },
      pathFinder: { ...CANVAS.pathFinder, linkTypes: ['FOUNDED', 'LISTED_ON'] },
    });
    // Left out, the path finder is null; given with defaults only, they are filled in.
    const bare = await save({
      title: 'Path finder defaults',
      canvas: { entities: [], pathFinder: { to: 'company:xiaomi' } },
    });
    expect(bare.body.data?.saveInvestigation.canvas.pathFinder).toEqual({
      from: null,
      to: 'company:xiaomi',
      maxHops: 4,
      mode: 'ALL_SHORTEST',
      linkTypes: [],
      statuses: [],
    });
    const none = await save({ title: 'No path finder', canvas: { entities: [] } });
    expect(none.body.data?.saveInvestigation.canvas.pathFinder).toBeNull();
  });

  it("keeps each person's last opening with the investigation, outside its version", async () => {
    const ben = { name: 'curator-ben', token: 'write-token-ben-0123456789abcdef' };
    const two = accessClient(db, {
      access: { ...TEST_ACCESS, writeTokens: [...TEST_ACCESS.writeTokens, ben] },
    });
    const MARK = `mutation($id: ID!) { markInvestigationOpened(id: $id) { investigationId by at previous } }`;
    type Mark = { markInvestigationOpened: { by: string; at: string; previous: string | null } };
    const saved = (await save({ title: 'Openings', canvas: { entities: [] } })).body.data
      ?.saveInvestigation as Saved & { createdAt?: string };
    const [row] = await db.read<{ createdAt: string }>(
      'MATCH (i:Investigation {id: $id}) RETURN i.createdAt AS createdAt',
      { id: saved.id },
    );
    // Creating counts as its author's first opening.
    const ada1 = (await two<Mark>(MARK, { id: saved.id })).body.data?.markInvestigationOpened;
    expect(ada1?.by).toBe('curator-ada');
    expect(ada1?.previous).toBe(row?.createdAt);
    const ben1 = await two<Mark>(MARK, { id: saved.id }, ben.token);
    expect(ben1.body.data?.markInvestigationOpened.previous).toBeNull();
    const ada2 = (await two<Mark>(MARK, { id: saved.id })).body.data?.markInvestigationOpened;
    expect(ada2?.previous).toBe(ada1?.at);
    const ben2 = await two<Mark>(MARK, { id: saved.id }, ben.token);
    expect(ben2.body.data?.markInvestigationOpened.previous).toBe(
      ben1.body.data?.markInvestigationOpened.at,
    );
    // Opening is not a change: same version, same updatedAt.
    const opened = await execute<{ investigation: Saved }>(OPEN, { id: saved.id }, null);
    expect(opened.body.data?.investigation.version).toBe(1);
    // A reader cannot be named, and an unknown id is said.
    const reader = await two(MARK, { id: saved.id }, READ_TOKEN);
    expect(errorOf(reader)?.extensions?.code).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
    const nobody = await two(MARK, { id: saved.id }, null);
    expect(errorOf(nobody)?.extensions?.code).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
    const missing = await two(MARK, { id: 'investigation:none' });
    expect(errorOf(missing)?.extensions?.code).toBe('NOT_FOUND');
    // A duplicate starts with its creator's opening only, not the original's.
    const copy = await two<{ duplicateInvestigation: { id: string } }>(
      'mutation($id: ID!) { duplicateInvestigation(id: $id) { id } }',
      { id: saved.id },
      ben.token,
    );
    const copyId = copy.body.data?.duplicateInvestigation.id ?? '';
    created.push(copyId);
    const [copied] = await db.read<{ by: string[] | null }>(
      'MATCH (i:Investigation {id: $id}) RETURN i.openedBy AS by',
      { id: copyId },
    );
    expect(copied?.by).toEqual(['curator-ben']);
  });

  it('refuses a stale save with CONFLICT and writes nothing; a fresh one bumps the version', async () => {
    const first = (await save({ title: 'Versions', canvas: { entities: [] } })).body.data
      ?.saveInvestigation as Saved;
    const second = await save({ id: first.id, version: 1, title: 'Versions 2', canvas: CANVAS });
    expect(second.body.data?.saveInvestigation.version).toBe(2);
    const stale = await save({
      id: first.id,
      version: 1,
      title: 'Lost update',
      canvas: { entities: [] },
    });
    expect(errorOf(stale)?.extensions?.code).toBe('CONFLICT');
    expect(errorOf(stale)?.message).toContain('version 2');
    const opened = await execute<{ investigation: Saved }>(OPEN, { id: first.id });
    expect(opened.body.data?.investigation.title).toBe('Versions 2');
    expect(opened.body.data?.investigation.entityCount).toBe(3);
  });

  it('lets exactly one of two concurrent saves of the same version win', async () => {
    const base = (await save({ title: 'Race', canvas: { entities: [] } })).body.data
      ?.saveInvestigation as Saved;
    const answers = await Promise.all(
      ['A', 'B', 'C', 'D'].map((t) =>
        save({ id: base.id, version: 1, title: t, canvas: { entities: [] } }),
      ),
    );
    const won = answers.filter((a) => a.body.data?.saveInvestigation);
    const refused = answers.filter((a) => errorOf(a)?.extensions?.code === 'CONFLICT');
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(3);
    const opened = await execute<{ investigation: Saved }>(OPEN, { id: base.id });
    expect(opened.body.data?.investigation.version).toBe(2);
    expect(opened.body.data?.investigation.title).toBe(won[0]?.body.data?.saveInvestigation.title);
  });

  it('names the field and the limit when the input is out of bounds', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { title: 'Hops', canvas: { entities: [], pathFinder: { maxHops: 7 } } },
        'input.canvas.pathFinder.maxHops',
        'from 1 to 6',
      ],
      [
        { title: 'End', canvas: { entities: [], pathFinder: { from: 'no spaces allowed' } } },
        'input.canvas.pathFinder.from',
        'may contain only',
      ],
      [{ title: 'x'.repeat(201), canvas: { entities: [] } }, 'input.title', 'at most 200'],
      [{ title: '   ', canvas: { entities: [] } }, 'input.title', 'must not be empty'],
      [
        {
          title: 'Too many',
          canvas: {
            entities: Array.from({ length: 5001 }, (_, i) => ({ id: `e:${i}`, x: 0, y: 0 })),
          },
        },
        'input.canvas.entities',
        'at most 5000',
      ],
      [
        { title: 'Far', canvas: { entities: [{ id: 'company:xiaomi', x: 1e12, y: 0 }] } },
        'input.canvas.entities[0].x',
        '10000000',
      ],
      [
        {
          title: 'Twice',
          canvas: {
            entities: [
              { id: 'company:xiaomi', x: 0, y: 0 },
              { id: 'company:xiaomi', x: 1, y: 1 },
            ],
          },
        },
        'input.canvas.entities[1].id',
        'twice',
      ],
      [
        { title: 'Bad id', canvas: { entities: [{ id: '<script>', x: 0, y: 0 }] } },
        'input.canvas.entities[0].id',
        'only letters',
      ],
      [
        {
          title: 'Path',
          canvas: { entities: [], selectedPaths: [{ entityIds: ['a:1'], linkIds: ['l:1'] }] },
        },
        'input.canvas.selectedPaths[0]',
        'n + 1 entities',
      ],
      [
        {
          title: 'Both',
          canvas: { entities: [], asOf: '2021-01-01', asOfRange: { from: '2020-01-01' } },
        },
        'input.canvas.asOfRange',
        'either asOf',
      ],
      [
        { title: 'Layout', canvas: { entities: [], layout: { name: 'Evil Layout!' } } },
        'input.canvas.layout.name',
        'layout name',
      ],
      [
        { id: 'investigation:x', title: 'No version', canvas: { entities: [] } },
        'input.version',
        'required',
      ],
    ];
    for (const [input, field, words] of cases) {
      const error = errorOf(await save(input));
      expect(error?.extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(error?.message).toContain(`"${field}"`);
      expect(error?.message).toContain(words);
    }
  });

  it('lets a read token open an investigation but not change it', async () => {
    const saved = (await save({ title: 'Read only', canvas: CANVAS })).body.data
      ?.saveInvestigation as Saved;
    const opened = await execute<{ investigation: Saved }>(OPEN, { id: saved.id }, READ_TOKEN);
    expect(opened.body.data?.investigation.id).toBe(saved.id);
    const refused = await save(
      { id: saved.id, version: 1, title: 'Hijack', canvas: CANVAS },
      READ_TOKEN,
    );
    expect(errorOf(refused)?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await execute(
      'mutation($id: ID!) { deleteInvestigation(id: $id) }',
      { id: saved.id },
      null,
    );
    expect(anonymous.status).toBe(401);
    const still = await execute<{ investigation: Saved }>(OPEN, { id: saved.id });
    expect(still.body.data?.investigation.title).toBe('Read only');
  });

  it('renames, duplicates and deletes', async () => {
    const saved = (await save({ title: 'Original', canvas: CANVAS })).body.data
      ?.saveInvestigation as Saved;
    const renamed = await execute<{ renameInvestigation: Saved }>(
      `mutation($id: ID!) { renameInvestigation(id: $id, title: "Renamed", version: 1) { id title version } }`,
      { id: saved.id },
    );
    expect(renamed.body.data?.renameInvestigation).toMatchObject({ title: 'Renamed', version: 2 });
    const staleRename = await execute(
      `mutation($id: ID!) { renameInvestigation(id: $id, title: "Again", version: 1) { id } }`,
      { id: saved.id },
    );
    expect(errorOf(staleRename)?.extensions?.code).toBe('CONFLICT');

    const copy = await execute<{ duplicateInvestigation: Saved }>(
      `mutation($id: ID!) { duplicateInvestigation(id: $id) { ${FIELDS} } }`,
      { id: saved.id },
    );
    const duplicate = copy.body.data?.duplicateInvestigation as Saved;
    created.push(duplicate.id);
    expect(duplicate.id).not.toBe(saved.id);
    expect(duplicate.title).toBe('Renamed (copy)');
    expect(duplicate.version).toBe(1);
    expect(duplicate.canvas).toEqual(
      (await execute<{ investigation: Saved }>(OPEN, { id: saved.id })).body.data?.investigation
        .canvas,
    );

    const deleted = await execute<{ deleteInvestigation: string }>(
      'mutation($id: ID!) { deleteInvestigation(id: $id) }',
      { id: saved.id },
    );
    expect(deleted.body.data?.deleteInvestigation).toBe(saved.id);
    expect(
      (await execute<{ investigation: null }>(OPEN, { id: saved.id })).body.data?.investigation,
    ).toBeNull();
    const again = await execute('mutation($id: ID!) { deleteInvestigation(id: $id) }', {
      id: saved.id,
    });
    expect(errorOf(again)?.extensions?.code).toBe('NOT_FOUND');
    // The copy lives on.
    expect(
      (await execute<{ investigation: Saved }>(OPEN, { id: duplicate.id })).body.data?.investigation
        .id,
    ).toBe(duplicate.id);
  });

  it('pages through investigations, most recently saved first, without repeats', async () => {
    const ids: string[] = [];
    for (const title of ['Page 1', 'Page 2', 'Page 3']) {
      const answer = await save({ title, canvas: { entities: [] } });
      ids.push(String(answer.body.data?.saveInvestigation.id));
    }
    const LIST = `query($after: String) { investigations(first: 2, after: $after) {
      totalCount edges { cursor node { id title entityCount } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 100; page++) {
      const answer: Awaited<
        ReturnType<
          typeof execute<{
            investigations: {
              totalCount: number;
              edges: { node: { id: string } }[];
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
            };
          }>
        >
      > = await execute(LIST, { after }, null);
      const list = answer.body.data?.investigations;
      if (!list) throw new Error(JSON.stringify(answer.body.errors));
      total = list.totalCount;
      seen.push(...list.edges.map((e) => e.node.id));
      if (!list.pageInfo.hasNextPage) break;
      after = list.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    // The three just saved, newest first (they were saved one after another).
    const order = ids.map((id) => seen.indexOf(id));
    expect(order[2]).toBeLessThan(order[1] as number);
    expect(order[1]).toBeLessThan(order[0] as number);
    const bad = await execute('{ investigations(after: "bm9wZQ") { totalCount } }');
    expect(errorOf(bad)?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await execute('{ investigations(first: 101) { totalCount } }');
    expect(errorOf(tooMany)?.message).toContain('from 1 to 100');
  });

  it('never appears in search, entities, neighbourhoods or paths', async () => {
    const countBefore = await execute<{ entities: { totalCount: number } }>(
      '{ entities(first: 1) { totalCount } }',
    );
    const saved = (await save({ title: 'Xiaomi Lei Jun', description: 'Xiaomi', canvas: CANVAS }))
      .body.data?.saveInvestigation as Saved;
    const answer = await execute<{
      search: { entity: { id: string } }[];
      entities: { totalCount: number };
      neighborhood: { entities: { id: string }[] };
      paths: { paths: { entities: { id: string }[] }[] };
    }>(`{
      search(text: "Xiaomi Lei Jun", first: 100) { entity { id } }
      entities(first: 1) { totalCount }
      neighborhood(id: "company:xiaomi", depth: 3, limit: 500) { entities { id } }
      paths(from: "person:lei-jun", to: "list:us-dod-blacklist", mode: ALL, maxHops: 6, limit: 100) {
        paths { entities { id } }
      }
    }`);
    const data = answer.body.data;
    expect(answer.body.errors).toBeUndefined();
    expect(data?.search.length).toBeGreaterThan(0);
    const ids = [
      ...(data?.search.map((h) => h.entity.id) ?? []),
      ...(data?.neighborhood.entities.map((e) => e.id) ?? []),
      ...(data?.paths.paths.flatMap((p) => p.entities.map((e) => e.id)) ?? []),
    ];
    expect(ids.filter((id) => id.startsWith('investigation:') || id === saved.id)).toEqual([]);
    expect(data?.entities.totalCount).toBe(countBefore.body.data?.entities.totalCount);
    const entity = await execute<{ entity: null }>('query($id: ID!) { entity(id: $id) { id } }', {
      id: saved.id,
    });
    expect(entity.body.data?.entity).toBeNull();
  });
});

describe('notes', () => {
  const LINK = 'link:xiaomi-listed-on-us-dod-blacklist';
  const ADD = `mutation($input: NoteInput!) { addNote(input: $input) {
    id investigationId target targetId markdown html author createdAt updatedAt } }`;
  const LINK_EVIDENCE = `query($id: ID!) { link(id: $id) { id status citations { excerpt locator source { id } } } }`;
  interface NoteShape {
    id: string;
    target: string;
    targetId: string;
    markdown: string;
    html: string;
    author: string;
  }

  async function investigation(title: string) {
    return (await save({ title, canvas: CANVAS })).body.data?.saveInvestigation as Saved;
  }

  it('keeps notes on an entity, a link and the investigation, with author, time and safe HTML', async () => {
    const inv = await investigation('Notes');
    const evidenceBefore = await execute(LINK_EVIDENCE, { id: LINK });
    const markdown =
      'Check **the 2021 notice**.\r\n\r\n<script>alert(1)</script> ![pixel](https://tracker.example/p.gif) [src](https://example.org/notice)';
    const onLink = await execute<{ addNote: NoteShape }>(ADD, {
      input: { investigationId: inv.id, target: 'LINK', targetId: LINK, markdown },
    });
    expect(onLink.body.errors).toBeUndefined();
    const note = onLink.body.data?.addNote as NoteShape;
    expect(note).toMatchObject({ target: 'LINK', targetId: LINK, markdown, author: 'curator-ada' });
    expect(note.html).toContain('<strong>the 2021 notice</strong>');
    expect(note.html).toContain('&lt;script&gt;');
    expect(note.html).not.toMatch(/<script|<img/);
    expect(note.html).toContain(
      '<a href="https://example.org/notice" rel="noopener nofollow">src</a>',
    );

    await execute(ADD, {
      input: {
        investigationId: inv.id,
        target: 'ENTITY',
        targetId: 'company:xiaomi',
        markdown: 'Ask the press office.',
      },
    });
    await execute(ADD, {
      input: { investigationId: inv.id, target: 'INVESTIGATION', markdown: 'Started in Lisbon.' },
    });

    // A note is never evidence: the link's citations and status are exactly as before.
    expect(await execute(LINK_EVIDENCE, { id: LINK })).toEqual(evidenceBefore);
    const [noteNodesCited] = await db.read<{ n: number }>(
      `MATCH ()-[r]->() WHERE any(s IN coalesce(r.citationSourceIds, []) WHERE s STARTS WITH 'note:') RETURN count(r) AS n`,
    );
    expect(noteNodesCited?.n).toBe(0);

    const opened = await execute<{ investigation: { notes: NoteShape[]; onXiaomi: NoteShape[] } }>(
      `query($id: ID!) { investigation(id: $id) {
        notes { target targetId markdown author }
        onXiaomi: notes(target: ENTITY, targetId: "company:xiaomi") { markdown } } }`,
      { id: inv.id },
      null,
    );
    expect(opened.body.data?.investigation.notes.map((n) => [n.target, n.targetId])).toEqual([
      ['LINK', LINK],
      ['ENTITY', 'company:xiaomi'],
      ['INVESTIGATION', inv.id],
    ]);
    expect(opened.body.data?.investigation.onXiaomi).toEqual([
      { markdown: 'Ask the press office.' },
    ]);

    // Duplicates carry copies of the notes; deleting the original takes its notes along.
    const copy = await execute<{ duplicateInvestigation: { id: string; notes: NoteShape[] } }>(
      'mutation($id: ID!) { duplicateInvestigation(id: $id) { id notes { id markdown } } }',
      { id: inv.id },
    );
    const duplicate = copy.body.data?.duplicateInvestigation;
    created.push(duplicate?.id ?? '');
    expect(duplicate?.notes.map((n) => n.markdown)).toEqual([
      markdown,
      'Ask the press office.',
      'Started in Lisbon.',
    ]);
    expect(duplicate?.notes.map((n) => n.id)).not.toContain(note.id);
    await execute('mutation($id: ID!) { deleteInvestigation(id: $id) }', { id: inv.id });
    const [left] = await db.read<{ n: number }>(
      'MATCH (n:Note {investigationId: $id}) RETURN count(n) AS n',
      { id: inv.id },
    );
    expect(left?.n).toBe(0);
  });

  it('edits and deletes a note, and refuses bad input with the field named', async () => {
    const inv = await investigation('Note edits');
    const added = await execute<{ addNote: NoteShape }>(ADD, {
      input: {
        investigationId: inv.id,
        target: 'ENTITY',
        targetId: 'person:lei-jun',
        markdown: 'first',
      },
    });
    const id = added.body.data?.addNote.id;
    const edited = await execute<{ updateNote: NoteShape & { updatedBy: string } }>(
      'mutation($id: ID!) { updateNote(id: $id, markdown: "second *draft*") { markdown html updatedBy } }',
      { id },
    );
    expect(edited.body.data?.updateNote).toMatchObject({
      markdown: 'second *draft*',
      html: '<p>second <em>draft</em></p>\n',
      updatedBy: 'curator-ada',
    });
    const readOnly = await execute(
      'mutation($id: ID!) { updateNote(id: $id, markdown: "hijack") { id } }',
      { id },
      READ_TOKEN,
    );
    expect(errorOf(readOnly)?.extensions?.code).toBe('FORBIDDEN');

    const cases: [Record<string, unknown>, string, string][] = [
      [
        { investigationId: inv.id, target: 'ENTITY', targetId: 'company:nobody', markdown: 'x' },
        'input.targetId',
        'no entity',
      ],
      [
        { investigationId: inv.id, target: 'LINK', targetId: 'link:nothing', markdown: 'x' },
        'input.targetId',
        'no link',
      ],
      [
        {
          investigationId: inv.id,
          target: 'ENTITY',
          targetId: 'company:xiaomi',
          markdown: 'x'.repeat(20_001),
        },
        'input.markdown',
        'at most 20000',
      ],
      [
        {
          investigationId: inv.id,
          target: 'INVESTIGATION',
          targetId: 'company:xiaomi',
          markdown: 'x',
        },
        'input.targetId',
        'investigation',
      ],
    ];
    for (const [input, field, words] of cases) {
      const error = errorOf(await execute(ADD, { input }));
      expect(error?.extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(error?.message).toContain(`"${field}"`);
      expect(error?.message).toContain(words);
    }
    const missing = await execute(ADD, {
      input: { investigationId: 'investigation:gone', target: 'INVESTIGATION', markdown: 'x' },
    });
    expect(errorOf(missing)?.extensions?.code).toBe('NOT_FOUND');

    expect(
      (await execute<{ deleteNote: string }>('mutation($id: ID!) { deleteNote(id: $id) }', { id }))
        .body.data?.deleteNote,
    ).toBe(id);
    const again = await execute('mutation($id: ID!) { deleteNote(id: $id) }', { id });
    expect(errorOf(again)?.extensions?.code).toBe('NOT_FOUND');
  });
});
