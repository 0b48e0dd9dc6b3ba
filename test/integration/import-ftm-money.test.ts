/**
 * A FollowTheMoney export of political donations (invented for the tests, in the shape such
 * registers are published): payments and addresses must come through as links, so that donors,
 * recipients and the companies that share an address form one connected, cited graph. Expected
 * counts are computed from the fixture file here, independently of the importer.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../server/import/run-import';
import type { Summary } from '../../server/import/tally';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { dataOf, graphqlClient } from '../support/graphql';

const FIXTURES = new URL('../fixtures/import/', import.meta.url).pathname;
const PREFIX = 'fixture-donations:';
const SOURCE = 'source:dataset:fixture-ftm-donations';
const RELATIONSHIPS = [
  'Payment',
  'Succession',
  'Representation',
  'UnknownLink',
  'Membership',
  'Directorship',
];

interface Record {
  id: string;
  schema: string;
  properties: { [property: string]: string[] };
}

const records = readFileSync(`${FIXTURES}ftm-donations.jsonl`, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Record);
const things = records.filter((r) => !RELATIONSHIPS.includes(r.schema));
const relationships = records.filter((r) => RELATIONSHIPS.includes(r.schema));
const addressLinks = things.flatMap((t) =>
  [...new Set(t.properties.addressEntity ?? [])].map((a) => [t.id, a] as const),
);

let db: Database;
let summary: Summary;

const importDonations = () =>
  runImport(db, {
    file: `${FIXTURES}ftm-donations.jsonl`,
    mappingFile: `${FIXTURES}ftm-donations.mapping.json`,
    format: 'ftm',
    dryRun: false,
    matchExisting: false,
    batchSize: 4,
  });

async function remove() {
  await db.write('MATCH (n) WHERE n.id STARTS WITH $prefix OR n.id = $source DETACH DELETE n', {
    prefix: PREFIX,
    source: SOURCE,
  });
}

interface StoredLink {
  id: string;
  type: string;
  from: string;
  to: string;
  props: { [key: string]: unknown };
}

const storedLinks = () =>
  db.read<StoredLink>(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE r.id STARTS WITH $prefix
     RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`,
    { prefix: PREFIX },
  );

describe('a FollowTheMoney register of donations', () => {
  beforeAll(async () => {
    db = connectTestDatabase(60_000);
    await remove();
    summary = await importDonations();
  });

  afterAll(async () => {
    await remove();
    await db.close();
  });

  it('imports every record: people, bodies, addresses, payments and the other links', () => {
    expect(summary.rows).toEqual({
      read: records.length,
      imported: records.length,
      unchanged: 0,
      skipped: 0,
      failed: 0,
    });
    expect(summary.unsupported).toEqual({});
    expect(summary.entities.created).toBe(things.length);
    expect(summary.links.created).toBe(relationships.length + addressLinks.length);
    expect(summary.problems).toEqual([]);
  });

  it('makes one connected graph, every link citing the dataset', async () => {
    const links = await storedLinks();
    const [row] = await db.read<{ ids: string[] }>(
      'MATCH (e:Entity) WHERE e.id STARTS WITH $prefix RETURN collect(e.id) AS ids',
      { prefix: PREFIX },
    );
    const ids = row?.ids ?? [];
    expect(ids).toHaveLength(things.length);
    // Union-find over the links read back: one component holds every entity.
    const parent = new Map(ids.map((id) => [id, id]));
    const root = (id: string): string => {
      const up = parent.get(id) ?? id;
      return up === id ? id : root(up);
    };
    for (const link of links) parent.set(root(link.from), root(link.to));
    expect(new Set(ids.map(root)).size).toBe(1);
    for (const link of links) {
      expect(link.props.citationSourceIds, link.id).toEqual([SOURCE]);
      expect(link.props.citationExcerpts, link.id).toEqual([
        expect.stringMatching(/^schema: \w+ \| .+/),
      ]);
    }
  });

  it('makes each payment a dated PAID link from payer to beneficiary', async () => {
    const links = (await storedLinks()).filter((l) => l.type === 'PAID');
    const payments = records.filter((r) => r.schema === 'Payment');
    expect(links).toHaveLength(payments.length);
    for (const payment of payments) {
      const link = links.find((l) => l.id === `${PREFIX}${payment.id}`);
      const p = payment.properties;
      expect(link, payment.id).toMatchObject({
        from: `${PREFIX}${p.payer?.[0]}`,
        to: `${PREFIX}${p.beneficiary?.[0]}`,
      });
      expect(link?.props.amount).toBe(Number(p.amount?.[0]?.replaceAll(',', '')));
      expect(link?.props.currency).toBe(p.currency?.[0]?.toUpperCase());
      expect(link?.props.purpose ?? undefined).toBe(p.purpose?.[0]);
      expect(link?.props.on ?? undefined).toBe(p.date?.[0]?.slice(0, 10));
      expect(link?.props.since ?? undefined).toBe(p.startDate?.[0]);
    }
    const donation = links.find((l) => l.id === `${PREFIX}pay-1`);
    expect(donation?.props).toMatchObject({
      validFrom: '2025-03-14',
      citationLocators: ['line 11, https://example.org/fixture-donations/pay-1'],
    });
  });

  it('puts two companies registered at one address two hops apart', async () => {
    const [row] = await db.read<{ address: string; hops: number }>(
      `MATCH (a:Company {id: $a}), (b:Company {id: $b})
       MATCH p = SHORTEST 1 (a)-[]-+(b)
       RETURN [n IN nodes(p) WHERE n:Address][0].name AS address, length(p) AS hops`,
      { a: `${PREFIX}c-north`, b: `${PREFIX}c-brook` },
    );
    expect(row).toEqual({ address: 'Unit 4, Dock Road, EH9 1AA Eastham', hops: 2 });
    const registered = await db.read<{ from: string; to: string }>(
      `MATCH (a:Entity)-[:HAS_ADDRESS]->(b:Address) WHERE a.id STARTS WITH $prefix
       RETURN a.id AS from, b.id AS to`,
      { prefix: PREFIX },
    );
    expect(new Set(registered.map((r) => `${r.from} ${r.to}`))).toEqual(
      new Set(addressLinks.map(([from, to]) => `${PREFIX}${from} ${PREFIX}${to}`)),
    );
  });

  it('maps Succession, Representation and UnknownLink onto the model', async () => {
    const links = await storedLinks();
    const typeOf = (id: string) => links.find((l) => l.id === `${PREFIX}${id}`);
    expect(typeOf('suc-1')).toMatchObject({
      type: 'SUCCEEDED',
      from: `${PREFIX}c-brook`,
      to: `${PREFIX}c-old`,
      props: expect.objectContaining({ on: '2019-06' }),
    });
    expect(typeOf('rep-1')).toMatchObject({
      type: 'AFFILIATED_WITH',
      from: `${PREFIX}c-veld`,
      to: `${PREFIX}le-trust`,
      props: expect.objectContaining({ note: 'Registered agent' }),
    });
    expect(typeOf('unk-1')).toMatchObject({
      type: 'AFFILIATED_WITH',
      props: expect.objectContaining({ note: 'Spokesperson' }),
    });
  });

  it('shows payments and addresses through the API', async () => {
    const execute = graphqlClient(db);
    const data = dataOf(
      await execute<{
        entity: {
          kind: string;
          links: {
            type: string;
            amount: number;
            currency: string;
            purpose: string;
            on: string;
            to: { kind: string };
          }[];
        };
        address: { kind: string; name: string; links: { type: string; from: { name: string } }[] };
      }>(
        `query ($hale: ID!, $dock: ID!) {
          entity(id: $hale) {
            kind
            links(types: [PAID], direction: OUTGOING) { type amount currency purpose on to { kind } }
          }
          address: entity(id: $dock) {
            kind name
            links(types: [HAS_ADDRESS]) { type from { name } }
          }
        }`,
        { hale: `${PREFIX}p-hale`, dock: `${PREFIX}addr-dock` },
      ),
    );
    expect(data.entity.kind).toBe('PERSON');
    expect(data.entity.links).toContainEqual({
      type: 'PAID',
      amount: 5000,
      currency: 'GBP',
      purpose: 'Cash donation',
      on: '2025-03-14',
      to: { kind: 'ORGANIZATION' },
    });
    expect(data.address.kind).toBe('ADDRESS');
    expect(data.address.links.map((l) => l.from.name).sort()).toEqual([
      'Brookline Paving Ltd',
      'Northwind Quarry Ltd',
    ]);
  });

  it('changes nothing when imported again', async () => {
    const again = await importDonations();
    expect(again.entities).toMatchObject({ created: 0, updated: 0, unchanged: things.length });
    expect(again.links).toMatchObject({ created: 0, updated: 0 });
  });
});
