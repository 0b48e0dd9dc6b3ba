import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/neo4j/database';
import { accessClient, READ_TOKEN } from '../support/access';
import { connectTestDatabase } from '../support/database';

// Everything this file writes has ids under this prefix and is removed afterwards.
const P = 'curation-test';
const SOURCE = `source:${P}-memo`;
const SOURCE_TEXT =
  'Acme Robotics was founded by Jane Roe in 2015. Acme Robotics Ltd is the same company under its registered name. Jane Roe has led Acme Robotics since March 2016.';

let db: Database;
let execute: ReturnType<typeof accessClient>;

async function cleanUp() {
  await db.write(
    `MATCH (n) WHERE n.id STARTS WITH $prefix OR n.id STARTS WITH $sourcePrefix
        OR (n:Merge AND n.survivorId STARTS WITH $prefix)
     DETACH DELETE n`,
    { prefix: `${P}:`, sourcePrefix: `source:${P}` },
  );
}

async function graphCounts() {
  const [row] = await db.read<{ nodes: number; rels: number }>(
    'MATCH (n) WITH count(n) AS nodes CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels',
  );
  return row;
}

const ADD_SOURCE = `mutation($input: SourceInput!) { addSource(input: $input) { id title text } }`;
const UPSERT_ENTITY = `mutation($input: EntityInput!) {
  upsertEntity(input: $input) {
    id name kind aliases description createdBy createdAt updatedBy updatedAt
    citations { excerpt locator source { id } }
    ... on Company { founded website }
  }
}`;
const UPSERT_LINK = `mutation($input: LinkInput!) {
  upsertLink(input: $input) {
    id type status since until on role createdBy updatedBy retractedAt retractedBy
    from { id } to { id }
    citations { excerpt source { id } }
  }
}`;
const RETRACT = `mutation($id: ID!, $reason: String!) {
  retractLink(id: $id, reason: $reason) { id status retractedAt retractedBy updatedBy }
}`;
const MERGE = `mutation($keepId: ID!, $mergeId: ID!, $reason: String) {
  mergeEntities(keepId: $keepId, mergeId: $mergeId, reason: $reason) {
    id mergedId mergedName movedLinkIds mergedBy mergedAt reason
    survivor { id name aliases citations { excerpt } links { id from { id } to { id } } }
  }
}`;

function citation(excerpt: string) {
  return [{ sourceId: SOURCE, excerpt, locator: 'sentence 1' }];
}

function company(id: string, name: string, excerpt: string, extra: Record<string, unknown> = {}) {
  return { id: `${P}:${id}`, kind: 'COMPANY', name, citations: citation(excerpt), ...extra };
}

beforeAll(async () => {
  db = connectTestDatabase();
  execute = accessClient(db);
  await cleanUp();
  const added = await execute(ADD_SOURCE, {
    input: { id: SOURCE, title: 'Memo on Acme', kind: 'article', text: SOURCE_TEXT },
  });
  expect(added.body.errors).toBeUndefined();
});

afterAll(async () => {
  await cleanUp();
  await db.close();
});

describe('who may write', () => {
  const input = company('nobody', 'Nobody Inc', 'Acme Robotics');

  it('refuses a write without a token with 401 UNAUTHENTICATED, writing nothing', async () => {
    const before = await graphCounts();
    const answer = await execute(UPSERT_ENTITY, { input }, null);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toContain('Bearer');
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(answer.body.errors?.[0]?.message).toContain('Authorization: Bearer');
    expect(await graphCounts()).toEqual(before);
  });

  it('refuses an unknown token with UNAUTHENTICATED, and a read-only token with 403 FORBIDDEN', async () => {
    const wrong = await execute(UPSERT_ENTITY, { input }, 'write-token-0123456789abcdeX');
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reader = await execute(UPSERT_ENTITY, { input }, READ_TOKEN);
    expect(reader.status).toBe(403);
    expect(reader.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(reader.body.errors?.[0]?.message).toContain('reader-bo');
    const rows = await db.read('MATCH (e {id: $id}) RETURN e', { id: input.id });
    expect(rows).toHaveLength(0);
  });

  it('refuses every write when the server has no write tokens at all', async () => {
    const readOnly = accessClient(db, {
      access: { writeTokens: [], readTokens: [], readsRequireToken: false },
    });
    const answer = await readOnly(UPSERT_ENTITY, { input }, null);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(answer.body.errors?.[0]?.message).toContain('THREADLINE_WRITE_TOKENS');
  });
});

describe('upsertEntity', () => {
  it('creates an entity with its evidence, who and when, and the search keys', async () => {
    const before = Date.now();
    const answer = await execute<{ upsertEntity: Record<string, unknown> }>(UPSERT_ENTITY, {
      input: company('acme', 'Acme Robotics', 'Acme Robotics was founded by Jane Roe in 2015', {
        aliases: ['Acme'],
        founded: '2015',
      }),
    });
    expect(answer.body.errors).toBeUndefined();
    const entity = answer.body.data?.upsertEntity;
    expect(entity).toMatchObject({
      id: `${P}:acme`,
      name: 'Acme Robotics',
      kind: 'COMPANY',
      aliases: ['Acme'],
      founded: '2015',
      createdBy: 'curator-ada',
      updatedBy: 'curator-ada',
      citations: [
        {
          excerpt: 'Acme Robotics was founded by Jane Roe in 2015',
          locator: 'sentence 1',
          source: { id: SOURCE },
        },
      ],
    });
    expect(Date.parse(String(entity?.createdAt))).toBeGreaterThanOrEqual(before - 1000);
    const [stored] = await db.read<{ labels: string[]; searchText: string; nameKey: string }>(
      'MATCH (e:Entity {id: $id}) RETURN labels(e) AS labels, e.searchText AS searchText, e.nameKey AS nameKey',
      { id: `${P}:acme` },
    );
    expect(stored?.labels.sort()).toEqual(['Company', 'Entity']);
    expect(stored?.searchText).toBe('Acme Robotics\nAcme');
    expect(stored?.nameKey).toBe('acme robotics');
  });

  it('changes only the fields sent, keeps the rest, and records the new author time', async () => {
    const answer = await execute<{ upsertEntity: Record<string, unknown> }>(UPSERT_ENTITY, {
      input: {
        id: `${P}:acme`,
        kind: 'COMPANY',
        name: 'Acme Robotics Ltd',
        description: 'Robot maker.',
      },
    });
    expect(answer.body.errors).toBeUndefined();
    const entity = answer.body.data?.upsertEntity;
    expect(entity).toMatchObject({
      name: 'Acme Robotics Ltd',
      aliases: ['Acme'],
      founded: '2015',
      description: 'Robot maker.',
    });
    expect(entity?.citations).toHaveLength(1);
    expect(String(entity?.updatedAt) >= String(entity?.createdAt)).toBe(true);
    const [stored] = await db.read<{ searchText: string }>(
      'MATCH (e:Entity {id: $id}) RETURN e.searchText AS searchText',
      { id: `${P}:acme` },
    );
    expect(stored?.searchText).toBe('Acme Robotics Ltd\nAcme\nARL');
  });

  it('refuses a new entity without evidence, and evidence that is not verbatim', async () => {
    const bare = await execute(UPSERT_ENTITY, {
      input: { id: `${P}:bare`, kind: 'COMPANY', name: 'Bare' },
    });
    expect(bare.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argument: 'input.citations' },
    });
    const invented = await execute(UPSERT_ENTITY, {
      input: company('bare', 'Bare', 'Acme Robotics was founded by John Doe'),
    });
    expect(invented.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argument: 'input.citations[0].excerpt' },
    });
    expect(invented.body.errors?.[0]?.message).toContain('verbatim');
    const missing = await execute(UPSERT_ENTITY, {
      input: {
        ...company('bare', 'Bare', 'x'),
        citations: [{ sourceId: 'source:nowhere', excerpt: 'x' }],
      },
    });
    expect(missing.body.errors?.[0]?.message).toContain('addSource');
    expect(await db.read('MATCH (e {id: $id}) RETURN e', { id: `${P}:bare` })).toHaveLength(0);
  });

  it('refuses a kind change and a field of another kind, naming what is allowed', async () => {
    const kindChange = await execute(UPSERT_ENTITY, {
      input: { id: `${P}:acme`, kind: 'PERSON', name: 'Acme' },
    });
    expect(kindChange.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const wrongField = await execute(UPSERT_ENTITY, {
      input: company('acme', 'Acme Robotics Ltd', 'Acme Robotics', { birthDate: '1990' }),
    });
    expect(wrongField.body.errors?.[0]?.message).toBe(
      'Argument "input.birthDate": does not apply to Company; Company takes founded, jurisdiction, website.',
    );
    const badDate = await execute(UPSERT_ENTITY, {
      input: company('acme', 'Acme Robotics Ltd', 'Acme Robotics', { founded: '2015-02-30' }),
    });
    expect(badDate.body.errors?.[0]?.message).toContain('YYYY, YYYY-MM or YYYY-MM-DD');
  });
});

describe('upsertLink', () => {
  beforeAll(async () => {
    const person = await execute(UPSERT_ENTITY, {
      input: {
        id: `${P}:jane-roe`,
        kind: 'PERSON',
        name: 'Jane Roe',
        citations: citation('founded by Jane Roe'),
      },
    });
    expect(person.body.errors).toBeUndefined();
  });

  const leads = {
    id: `${P}:jane-leads-acme`,
    type: 'LEADS',
    fromId: `${P}:jane-roe`,
    toId: `${P}:acme`,
    since: '2016-03',
    role: 'CEO',
    citations: citation('Jane Roe has led Acme Robotics since March 2016'),
  };

  it('refuses a link without evidence or with an empty excerpt, writing nothing', async () => {
    const before = await graphCounts();
    const none = await execute(UPSERT_LINK, { input: { ...leads, citations: [] } });
    expect(none.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argument: 'input.citations' },
    });
    expect(none.body.errors?.[0]?.message).toContain('at least one citation');
    const blank = await execute(UPSERT_LINK, {
      input: { ...leads, citations: [{ sourceId: SOURCE, excerpt: '   ' }] },
    });
    expect(blank.body.errors?.[0]?.extensions?.argument).toBe('input.citations[0].excerpt');
    expect(await graphCounts()).toEqual(before);
  });

  it('writes the link with its validity window, evidence and author', async () => {
    const answer = await execute<{ upsertLink: Record<string, unknown> }>(UPSERT_LINK, {
      input: leads,
    });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.upsertLink).toMatchObject({
      id: leads.id,
      type: 'LEADS',
      status: 'ASSERTED',
      since: '2016-03',
      until: null,
      role: 'CEO',
      createdBy: 'curator-ada',
      from: { id: `${P}:jane-roe` },
      to: { id: `${P}:acme` },
      citations: [{ excerpt: 'Jane Roe has led Acme Robotics since March 2016' }],
    });
    const [stored] = await db.read<Record<string, unknown>>(
      `MATCH ()-[r:LEADS {id: $id}]->() RETURN r.validFrom AS validFrom, r.validTo AS validTo,
         r.citationSourceIds AS ids, r.citationExcerpts AS excerpts, r.citationLocators AS locators`,
      { id: leads.id },
    );
    expect(stored).toEqual({
      validFrom: '2016-03-01',
      validTo: null,
      ids: [SOURCE],
      excerpts: ['Jane Roe has led Acme Robotics since March 2016'],
      locators: ['sentence 1'],
    });
  });

  it('replaces the link as given on a second upsert: one relationship, fields left out cleared', async () => {
    const answer = await execute<{ upsertLink: Record<string, unknown> }>(UPSERT_LINK, {
      input: { ...leads, role: undefined, until: '2020' },
    });
    expect(answer.body.data?.upsertLink).toMatchObject({ role: null, until: '2020' });
    const rows = await db.read<{ validTo: string }>(
      'MATCH ()-[r {id: $id}]->() RETURN r.validTo AS validTo',
      { id: leads.id },
    );
    expect(rows).toEqual([{ validTo: '2020-12-31' }]);
  });

  it('refuses ends of the wrong kind, fields of another type, and type or end changes', async () => {
    const wrongEnd = await execute(UPSERT_LINK, {
      input: { ...leads, id: `${P}:x`, type: 'RECEIVED', role: undefined },
    });
    expect(wrongEnd.body.errors?.[0]?.message).toBe(
      'Argument "input.toId": is a Company; a RECEIVED link ends at Award.',
    );
    const wrongField = await execute(UPSERT_LINK, {
      input: { ...leads, id: `${P}:x`, share: 10 },
    });
    expect(wrongField.body.errors?.[0]?.extensions?.argument).toBe('input.share');
    const retyped = await execute(UPSERT_LINK, {
      input: { ...leads, type: 'EMPLOYED_BY' },
    });
    expect(retyped.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const backwards = await execute(UPSERT_LINK, {
      input: { ...leads, id: `${P}:x`, since: '2020', until: '2019' },
    });
    expect(backwards.body.errors?.[0]?.message).toContain('is before since');
    const missingEnd = await execute(UPSERT_LINK, {
      input: { ...leads, id: `${P}:x`, toId: `${P}:nobody` },
    });
    expect(missingEnd.body.errors?.[0]?.extensions?.argument).toBe('input.toId');
    expect(await db.read('MATCH ()-[r {id: $id}]->() RETURN r', { id: `${P}:x` })).toHaveLength(0);
  });

  it('creates one relationship when the same new link is written 12 times at once', async () => {
    const input = { ...leads, id: `${P}:jane-founded-acme`, type: 'FOUNDED', role: undefined };
    input.citations = citation('Acme Robotics was founded by Jane Roe');
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => execute(UPSERT_LINK, { input })),
    );
    for (const answer of answers) {
      // A writer that lost the race may be told to retry; none may fail otherwise.
      const code = answer.body.errors?.[0]?.extensions?.code;
      expect(code === undefined || code === 'CONFLICT').toBe(true);
    }
    const rows = await db.read('MATCH ()-[r:FOUNDED {id: $id}]->() RETURN r', { id: input.id });
    expect(rows).toHaveLength(1);
  });
});

describe('retractLink', () => {
  const id = `${P}:jane-leads-acme`;

  it('keeps the link with status RETRACTED and who, when and why', async () => {
    const answer = await execute<{ retractLink: Record<string, unknown> }>(RETRACT, {
      id,
      reason: 'The memo was withdrawn.',
    });
    expect(answer.body.errors).toBeUndefined();
    const link = answer.body.data?.retractLink;
    expect(link).toMatchObject({ id, status: 'RETRACTED', retractedBy: 'curator-ada' });
    const [stored] = await db.read<Record<string, unknown>>(
      `MATCH ()-[r:LEADS {id: $id}]->() RETURN r.status AS status, r.retractionReason AS reason,
         r.statusBeforeRetraction AS before, size(r.citationExcerpts) AS citations`,
      { id },
    );
    expect(stored).toEqual({
      status: 'retracted',
      reason: 'The memo was withdrawn.',
      before: 'asserted',
      citations: 1,
    });

    const again = await execute<{ retractLink: Record<string, unknown> }>(RETRACT, {
      id,
      reason: 'Twice.',
    });
    expect(again.body.data?.retractLink.retractedAt).toBe(link?.retractedAt);
  });

  it('refuses to upsert a retracted link back, and to retract what does not exist', async () => {
    const revived = await execute(UPSERT_LINK, {
      input: {
        id,
        type: 'LEADS',
        fromId: `${P}:jane-roe`,
        toId: `${P}:acme`,
        citations: citation('Jane Roe has led Acme Robotics'),
      },
    });
    expect(revived.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const missing = await execute(RETRACT, { id: `${P}:none`, reason: 'x' });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const noReason = await execute(RETRACT, { id, reason: ' ' });
    expect(noReason.body.errors?.[0]?.extensions?.argument).toBe('reason');
  });
});

describe('mergeEntities', () => {
  beforeAll(async () => {
    const dup = await execute(UPSERT_ENTITY, {
      input: company('acme-ltd', 'Acme Robotics Ltd.', 'Acme Robotics Ltd is the same company', {
        aliases: ['ARL'],
      }),
    });
    expect(dup.body.errors).toBeUndefined();
    const link = await execute(UPSERT_LINK, {
      input: {
        id: `${P}:jane-employed-by-acme-ltd`,
        type: 'EMPLOYED_BY',
        fromId: `${P}:jane-roe`,
        toId: `${P}:acme-ltd`,
        citations: citation('Jane Roe has led Acme Robotics'),
      },
    });
    expect(link.body.errors).toBeUndefined();
  });

  it('refuses to merge entities of different kinds or an entity into itself', async () => {
    const kinds = await execute(MERGE, { keepId: `${P}:acme`, mergeId: `${P}:jane-roe` });
    expect(kinds.body.errors?.[0]?.message).toContain('only records of the same kind merge');
    const self = await execute(MERGE, { keepId: `${P}:acme`, mergeId: `${P}:acme` });
    expect(self.body.errors?.[0]?.extensions?.argument).toBe('mergeId');
  });

  it('moves the links, names and evidence over and records the merge', async () => {
    const answer = await execute<{ mergeEntities: Record<string, unknown> }>(MERGE, {
      keepId: `${P}:acme`,
      mergeId: `${P}:acme-ltd`,
      reason: 'Same registered company.',
    });
    expect(answer.body.errors).toBeUndefined();
    const merge = answer.body.data?.mergeEntities as {
      id: string;
      movedLinkIds: string[];
      survivor: {
        aliases: string[];
        citations: unknown[];
        links: { id: string; to: { id: string } }[];
      };
    };
    expect(merge).toMatchObject({
      mergedId: `${P}:acme-ltd`,
      mergedName: 'Acme Robotics Ltd.',
      mergedBy: 'curator-ada',
      reason: 'Same registered company.',
      movedLinkIds: [`${P}:jane-employed-by-acme-ltd`],
    });
    expect(merge.survivor.aliases.sort()).toEqual(['ARL', 'Acme', 'Acme Robotics Ltd.']);
    expect(merge.survivor.citations).toHaveLength(2);
    const moved = merge.survivor.links.find((l) => l.id === `${P}:jane-employed-by-acme-ltd`);
    expect(moved?.to.id).toBe(`${P}:acme`);

    // The merged id no longer names an entity, but its record is kept for undoing the merge.
    const gone = await execute<{ entity: unknown }>('query($id: ID!) { entity(id: $id) { id } }', {
      id: `${P}:acme-ltd`,
    });
    expect(gone.body.data?.entity).toBeNull();
    const [tombstone] = await db.read<Record<string, unknown>>(
      `MATCH (g:MergedEntity {id: $id}) MATCH (m:Merge {id: g.mergeRecordId})
       RETURN labels(g) AS labels, g.name AS name, g.aliases AS aliases, g.mergedInto AS into,
              m.movedLinkIds AS moved, m.survivorAliasesBefore AS aliasesBefore, COUNT { (g)--() } AS degree`,
      { id: `${P}:acme-ltd` },
    );
    expect(tombstone).toEqual({
      labels: ['MergedEntity'],
      name: 'Acme Robotics Ltd.',
      aliases: ['ARL'],
      into: `${P}:acme`,
      moved: [`${P}:jane-employed-by-acme-ltd`],
      aliasesBefore: ['Acme'],
      degree: 0,
    });
    const relationships = await db.read('MATCH ()-[r:EMPLOYED_BY {id: $id}]->() RETURN r', {
      id: `${P}:jane-employed-by-acme-ltd`,
    });
    expect(relationships).toHaveLength(1);
  });

  it('refuses writes to a merged-away id, pointing at the survivor', async () => {
    const answer = await execute(UPSERT_ENTITY, {
      input: company('acme-ltd', 'Acme again', 'Acme Robotics'),
    });
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      mergedInto: `${P}:acme`,
    });
  });
});

describe('addSource', () => {
  it('is idempotent for the same fields and refuses different ones', async () => {
    const same = await execute(ADD_SOURCE, {
      input: { id: SOURCE, title: 'Memo on Acme', kind: 'article', text: SOURCE_TEXT },
    });
    expect(same.body.errors).toBeUndefined();
    const different = await execute(ADD_SOURCE, {
      input: { id: SOURCE, title: 'Another title', kind: 'article', text: SOURCE_TEXT },
    });
    expect(different.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(different.body.errors?.[0]?.message).toContain('title');
    const badUrl = await execute(ADD_SOURCE, {
      input: { id: `source:${P}-x`, title: 'X', url: 'javascript:alert(1)' },
    });
    expect(badUrl.body.errors?.[0]?.extensions?.argument).toBe('input.url');
  });
});
