/**
 * Records for the review panel's browser test and the README's picture of it: every record
 * named in test/fixtures/matching/labelled-pairs.json (names as the US lists print them), each
 * listed on its list, written through the curation API. The source is the labelled set itself,
 * so every excerpt is verbatim in the source's text. Ids start with `review-fixture:`.
 */
import { readFileSync } from 'node:fs';
import type { Database } from '../../server/neo4j/database';
import { accessClient } from './access';

export const REVIEW_PREFIX = 'review-fixture';
export const REVIEW_SOURCE = `source:${REVIEW_PREFIX}-labelled-pairs`;

const LABELLED = new URL('../fixtures/matching/labelled-pairs.json', import.meta.url);

interface LabelledPairs {
  pairs: { a: [string, string]; b: [string, string]; same: boolean; reason: string }[];
}

/** The lists' names, as the fixture's source text gives them. */
export const LIST_TITLES: Record<string, string> = {
  dod_1260h: 'DoD Section 1260H list',
  section_889: 'NDAA Section 889 list',
  section_5949: 'NDAA Section 5949 list',
  section_154: 'NDAA Section 154 list',
  section_1286: 'NDAA Section 1286 list',
};

const INSTITUTION = /\b(University|Academy|College|Institute|Center|Centre|Sciences)\b/;

function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The record id the fixture gives a name on a list. */
export function recordId(list: string, name: string): string {
  return `${REVIEW_PREFIX}:${list}:${slug(name)}`;
}

export function listId(list: string): string {
  return `${REVIEW_PREFIX}:list:${list}`;
}

/** Every list's names, in the order the labelled pairs first name them. */
export function fixtureRecords(): Map<string, string[]> {
  const labelled = JSON.parse(readFileSync(LABELLED, 'utf8')) as LabelledPairs;
  const byList = new Map<string, string[]>();
  for (const pair of labelled.pairs) {
    for (const [list, name] of [pair.a, pair.b]) {
      const names = byList.get(list) ?? [];
      if (!names.includes(name)) names.push(name);
      byList.set(list, names);
    }
  }
  return byList;
}

export async function removeReviewFixture(db: Database): Promise<void> {
  await db.write(
    `MATCH (n) WHERE n.id STARTS WITH $prefix OR n.id = $source
        OR (n:Judgement AND (n.aId STARTS WITH $prefix OR n.bId STARTS WITH $prefix))
        OR (n:Identity AND n.id STARTS WITH $identity)
     DETACH DELETE n`,
    {
      prefix: `${REVIEW_PREFIX}:`,
      source: REVIEW_SOURCE,
      identity: `identity:${REVIEW_PREFIX}:`,
    },
  );
}

export async function writeReviewFixture(db: Database): Promise<void> {
  const execute = accessClient(db);
  const run = async (query: string, input: Record<string, unknown>) => {
    const answer = await execute(query, { input });
    if (answer.body.errors) throw new Error(JSON.stringify(answer.body.errors));
  };
  const records = fixtureRecords();
  const text = [...records]
    .map(([list, names]) => `${LIST_TITLES[list] ?? list}: ${names.join('; ')}.`)
    .join('\n');
  await run('mutation($input: SourceInput!) { addSource(input: $input) { id } }', {
    id: REVIEW_SOURCE,
    title: 'Labelled pairs of Threadline’s matcher (names from US government lists)',
    kind: 'dataset',
    publisher: 'Threadline tests',
    text,
  });
  const cite = (excerpt: string) => [{ sourceId: REVIEW_SOURCE, excerpt }];
  const entity = 'mutation($input: EntityInput!) { upsertEntity(input: $input) { id } }';
  const link = 'mutation($input: LinkInput!) { upsertLink(input: $input) { id } }';
  for (const [list, names] of records) {
    const title = LIST_TITLES[list] ?? list;
    await run(entity, {
      id: listId(list),
      kind: 'GOVERNMENT_LIST',
      name: title,
      citations: cite(title),
    });
    for (const name of names) {
      const id = recordId(list, name);
      const kind = list === 'section_1286' || INSTITUTION.test(name) ? 'ORGANIZATION' : 'COMPANY';
      await run(entity, { id, kind, name, citations: cite(name) });
      await run(link, {
        id: `${id}:listed-on`,
        type: 'LISTED_ON',
        fromId: id,
        toId: listId(list),
        citations: cite(name),
      });
    }
  }
}
