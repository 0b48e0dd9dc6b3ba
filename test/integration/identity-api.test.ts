/**
 * The API over identities (issue 17, item 4): search, entity, neighborhood, paths, connect and
 * timeline answer with an identity as one node, every link still on and citing its own record;
 * `joinIdentities: false` shows the raw records. The real lists (../shared/data, read at run
 * time) give the done-when test; a small graph written here gives the hostile cases.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authorNow } from '../../server/data/curation';
import { judge, undoJudgement } from '../../server/data/judgements';
import { stableId } from '../../server/import/ids';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { wholeGraphChecksum } from '../support/graph-checksum';
import { dataOf, graphqlClient } from '../support/graphql';
import { importList, LIST_IMPORTS, removeImportedLists } from '../support/imported-lists';
import { missingListFiles } from '../support/list-records';

const curator = () => authorNow('test-curator');

interface PathNode {
  id: string;
  records: { id: string }[];
}
interface PathLink {
  id: string;
  from: { id: string };
  to: { id: string };
  citations: { source: { id: string } }[];
}
interface PathsAnswer {
  paths: { paths: { length: number; entities: PathNode[]; links: PathLink[] }[] };
}

const PATHS = `query ($from: ID!, $to: ID!, $join: Boolean, $maxHops: Int) {
  paths(from: $from, to: $to, maxHops: $maxHops, joinIdentities: $join) {
    paths {
      length
      entities { id records { id } }
      links { id from { id } to { id } citations { source { id } } }
    }
  }
}`;

let db: Database;
let gql: ReturnType<typeof graphqlClient>;

beforeAll(() => {
  db = connectTestDatabase(120_000);
  gql = graphqlClient(db);
});
afterAll(async () => {
  await db.close();
});

const missing = missingListFiles();

describe.skipIf(missing !== null)(
  `a path across lists through a judged identity${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    const huaweiDod = stableId('us-dod-1260h:company:', ['Huawei Technologies Co., Ltd.']) ?? '';
    const huawei889 = stableId('us-special-leg:entity:', ['Huawei Technologies Company']) ?? '';
    let list889 = '';

    const removeImported = () => removeImportedLists(db);

    beforeAll(async () => {
      await removeImported();
      for (const [file, name] of LIST_IMPORTS) await importList(db, file, name);
      const [row] = await db.read<{ id: string }>(
        `MATCH (:Entity {id: $id})-[:LISTED_ON]->(l:GovernmentList) WHERE l.name CONTAINS '889'
         RETURN l.id AS id`,
        { id: huawei889 },
      );
      list889 = row?.id ?? '';
    }, 300_000);

    afterAll(removeImported);

    it('runs from the 1260H list to the Section 889 list through Huawei once a person judges it SAME; undo removes it', async () => {
      expect(list889).toMatch(/^us-special-leg:list:/);
      // Two links and one crossing from the 1260H record to the Section 889 record: 3 steps.
      const ask = () =>
        gql<PathsAnswer>(PATHS, { from: 'list:us-dod-1260h', to: list889, maxHops: 3 });
      const before = await wholeGraphChecksum(db);
      expect(dataOf(await ask()).paths.paths).toEqual([]);

      const judgement = await judge(
        db,
        { a: huawei889, b: huaweiDod, decision: 'same', note: 'Same name up to the legal form.' },
        curator(),
      );
      const { paths } = dataOf(await ask()).paths;
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        expect(path.length).toBe(2);
        const [start, middle, end] = path.entities;
        expect([start?.id, end?.id]).toEqual(['list:us-dod-1260h', list889]);
        expect(middle?.id).toBe(`identity:${[huaweiDod, huawei889].sort()[0]}`);
        expect(middle?.records.map((r) => r.id).sort()).toEqual([huaweiDod, huawei889].sort());
        // Each link stays on the record it was imported with and cites that record's dataset.
        const [toList1260h, toList889] = path.links;
        expect(toList1260h?.from.id).toBe(huaweiDod);
        expect(toList1260h?.citations.map((c) => c.source.id)).toEqual([
          'source:dataset:opensanctions-us-dod-chinese-milcorps',
        ]);
        expect(toList889?.from.id).toBe(huawei889);
        expect(toList889?.citations.map((c) => c.source.id)).toEqual([
          'source:dataset:opensanctions-us-special-leg',
        ]);
      }
      // The raw records: no path, the lists are not linked.
      const raw = await gql<PathsAnswer>(PATHS, {
        from: 'list:us-dod-1260h',
        to: list889,
        maxHops: 3,
        join: false,
      });
      expect(dataOf(raw).paths.paths).toEqual([]);

      await undoJudgement(db, judgement.id);
      expect(dataOf(await ask()).paths.paths).toEqual([]);
      expect(await wholeGraphChecksum(db)).toEqual(before);
      // Two whole-graph checksums over the imported lists: slow on a busy machine.
    }, 240_000);
  },
);

/**
 * A small graph of its own: three records of one body on three lists (A, B, C), one more
 * record D, and a person linked to A; each link cites the test source.
 */
describe('identities across the API', () => {
  const P = 'test-idapi:';
  const id = (name: string) => `${P}${name}`;
  const SOURCE = `source:${P}doc`;
  const judgements: string[] = [];

  beforeAll(async () => {
    await db.write(
      `MATCH (n) WHERE n.id STARTS WITH $p OR n.id STARTS WITH 'identity:' + $p
                      OR n.id = $source OR (n:Judgement AND n.aId STARTS WITH $p)
                    DETACH DELETE n`,
      { p: P, source: SOURCE },
    );
    // Labels are fixed words here: Company, GovernmentList, Person.
    await db.write(
      `CREATE (src:Source {id: $source, title: 'Test document', kind: 'article',
                           text: 'Acme Widgets is listed. Acme Widget Co is listed. Ann leads Acme.'})
       CREATE (a:Entity:Company {id: $p + 'acme-a', kind: 'Company', name: 'Zyxwv Acme Widgets A',
                 aliases: [], searchText: 'Zyxwv Acme Widgets A', citationSourceIds: [$source],
                 citationExcerpts: ['Acme Widgets is listed.'], citationLocators: ['']})
       CREATE (b:Entity:Company {id: $p + 'acme-b', kind: 'Company', name: 'Zyxwv Acme Widgets B',
                 aliases: [], searchText: 'Zyxwv Acme Widgets B', citationSourceIds: [$source],
                 citationExcerpts: ['Acme Widget Co is listed.'], citationLocators: ['']})
       CREATE (c:Entity:Company {id: $p + 'acme-c', kind: 'Company', name: 'Zyxwv Acme Widgets C',
                 aliases: [], searchText: 'Zyxwv Acme Widgets C', citationSourceIds: [], citationExcerpts: [],
                 citationLocators: []})
       CREATE (d:Entity:Company {id: $p + 'other-d', kind: 'Company', name: 'Zyxwv Other D',
                 aliases: [], searchText: 'Zyxwv Other D', citationSourceIds: [], citationExcerpts: [],
                 citationLocators: []})
       CREATE (ann:Entity:Person {id: $p + 'ann', kind: 'Person', name: 'Zyxwv Ann',
                 aliases: [], searchText: 'Zyxwv Ann', citationSourceIds: [], citationExcerpts: [],
                 citationLocators: []})
       WITH *
       UNWIND [['a', a, '2020'], ['b', b, '2021'], ['c', c, '2022']] AS listing
       WITH ann, a, listing[0] AS key, listing[1] AS company, listing[2] AS year
       CREATE (l:Entity:GovernmentList {id: $p + 'list-' + key, kind: 'GovernmentList',
                 name: 'Zyxwv List ' + key, aliases: [], searchText: 'Zyxwv List ' + key,
                 citationSourceIds: [], citationExcerpts: [], citationLocators: []})
       CREATE (company)-[:LISTED_ON {id: $p + 'listed-' + key, status: 'asserted', since: year,
                 validFrom: year + '-01-01', citationSourceIds: [$source],
                 citationExcerpts: ['Acme Widgets is listed.'], citationLocators: ['']}]->(l)
       WITH DISTINCT ann, a
       CREATE (ann)-[:LEADS {id: $p + 'leads', status: 'asserted', on: '2019', validFrom: '2019-01-01',
                 citationSourceIds: [$source], citationExcerpts: ['Ann leads Acme.'], citationLocators: ['']}]->(a)`,
      { p: P, source: SOURCE },
    );
  });

  // A failed test leaves no judgement behind for the next.
  afterEach(async () => {
    while (judgements.length > 0) await undoJudgement(db, judgements.pop() as string);
  });

  afterAll(async () => {
    await db.write(`MATCH (n) WHERE n.id STARTS WITH $p OR n.id = $source DETACH DELETE n`, {
      p: P,
      source: SOURCE,
    });
  });

  const joinThree = async () => {
    for (const [a, b] of [
      ['acme-a', 'acme-b'],
      ['acme-b', 'acme-c'],
    ] as const) {
      const j = await judge(db, { a: id(a), b: id(b), decision: 'same', note: null }, curator());
      judgements.push(j.id);
    }
  };
  const splitAll = async () => {
    while (judgements.length > 0) await undoJudgement(db, judgements.pop() as string);
  };
  const identityId = `identity:${P}acme-a`;

  it('answers a search hit on any record of an identity of three as the identity, once; raw shows each record', async () => {
    const before = await wholeGraphChecksum(db);
    await joinThree();
    const SEARCH = `query ($join: Boolean) { search(text: "Zyxwv Acme Widgets", first: 10, joinIdentities: $join) {
      entity { id name aliases records { id citations { excerpt } } } } }`;
    const joined = dataOf(
      await gql<{ search: { entity: PathNode & { aliases: string[] } }[] }>(SEARCH),
    ).search;
    const acme = joined.filter((h) => h.entity.id.includes('acme'));
    expect(acme.map((h) => h.entity.id)).toEqual([identityId]);
    expect(acme[0]?.entity.records.map((r) => r.id)).toEqual([
      id('acme-a'),
      id('acme-b'),
      id('acme-c'),
    ]);
    expect(acme[0]?.entity.aliases).toEqual(['Zyxwv Acme Widgets B', 'Zyxwv Acme Widgets C']);
    const raw = dataOf(
      await gql<{ search: { entity: PathNode }[] }>(SEARCH, { join: false }),
    ).search;
    expect(
      raw
        .map((h) => h.entity.id)
        .filter((x) => x.includes('acme'))
        .sort(),
    ).toEqual([id('acme-a'), id('acme-b'), id('acme-c')]);
    await splitAll();
    expect(await wholeGraphChecksum(db)).toEqual(before);
  });

  it('finds an entity by a record id or the identity id; raw finds only records; a split record stands alone again', async () => {
    await joinThree();
    const ENTITY = `query ($id: ID!, $join: Boolean) { entity(id: $id, joinIdentities: $join) {
      id degree records { id } identity { id records { id } } links { id from { id } } } }`;
    type Answer = {
      entity: (PathNode & { degree: number; identity: PathNode | null; links: PathLink[] }) | null;
    };
    for (const asked of [id('acme-b'), identityId]) {
      const entity = dataOf(await gql<Answer>(ENTITY, { id: asked })).entity;
      expect(entity?.id).toBe(identityId);
      expect(entity?.records.map((r) => r.id)).toEqual([id('acme-a'), id('acme-b'), id('acme-c')]);
      expect(entity?.identity?.id).toBe(identityId);
      // The identity's links are its records' links, each on its own record.
      expect(entity?.links.map((l) => [l.id, l.from.id]).sort()).toEqual([
        [`${P}leads`, id('ann')],
        [`${P}listed-a`, id('acme-a')],
        [`${P}listed-b`, id('acme-b')],
        [`${P}listed-c`, id('acme-c')],
      ]);
    }
    // Degree counts links: the identity's four, the raw record's one (not its RECORD_OF or SAME_AS).
    expect(dataOf(await gql<Answer>(ENTITY, { id: identityId })).entity?.degree).toBe(4);
    const rawRecord = dataOf(await gql<Answer>(ENTITY, { id: id('acme-b'), join: false })).entity;
    expect(rawRecord?.degree).toBe(1);
    expect(rawRecord?.id).toBe(id('acme-b'));
    expect(rawRecord?.records.map((r) => r.id)).toEqual([id('acme-b')]);
    expect(rawRecord?.identity?.id).toBe(identityId);
    expect(dataOf(await gql<Answer>(ENTITY, { id: identityId, join: false })).entity).toBeNull();

    // Split C off (undo the B–C judgement): C answers as itself, A and B stay one.
    await undoJudgement(db, judgements.pop() as string);
    const c = dataOf(await gql<Answer>(ENTITY, { id: id('acme-c') })).entity;
    expect(c?.id).toBe(id('acme-c'));
    expect(c?.identity).toBeNull();
    const b = dataOf(await gql<Answer>(ENTITY, { id: id('acme-b') })).entity;
    expect(b?.records.map((r) => r.id)).toEqual([id('acme-a'), id('acme-b')]);
    await splitAll();
  });

  it('batches Entity.identity: a search of many records costs one identity query', async () => {
    await joinThree();
    const counted = countingDatabase(db);
    const client = graphqlClient(counted.db);
    const answer = dataOf(
      await client<{ search: { entity: { identity: { id: string } | null } }[] }>(
        `{ search(text: "Zyxwv", first: 10, joinIdentities: false) { entity { id identity { id } } } }`,
      ),
    ).search;
    expect(answer.filter((h) => h.entity.identity?.id === identityId)).toHaveLength(3);
    expect(counted.reads.filter((q) => q.includes('RECORD_OF]->(identity:Identity)'))).toHaveLength(
      1,
    );
    await splitAll();
  });

  it('expands an identity in a neighbourhood as one node, at no cost in depth', async () => {
    await joinThree();
    const NEIGHBORHOOD = `query ($id: ID!, $join: Boolean) { neighborhood(id: $id, depth: 1, joinIdentities: $join) {
      entities { id } links { id from { id } } } }`;
    type Answer = { neighborhood: { entities: { id: string }[]; links: PathLink[] } };
    // Around record C: its identity is one node, so its records' lists and Ann are one link away.
    const joined = dataOf(await gql<Answer>(NEIGHBORHOOD, { id: id('acme-c') })).neighborhood;
    expect(joined.entities.map((e) => e.id).sort()).toEqual(
      [identityId, `${P}ann`, `${P}list-a`, `${P}list-b`, `${P}list-c`].sort(),
    );
    expect(joined.links.find((l) => l.id === `${P}listed-a`)?.from.id).toBe(id('acme-a'));
    // From list C, the identity is one step and what it links to the next: depth counts links.
    const fromList = (depth: number) =>
      gql<Answer>(NEIGHBORHOOD.replace('depth: 1', `depth: ${depth}`), { id: `${P}list-c` });
    expect(
      dataOf(await fromList(1))
        .neighborhood.entities.map((e) => e.id)
        .sort(),
    ).toEqual([identityId, `${P}list-c`].sort());
    expect(
      dataOf(await fromList(2))
        .neighborhood.entities.map((e) => e.id)
        .sort(),
    ).toEqual([identityId, `${P}ann`, `${P}list-a`, `${P}list-b`, `${P}list-c`].sort());
    const raw = dataOf(
      await gql<Answer>(NEIGHBORHOOD, { id: id('acme-c'), join: false }),
    ).neighborhood;
    expect(raw.entities.map((e) => e.id).sort()).toEqual([id('acme-c'), `${P}list-c`].sort());
    await splitAll();
  });

  it('connects through an identity and gives its timeline of all records', async () => {
    await joinThree();
    // Two links and one crossing (acme-c to acme-a): 3 steps.
    const CONNECT = `query ($ids: [ID!]!, $join: Boolean) { connect(ids: $ids, maxHops: 3, joinIdentities: $join) {
      entities { id } links { id } } }`;
    type Answer = { connect: { entities: { id: string }[]; links: { id: string }[] } };
    const joined = dataOf(await gql<Answer>(CONNECT, { ids: [`${P}list-c`, `${P}ann`] })).connect;
    expect(joined.entities.map((e) => e.id).sort()).toEqual(
      [identityId, `${P}ann`, `${P}list-c`].sort(),
    );
    expect(joined.links.map((l) => l.id).sort()).toEqual([`${P}leads`, `${P}listed-c`]);
    const raw = dataOf(
      await gql<Answer>(CONNECT, { ids: [`${P}list-c`, `${P}ann`], join: false }),
    ).connect;
    expect(raw.links).toEqual([]);

    const TIMELINE = `query ($id: ID!, $join: Boolean) { timeline(id: $id, joinIdentities: $join) {
      date moment link { id from { id } } } }`;
    type Events = { timeline: { date: string; moment: string; link: PathLink }[] };
    const events = dataOf(await gql<Events>(TIMELINE, { id: identityId })).timeline;
    expect(events.map((e) => [e.date, e.link.id, e.link.from.id])).toEqual([
      ['2019', `${P}leads`, id('ann')],
      ['2020', `${P}listed-a`, id('acme-a')],
      ['2021', `${P}listed-b`, id('acme-b')],
      ['2022', `${P}listed-c`, id('acme-c')],
    ]);
    const rawEvents = dataOf(
      await gql<Events>(TIMELINE, { id: id('acme-b'), join: false }),
    ).timeline;
    expect(rawEvents.map((e) => e.link.id)).toEqual([`${P}listed-b`]);
    await splitAll();
  });

  it('counts a crossing against maxHops like a link, length counts links only; refuses two records of one identity as the ends', async () => {
    await joinThree();
    // list-a, acme-a, (crossing) acme-c, list-c: two links and one crossing, 3 steps.
    const one = dataOf(
      await gql<PathsAnswer>(PATHS, { from: `${P}list-a`, to: `${P}list-c`, maxHops: 3 }),
    ).paths.paths;
    expect(one.map((p) => [p.length, p.entities.map((e) => e.id)])).toEqual([
      [2, [`${P}list-a`, identityId, `${P}list-c`]],
    ]);
    const tooShort = await gql<PathsAnswer>(PATHS, {
      from: `${P}list-a`,
      to: `${P}list-c`,
      maxHops: 2,
    });
    expect(dataOf(tooShort).paths.paths).toEqual([]);
    // The crossing is one SAME_AS step, written between every two records of the identity.
    const [row] = await db.read<{ pairs: string[][] }>(
      `MATCH (a:Entity)-[:SAME_AS]->(b:Entity) WHERE a.id STARTS WITH $p
       WITH a.id AS a, b.id AS b ORDER BY a, b RETURN collect([a, b]) AS pairs`,
      { p: P },
    );
    expect(row?.pairs).toEqual([
      [id('acme-a'), id('acme-b')],
      [id('acme-a'), id('acme-c')],
      [id('acme-b'), id('acme-c')],
    ]);
    const same = await gql(PATHS, { from: id('acme-a'), to: identityId });
    expect(same.errors?.[0]?.message).toMatch(/same identity as "from"/);
    const unknown = await gql(PATHS, { from: 'identity:nobody', to: identityId });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await splitAll();
  });
});

/** The database with every read's Cypher recorded, to count round trips. */
function countingDatabase(inner: Database): { db: Database; reads: string[] } {
  const reads: string[] = [];
  const db = Object.create(inner) as Database;
  db.read = (cypher, params) => {
    reads.push(cypher);
    return inner.read(cypher, params);
  };
  return { db, reads };
}
