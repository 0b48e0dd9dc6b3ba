import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ftmAddressLinks, isFtmEdge, mapFtmEntity, readFtm } from '../../../server/import/ftm';
import { importInput } from '../../../server/import/input';

const mapping = {
  idPrefix: 'x:',
  dataset: {
    id: 'source:dataset:x',
    title: 'X',
    publisher: 'P',
    url: 'https://example.org',
    retrievedAt: '2026',
    licence: 'CC0',
    language: null,
    published: null,
  },
};

describe('FollowTheMoney entities', () => {
  it('maps a PublicBody to a Ministry, keeping the FtM id behind the prefix', () => {
    const mapped = mapFtmEntity(
      mapping,
      {
        id: 'pb1',
        schema: 'PublicBody',
        properties: { name: ['Ministry of Trade'], alias: ['MoT'] },
      },
      3,
    );
    expect(mapped).toMatchObject({
      kind: 'writes',
      writes: {
        entities: [{ id: 'x:pb1', kind: 'Ministry', name: 'Ministry of Trade', aliases: ['MoT'] }],
      },
    });
  });

  it('turns a Sanction into LISTED_ON a list per authority and program, with listing dates', () => {
    const mapped = mapFtmEntity(
      mapping,
      {
        id: 's1',
        schema: 'Sanction',
        properties: {
          entity: ['c1'],
          authority: ['Treasury'],
          program: ['Export'],
          listingDate: ['2021-03-04T10:00:00'],
          endDate: ['2022'],
        },
      },
      5,
    );
    if (mapped.kind !== 'writes') throw new Error('expected writes');
    expect(mapped.writes.entities[0]).toMatchObject({
      id: 'x:list:treasury:export',
      kind: 'GovernmentList',
      name: 'Export (Treasury)',
    });
    expect(mapped.writes.links[0]).toMatchObject({
      id: 'x:s1',
      type: 'LISTED_ON',
      fromId: 'x:c1',
      toId: 'x:list:treasury:export',
      since: '2021-03-04',
      until: '2022',
      validTo: '2022-12-31',
      properties: { program: 'Export' },
    });
    expect(mapped.writes.links[0]?.citations[0]?.excerpt).toBe(
      'schema: Sanction | entity: c1 | authority: Treasury | program: Export | listingDate: 2021-03-04T10:00:00 | endDate: 2022',
    );
  });

  it('maps each relationship schema to its link type, source to target', () => {
    const cases: [string, Record<string, string[]>, string][] = [
      ['Ownership', { owner: ['a'], asset: ['b'] }, 'OWNS'],
      ['Directorship', { director: ['a'], organization: ['b'] }, 'LEADS'],
      ['Membership', { member: ['a'], organization: ['b'] }, 'MEMBER_OF'],
      ['Employment', { employee: ['a'], employer: ['b'] }, 'EMPLOYED_BY'],
      ['Family', { person: ['a'], relative: ['b'] }, 'FAMILY_OF'],
      ['Associate', { person: ['a'], associate: ['b'] }, 'ASSOCIATE_OF'],
      ['Occupancy', { holder: ['a'], post: ['b'] }, 'HOLDS_POSITION'],
      ['Payment', { payer: ['a'], beneficiary: ['b'] }, 'PAID'],
      ['Succession', { successor: ['a'], predecessor: ['b'] }, 'SUCCEEDED'],
      ['Representation', { agent: ['a'], client: ['b'] }, 'AFFILIATED_WITH'],
      ['UnknownLink', { subject: ['a'], object: ['b'] }, 'AFFILIATED_WITH'],
    ];
    for (const [schema, properties, type] of cases) {
      const mapped = mapFtmEntity(mapping, { id: 'r', schema, properties: { ...properties } }, 1);
      if (mapped.kind !== 'writes') throw new Error(`${schema}: ${JSON.stringify(mapped)}`);
      expect(mapped.writes.links[0]).toMatchObject({ type, fromId: 'x:a', toId: 'x:b' });
    }
  });

  it('reports schemata it does not map instead of dropping them', () => {
    expect(mapFtmEntity(mapping, { id: 'v', schema: 'Vessel', properties: {} }, 1)).toEqual({
      kind: 'unsupported',
      schema: 'Vessel',
    });
  });

  it('rejects a relationship without its target and a date it cannot read', () => {
    expect(
      mapFtmEntity(
        mapping,
        { id: 'd', schema: 'Directorship', properties: { director: ['a'] } },
        9,
      ),
    ).toEqual({
      kind: 'problem',
      problem: { line: 9, reason: 'missing key: Directorship d has no organization' },
    });
    const bad = mapFtmEntity(
      mapping,
      { id: 'p', schema: 'Person', properties: { name: ['P'], birthDate: ['2/3/1970'] } },
      2,
    );
    expect(bad).toMatchObject({
      kind: 'problem',
      problem: { reason: expect.stringContaining('unparseable date "2/3/1970"') },
    });
  });
});

describe('FollowTheMoney money and places', () => {
  it('makes a Payment a dated PAID link with a number amount and an upper-case currency', () => {
    const mapped = mapFtmEntity(
      mapping,
      {
        id: 'pay',
        schema: 'Payment',
        properties: {
          payer: ['a'],
          beneficiary: ['b'],
          amount: ['3,250.50'],
          currency: ['gbp'],
          purpose: ['Donation'],
          date: ['2025-03-14T09:30:00'],
        },
      },
      4,
    );
    if (mapped.kind !== 'writes') throw new Error(JSON.stringify(mapped));
    expect(mapped.writes.links[0]).toMatchObject({
      type: 'PAID',
      on: '2025-03-14',
      since: null,
      validFrom: '2025-03-14',
      properties: { amount: 3250.5, currency: 'GBP', purpose: 'Donation' },
    });
    expect(
      mapFtmEntity(
        mapping,
        {
          id: 'pay',
          schema: 'Payment',
          properties: { payer: ['a'], beneficiary: ['b'], amount: ['lots'] },
        },
        5,
      ),
    ).toEqual({ kind: 'problem', problem: { line: 5, reason: 'amount "lots" is not a number' } });
  });

  it('names an Address by its full text, or by its parts in postal order', () => {
    const name = (properties: Record<string, string[]>) => {
      const mapped = mapFtmEntity(mapping, { id: 'ad', schema: 'Address', properties }, 1);
      return mapped.kind === 'writes' ? mapped.writes.entities[0]?.name : mapped;
    };
    expect(name({ full: ['1 Quay Street, Port Town'], city: ['Port Town'] })).toBe(
      '1 Quay Street, Port Town',
    );
    expect(name({ street: ['1 Quay Street'], postalCode: ['PT1'], city: ['Port Town'] })).toBe(
      '1 Quay Street, PT1 Port Town',
    );
    expect(name({ country: ['fr'] })).toEqual({
      kind: 'problem',
      problem: { line: 1, reason: 'entity ad (Address) has no name' },
    });
  });

  it('links a thing to each of its addresses once, and not when the thing itself was refused', () => {
    const company = {
      id: 'c',
      schema: 'Company',
      properties: { name: ['C Ltd'], addressEntity: ['ad1', 'ad2', 'ad1'] },
    };
    expect(ftmAddressLinks(mapping, company, 7)?.links).toMatchObject([
      { id: 'x:c:address:ad1', type: 'HAS_ADDRESS', fromId: 'x:c', toId: 'x:ad1' },
      { id: 'x:c:address:ad2', type: 'HAS_ADDRESS', fromId: 'x:c', toId: 'x:ad2' },
    ]);
    expect(
      ftmAddressLinks(mapping, { ...company, properties: { addressEntity: ['ad1'] } }, 7),
    ).toBeNull();
    expect(ftmAddressLinks(mapping, { ...company, properties: { name: ['C'] } }, 7)).toBeNull();
  });
});

describe('hostile FollowTheMoney lines', () => {
  it('counts a schema named like an object property as unsupported', () => {
    for (const schema of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(isFtmEdge(schema), schema).toBe(false);
      expect(
        mapFtmEntity(mapping, { id: 'x', schema, properties: { name: ['n'] } }, 1),
        schema,
      ).toEqual({ kind: 'unsupported', schema });
    }
  });
});

describe('reading FollowTheMoney JSON lines', () => {
  it('says where in a broken line the JSON goes wrong', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'threadline-ftm-')), 'broken.jsonl');
    writeFileSync(
      file,
      '{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\r\n' +
        '{"id": "b", "schema": "Person", "properties": {"name": ["B"] }\n' +
        '{"id": "c", "schema": "Person", "properties": {"name": ["C]}}\n',
    );
    const problems = [];
    for await (const item of readFtm(importInput(file)))
      if (item.kind === 'problem') problems.push(item.problem);
    expect(problems).toEqual([
      { line: 2, reason: "is not JSON: column 63: Expected ',' or '}' after property value" },
      { line: 3, reason: 'is not JSON: column 62: Unterminated string' },
    ]);
  });
});
