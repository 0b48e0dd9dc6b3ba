/**
 * One set of write rules: the same entities and link, written by the seed (cypher/seed.cypher),
 * by curation (server/data/curation.ts) and by the importer's batch writer, are stored alike:
 * the same labels, properties (searchText and nameKey included), citations and relationship.
 * Only the id and who/when differ.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorNow, upsertEntity, upsertLink } from '../../server/data/curation';
import { refreshSearchText } from '../../server/data/search-text-refresh';
import { writeRows } from '../../server/import/run-import';
import { unpackCitations } from '../../server/model/citations';
import type { EntityKind, LinkType } from '../../server/model/vocabulary';
import { normalizeName, searchTextOf } from '../../server/model/write-rules';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';

// The ministry has an alias and initials (MIIT, CMIIT) in its searchText.
const SEED_ENTITIES = ['company:xiaomi', 'topic:5g-technologies', 'ministry:cn-miit'];
const SEED_LINK = 'link:xiaomi-invests-in-5g-technologies';
const WHO_AND_WHEN = ['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];
const ENTITY_FIELDS = ['id', 'kind', 'name', 'searchText', 'nameKey', 'citationSourceIds'];

/** The seed's source, as the importer is given it. */
const SEED_SOURCE = {
  id: 'source:article-xiaomi-dod-blacklist',
  title: '',
  publisher: '',
  url: '',
  retrievedAt: '',
  licence: '',
  language: null,
  published: null,
};

let db: Database;

type Stored = { labels: string[]; properties: Record<string, unknown> };

async function entity(id: string): Promise<Stored> {
  const [row] = await db.read<Stored>(
    'MATCH (e:Entity {id: $id}) RETURN labels(e) AS labels, properties(e) AS properties',
    { id },
  );
  if (!row) throw new Error(`no entity ${id}`);
  return row;
}

async function link(id: string) {
  const [row] = await db.read<{
    type: LinkType;
    from: string;
    to: string;
    properties: Record<string, unknown>;
  }>(
    `MATCH (a)-[r {id: $id}]->(b)
     RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS properties`,
    { id },
  );
  if (!row) throw new Error(`no link ${id}`);
  return row;
}

/** What must be equal whoever wrote it. */
function comparable(stored: Stored | Record<string, unknown>) {
  const properties = 'labels' in stored ? (stored as Stored).properties : stored;
  const kept = Object.entries(properties as Record<string, unknown>).filter(
    ([key]) => !WHO_AND_WHEN.includes(key),
  );
  return {
    ...('labels' in stored ? { labels: [...(stored as Stored).labels].sort() } : {}),
    properties: Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b))),
  };
}

async function removeCopies() {
  await db.write("MATCH (n) WHERE n.id STARTS WITH 'write-rules-' DETACH DELETE n");
}

beforeAll(async () => {
  db = connectTestDatabase(60_000);
  await removeCopies();
});

afterAll(async () => {
  await removeCopies();
  await db.close();
});

describe('the same input written by the seed, by curation and by the importer', () => {
  it('the seed writes searchText and nameKey by the rules for every entity', async () => {
    const seed = readFileSync(new URL('../../cypher/seed.cypher', import.meta.url), 'utf8');
    const ids = [...seed.matchAll(/MERGE \(e:Entity \{id: '([^']+)'\}\)/g)].map((m) => m[1]);
    const rows = await db.read<{
      name: string;
      aliases: string[];
      searchText: string;
      nameKey: string;
    }>(
      `MATCH (e:Entity) WHERE e.id IN $ids
       RETURN e.name AS name, coalesce(e.aliases, []) AS aliases, e.searchText AS searchText, e.nameKey AS nameKey`,
      { ids },
    );
    expect(rows).toHaveLength(ids.length);
    expect(ids.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(row.searchText).toBe(searchTextOf(row.name, row.aliases));
      expect(row.nameKey).toBe(normalizeName(row.name));
    }
  });

  it('gives identical nodes and relationships', async () => {
    const seeded = await Promise.all(SEED_ENTITIES.map(entity));
    const seededLink = await link(SEED_LINK);
    const copy = (writer: string, id: string) => `write-rules-${writer}:${id}`;
    const author = authorNow('write-rules-test');

    // The seed's own values are the input.
    const inputs = seeded.map(({ properties: p }) => {
      const extra = Object.fromEntries(
        Object.entries(p).filter(
          ([k]) => !ENTITY_FIELDS.includes(k) && !k.startsWith('citation') && k !== 'aliases',
        ),
      ) as Record<string, string>;
      return {
        id: String(p.id),
        kind: p.kind as EntityKind,
        name: String(p.name),
        aliases: (p.aliases as string[]) ?? [],
        extra,
        citations: unpackCitations(p),
      };
    });
    // The seed's hand-written searchText and nameKey follow the rules too.
    for (const [i, input] of inputs.entries()) {
      expect(seeded[i]?.properties.searchText).toBe(searchTextOf(input.name, input.aliases));
    }

    for (const input of inputs) {
      await upsertEntity(
        db,
        {
          id: copy('curation', input.id),
          kind: input.kind,
          name: input.name,
          properties: { aliases: input.aliases, ...input.extra },
          citations: input.citations,
        },
        author,
      );
    }
    const lp = seededLink.properties;
    const linkFields = {
      status: 'asserted' as const,
      since: null,
      until: null,
      on: null,
      validFrom: null,
      validTo: null,
      citations: unpackCitations(lp),
    };
    const linkProperties = {
      amount: lp.amount as number,
      currency: String(lp.currency),
      field: String(lp.field),
      note: String(lp.note),
    };
    await upsertLink(
      db,
      {
        id: copy('curation', SEED_LINK),
        type: seededLink.type,
        fromId: copy('curation', seededLink.from),
        toId: copy('curation', seededLink.to),
        ...linkFields,
        properties: linkProperties,
      },
      author,
    );

    const imported = await writeRows(
      db,
      [
        {
          line: 2,
          entities: inputs.map((input) => ({
            id: copy('import', input.id),
            kind: input.kind,
            name: input.name,
            aliases: input.aliases,
            properties: input.extra,
            citations: input.citations,
            line: 2,
          })),
          links: [
            {
              id: copy('import', SEED_LINK),
              type: seededLink.type,
              fromId: copy('import', seededLink.from),
              toId: copy('import', seededLink.to),
              ...linkFields,
              properties: linkProperties,
              line: 2,
            },
          ],
        },
      ],
      SEED_SOURCE,
      10,
    );
    expect(imported.rows.imported).toBe(1);

    for (const [i, id] of SEED_ENTITIES.entries()) {
      const seed = comparable(seeded[i] as Stored);
      expect(comparable(await entity(copy('curation', id)))).toEqual(seed);
      expect(comparable(await entity(copy('import', id)))).toEqual(seed);
    }
    const seedLink = { type: seededLink.type, ...comparable(seededLink.properties) };
    for (const writer of ['curation', 'import']) {
      const written = await link(copy(writer, SEED_LINK));
      expect({ type: written.type, ...comparable(written.properties) }).toEqual(seedLink);
      expect([written.from, written.to]).toEqual([
        copy(writer, seededLink.from),
        copy(writer, seededLink.to),
      ]);
    }
  });
  it('derives the same initials in Cypher (curation, import) as in code, for awkward names', async () => {
    const names: [string, string[]][] = [
      ['Ministry of Industry and Information Technology', ['MIIT']],
      ['  The  Bank   OF  the   North  ', []],
      ['Ministère de l’Économie, des Finances et de la Souveraineté', ['Bercy']],
      ['Société Générale de Surveillance (SGS) S.A.', ['SGS']],
      ['5G Technologies & Services Ltd', []],
      ['𠀀 Ancient Script Holdings Group', ['– – –']],
      ['Ürümqi İnşaat Şirketi', ['A B', 'Xi Yu Zi']],
      ['Acme', ['Acme Robotics Incorporated', 'Acme Robotics Incorporated']],
    ];
    const author = authorNow('write-rules-test');
    const id = (writer: string, i: number) => `write-rules-${writer}:awkward-${i}`;
    const citations = [
      { sourceId: 'source:article-xiaomi-dod-blacklist', excerpt: 'Xiaomi', locator: null },
    ];
    for (const [i, [name, aliases]] of names.entries())
      await upsertEntity(
        db,
        { id: id('curation', i), kind: 'Company', name, properties: { aliases }, citations },
        author,
      );
    await writeRows(
      db,
      [
        {
          line: 2,
          entities: names.map(([name, aliases], i) => ({
            id: id('import', i),
            kind: 'Company' as const,
            name,
            aliases,
            properties: {},
            citations,
            line: 2,
          })),
          links: [],
        },
      ],
      SEED_SOURCE,
      10,
    );
    for (const [i, [name, aliases]] of names.entries()) {
      const expected = searchTextOf(name, aliases);
      for (const writer of ['curation', 'import']) {
        const stored = await entity(id(writer, i));
        expect(stored.properties.searchText, `${writer}: ${name}`).toBe(expected);
      }
    }
    expect(searchTextOf(names[0]?.[0] ?? '', ['MIIT'])).toBe(
      'Ministry of Industry and Information Technology\nMIIT',
    );
  });

  it('brings entities written under the old rule up to date, once (npm run db:seed)', async () => {
    const stale = [
      ['write-rules-stale:1', 'Bureau of Industry and Security', ['BIS list keeper']],
      ['write-rules-stale:2', 'Hong Kong Monetary Authority', []],
      ['write-rules-stale:3', 'Lei Jun', []],
    ] as const;
    for (const [id, name, aliases] of stale)
      await db.write(
        // As written before initials: name and aliases only (the last one with none at all).
        `CREATE (e:Entity:Organization {id: $id, kind: 'Organization', name: $name, aliases: $aliases})
         SET e.searchText = CASE WHEN $id ENDS WITH ':3' THEN null ELSE $old END`,
        { id, name, aliases, old: [name, ...aliases].join('\n') },
      );
    expect(await refreshSearchText(db, 50)).toBeGreaterThanOrEqual(3);
    for (const [id, name, aliases] of stale)
      expect((await entity(id)).properties.searchText).toBe(searchTextOf(name, [...aliases]));
    expect((await entity('write-rules-stale:2')).properties.searchText).toBe(
      'Hong Kong Monetary Authority\nHKMA',
    );
    expect(await refreshSearchText(db, 50)).toBe(0);
  });
});
