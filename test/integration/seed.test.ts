import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeName } from '../../server/model/normalize-name';
import { validityWindow } from '../../server/model/partial-date';
import { searchTextOf } from '../../server/model/write-rules';
import { runCypherFile } from '../../server/neo4j/cypher-script';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { dataOf, graphqlClient } from '../support/graphql';

const ARTICLE = 'source:article-xiaomi-dod-blacklist';

let db: Database;

beforeAll(() => {
  db = connectTestDatabase();
});

afterAll(async () => {
  await db.close();
});

/** Everything the seed wrote, as one comparable value: nodes and links citing the article. */
async function seedSnapshot() {
  const [row] = await db.read<{
    kinds: unknown;
    types: unknown;
    entities: unknown;
    links: unknown;
  }>(
    `CALL () {
       MATCH (e:Entity) WHERE $source IN e.citationSourceIds
       WITH e ORDER BY e.id
       RETURN collect(e.kind) AS kindList, collect(properties(e)) AS entities
     }
     CALL () {
       MATCH ()-[r]->() WHERE $source IN r.citationSourceIds
       WITH r ORDER BY r.id
       RETURN collect(type(r)) AS typeList, collect(properties(r)) AS links
     }
     RETURN kindList AS kinds, typeList AS types, entities, links`,
    { source: ARTICLE },
  );
  return row;
}

function tally(values: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values as string[]) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

describe('the seed story', () => {
  it('has the entities and links the article supports, by kind and type', async () => {
    const snapshot = await seedSnapshot();
    expect(tally(snapshot?.kinds)).toEqual({
      Person: 3,
      Company: 1,
      Ministry: 2,
      Award: 1,
      GovernmentList: 1,
      Organization: 2,
      Topic: 1,
    });
    expect(tally(snapshot?.types)).toEqual({
      FOUNDED: 1,
      LEADS: 1,
      RECEIVED: 1,
      CONFERRED_BY: 1,
      MAINTAINS: 1,
      LISTED_ON: 1,
      LISTED_ON_EXCHANGE: 1,
      INVESTS_IN: 1,
      SUCCEEDED: 1,
      AFFILIATED_WITH: 1,
    });
  });

  it('leaves exactly the same graph when applied a second time', async () => {
    const before = await seedSnapshot();
    await runCypherFile(db, 'seed.cypher');
    expect(await seedSnapshot()).toEqual(before);
  });

  it('keeps the article whole as the source text, with what it says about itself', async () => {
    const [source] = await db.read<{ s: Record<string, unknown> }>(
      'MATCH (s:Source {id: $id}) RETURN properties(s) AS s',
      { id: ARTICLE },
    );
    expect(source?.s.kind).toBe('article');
    expect(String(source?.s.text)).toMatch(
      /^Xiaomi’s placement on the US Department of Defense blacklist/,
    );
    expect(String(source?.s.text)).toMatch(/Hong Kong Stock Exchange\.$/);
    // The article gives no date or publisher: the graph must not invent one.
    expect(source?.s.published).toBeUndefined();
    expect(source?.s.publisher).toBeUndefined();
  });

  it('records the dates with the precision the article gives', async () => {
    const rows = await db.read<{ id: string; since: string | null; on: string | null }>(
      'MATCH ()-[r]->() WHERE r.id IN $ids RETURN r.id AS id, r.since AS since, r.on AS on ORDER BY id',
      {
        ids: [
          'link:xiaomi-listed-on-us-dod-blacklist',
          'link:lei-jun-received-miit-2019-distinction',
          'link:joe-biden-succeeded-donald-trump',
        ],
      },
    );
    expect(rows).toEqual([
      { id: 'link:joe-biden-succeeded-donald-trump', since: null, on: '2021-01' },
      { id: 'link:lei-jun-received-miit-2019-distinction', since: null, on: '2019' },
      { id: 'link:xiaomi-listed-on-us-dod-blacklist', since: '2021-01-14', on: null },
    ]);
  });

  it('keeps the denial of a government connection as a denied claim, not as a fact', async () => {
    const [row] = await db.read<{ status: string }>(
      "MATCH (:Entity {id: 'company:xiaomi'})-[r:AFFILIATED_WITH]->(:Entity {id: 'org:chinese-government'}) RETURN r.status AS status",
    );
    expect(row?.status).toBe('denied');
  });
});

// These guard all data, not only the seed: importers and curation must keep them true.
describe('evidence for every fact in the graph', () => {
  it('gives every link at least one citation with a non-empty excerpt and an existing source', async () => {
    const offenders = await db.read<{ id: string }>(
      `MATCH ()-[r]->()
       WHERE size(coalesce(r.citationSourceIds, [])) = 0
          OR size(r.citationSourceIds) <> size(coalesce(r.citationExcerpts, []))
          OR any(x IN r.citationExcerpts WHERE trim(x) = '')
          OR any(sid IN r.citationSourceIds WHERE NOT EXISTS { MATCH (:Source {id: sid}) })
       RETURN r.id AS id LIMIT 20`,
    );
    expect(offenders).toEqual([]);
  });

  it('finds every excerpt verbatim in its source text (where the source keeps its text)', async () => {
    const offenders = await db.read<{ id: string; excerpt: string }>(
      `CALL () {
         MATCH ()-[r]->() RETURN r.id AS id, r.citationSourceIds AS sids, r.citationExcerpts AS excerpts
         UNION ALL
         MATCH (e:Entity) WHERE e.citationSourceIds IS NOT NULL
         RETURN e.id AS id, e.citationSourceIds AS sids, e.citationExcerpts AS excerpts
       }
       UNWIND range(0, size(sids) - 1) AS i
       MATCH (s:Source {id: sids[i]}) WHERE s.text IS NOT NULL AND NOT s.text CONTAINS excerpts[i]
       RETURN id, excerpts[i] AS excerpt LIMIT 20`,
    );
    expect(offenders).toEqual([]);
  });

  it('finds each article excerpt in the paragraph its locator names', async () => {
    const [source] = await db.read<{ text: string }>(
      'MATCH (s:Source {id: $id}) RETURN s.text AS text',
      {
        id: ARTICLE,
      },
    );
    const paragraphs = String(source?.text).split('\n\n');
    const citations = await db.read<{ excerpt: string; locator: string }>(
      `CALL () {
         MATCH ()-[r]->() RETURN r.citationSourceIds AS sids, r.citationExcerpts AS ex, r.citationLocators AS loc
         UNION ALL
         MATCH (e:Entity) RETURN e.citationSourceIds AS sids, e.citationExcerpts AS ex, e.citationLocators AS loc
       }
       UNWIND range(0, size(coalesce(sids, [])) - 1) AS i
       WITH sids[i] AS sid, ex[i] AS excerpt, loc[i] AS locator WHERE sid = $id
       RETURN excerpt, locator`,
      { id: ARTICLE },
    );
    expect(citations.length).toBeGreaterThan(20);
    for (const { excerpt, locator } of citations) {
      const index = Number(/^paragraph (\d+)$/.exec(locator)?.[1]) - 1;
      expect(paragraphs[index], `${locator}: ${excerpt}`).toContain(excerpt);
    }
  });

  it('derives validFrom/validTo from since/until/on exactly as the code does', async () => {
    const links = await db.read<Record<string, string | null>>(
      'MATCH ()-[r]->() RETURN r.id AS id, r.since AS since, r.until AS until, r.on AS on, r.validFrom AS validFrom, r.validTo AS validTo',
    );
    for (const link of links) {
      expect({ id: link.id, ...validityWindow(link) }).toEqual({
        id: link.id,
        validFrom: link.validFrom ?? null,
        validTo: link.validTo ?? null,
      });
    }
  });

  it('keeps nameKey and searchText in step with name and aliases', async () => {
    const entities = await db.read<{
      id: string;
      name: string;
      aliases: string[];
      nameKey: string;
      searchText: string;
    }>(
      'MATCH (e:Entity) RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases, e.nameKey AS nameKey, e.searchText AS searchText',
    );
    for (const e of entities) {
      expect(e.nameKey, e.id).toBe(normalizeName(e.name));
      expect(e.searchText, e.id).toBe(searchTextOf(e.name, e.aliases));
    }
  });
});

describe('the question the story asks', () => {
  it('links Lei Jun to the Defense Department list within three hops, with citations', async () => {
    const execute = graphqlClient(db);
    const data = dataOf(
      await execute<{
        paths: {
          paths: {
            length: number;
            entities: { id: string }[];
            links: { type: string; citations: { excerpt: string }[] }[];
          }[];
        };
      }>(`{
        paths(from: "person:lei-jun", to: "list:us-dod-blacklist", maxHops: 3) {
          paths { length entities { id } links { type citations { excerpt } } }
        }
      }`),
    );
    const [first] = data.paths.paths;
    expect(first?.length).toBeLessThanOrEqual(3);
    expect(first?.entities.map((e) => e.id)).toEqual([
      'person:lei-jun',
      'company:xiaomi',
      'list:us-dod-blacklist',
    ]);
    expect(first?.links.at(-1)?.type).toBe('LISTED_ON');
    for (const link of first?.links ?? []) expect(link.citations.length).toBeGreaterThan(0);
  });
});
