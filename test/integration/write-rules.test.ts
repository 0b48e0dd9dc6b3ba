/**
 * One set of write rules: the same entities and link, written by the seed (cypher/seed.cypher),
 * by curation (server/data/curation.ts) and by the importer's batch writer, are stored alike:
 * the same labels, properties (searchText and nameKey included), citations and relationship.
 * Only the id and who/when differ.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorNow, upsertEntity, upsertLink } from '../../server/data/curation';
import { writeRows } from '../../server/import/run-import';
import { unpackCitations } from '../../server/model/citations';
import type { EntityKind, LinkType } from '../../server/model/vocabulary';
import { normalizeName, searchTextOf } from '../../server/model/write-rules';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';

const SEED_ENTITIES = ['company:xiaomi', 'topic:5g-technologies'];
const SEED_LINK = 'link:xiaomi-invests-in-5g-technologies';
const WHO_AND_WHEN = ['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];
const ENTITY_FIELDS = ['id', 'kind', 'name', 'searchText', 'nameKey', 'citationSourceIds'];

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
    const source = {
      id: 'source:article-xiaomi-dod-blacklist',
      title: '',
      publisher: '',
      url: '',
      retrievedAt: '',
      licence: '',
      language: null,
      published: null,
    };

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
      source,
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
});
