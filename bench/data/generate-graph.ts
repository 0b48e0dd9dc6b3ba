/**
 * A deterministic (seeded) generator of a plausible Threadline graph, written as one CSV file of
 * links plus the importer mapping that loads it, so benchmark data goes through the real importer.
 *
 * Shape: the model's kinds in rough proportions (people and companies dominate; ministries,
 * awards and lists are few), link types with the kinds the model allows at each end, and heavy
 * tails: the subject of a link is drawn evenly, its object by a power law over the entities of
 * the object's kind, so a few lists, ministries and parent companies become hubs. Links are dated
 * (years, months or days; periods sometimes end), and a few are disputed, denied or retracted.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BATCH_SIZE } from '../../server/import/run-import';
import {
  ENTITY_KINDS,
  type EntityKind,
  LINK_TYPES,
  type LinkType,
} from '../../server/model/vocabulary';

/** The dataset source every generated graph cites. */
export const BENCH_SOURCE_ID = 'source:dataset:threadline-bench';

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KIND_SHARES: [EntityKind, number][] = [
  ['Person', 0.4],
  ['Company', 0.35],
  ['Organization', 0.1],
  ['Position', 0.05],
  ['Topic', 0.03],
  ['Ministry', 0.03],
  ['Award', 0.02],
  ['GovernmentList', 0.02],
];

type Dating = 'period' | 'event' | 'none';

interface LinkRule {
  type: LinkType;
  weight: number;
  from: EntityKind[];
  to: EntityKind[];
  dating: Dating;
}

const LINK_RULES: LinkRule[] = [
  {
    type: 'EMPLOYED_BY',
    weight: 14,
    from: ['Person'],
    to: ['Company', 'Organization', 'Ministry'],
    dating: 'period',
  },
  { type: 'OWNS', weight: 14, from: ['Person', 'Company'], to: ['Company'], dating: 'period' },
  {
    type: 'LEADS',
    weight: 8,
    from: ['Person'],
    to: ['Company', 'Organization', 'Ministry'],
    dating: 'period',
  },
  { type: 'SUBSIDIARY_OF', weight: 8, from: ['Company'], to: ['Company'], dating: 'period' },
  {
    type: 'MEMBER_OF',
    weight: 8,
    from: ['Person', 'Company'],
    to: ['Organization'],
    dating: 'period',
  },
  {
    type: 'LISTED_ON',
    weight: 8,
    from: ['Company', 'Person', 'Organization'],
    to: ['GovernmentList'],
    dating: 'period',
  },
  { type: 'HOLDS_POSITION', weight: 6, from: ['Person'], to: ['Position'], dating: 'period' },
  { type: 'FOUNDED', weight: 5, from: ['Person', 'Company'], to: ['Company'], dating: 'event' },
  { type: 'ASSOCIATE_OF', weight: 5, from: ['Person'], to: ['Person'], dating: 'none' },
  { type: 'INVESTS_IN', weight: 5, from: ['Company'], to: ['Topic', 'Company'], dating: 'event' },
  { type: 'RECEIVED', weight: 4, from: ['Person', 'Company'], to: ['Award'], dating: 'event' },
  { type: 'FAMILY_OF', weight: 3, from: ['Person'], to: ['Person'], dating: 'none' },
  {
    type: 'PART_OF',
    weight: 3,
    from: ['Ministry', 'Organization'],
    to: ['Organization', 'Ministry'],
    dating: 'period',
  },
  {
    type: 'LISTED_ON_EXCHANGE',
    weight: 3,
    from: ['Company'],
    to: ['Organization'],
    dating: 'period',
  },
  {
    type: 'AFFILIATED_WITH',
    weight: 3,
    from: ['Company', 'Organization'],
    to: ['Organization', 'Ministry'],
    dating: 'none',
  },
  {
    type: 'CONFERRED_BY',
    weight: 1,
    from: ['Award'],
    to: ['Ministry', 'Organization'],
    dating: 'none',
  },
  { type: 'MAINTAINS', weight: 1, from: ['Ministry'], to: ['GovernmentList'], dating: 'none' },
  { type: 'SUCCEEDED', weight: 1, from: ['Person'], to: ['Person'], dating: 'event' },
];

const STATUSES: [string, number][] = [
  ['asserted', 0.9],
  ['disputed', 0.05],
  ['denied', 0.03],
  ['retracted', 0.02],
];

const SYLLABLES =
  'ka lo mi ra ven tor sa li an de no vu chen wei lin bar ost ek ul zi fa ro mu'.split(' ');
const KIND_WORD: Record<EntityKind, string> = {
  Person: '',
  Company: 'Holdings',
  Organization: 'Association',
  Position: 'Secretary of',
  Topic: 'Technologies',
  Ministry: 'Ministry of',
  Award: 'Medal',
  GovernmentList: 'List',
  Address: 'Street',
};

export const COLUMNS = [
  'Link',
  'From',
  'From kind',
  'To',
  'To kind',
  'Type',
  'Since',
  'Until',
  'On',
  'Status',
];

export interface GeneratedGraph {
  csvFile: string;
  mappingFile: string;
  rows: number;
  /** Entities named in the file (every one is the end of at least one link). */
  entities: number;
}

function pickWeighted<T>(items: readonly [T, number][], r: number): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let x = r * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return (items.at(-1) as [T, number])[0];
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The importer mapping for the generated CSV (see docs/import.md). */
export function benchMapping() {
  const entity = (nameColumn: string, kindColumn: string) => ({
    kind: { column: kindColumn },
    id: { prefix: 'bench:e:', keys: [nameColumn] },
    name: nameColumn,
    evidence: [nameColumn, kindColumn],
  });
  return {
    dataset: {
      source: {
        id: BENCH_SOURCE_ID,
        title: 'Generated benchmark graph (synthetic, seeded; not real people or companies)',
        publisher: 'Threadline benchmarks',
        url: 'https://example.org/threadline-bench',
        retrievedAt: '2026-01-01',
        licence: 'CC0 (generated)',
      },
    },
    entities: { from: entity('From', 'From kind'), to: entity('To', 'To kind') },
    links: [
      {
        type: { column: 'Type' },
        from: 'from',
        to: 'to',
        id: { prefix: 'bench:l:', keys: ['Link'] },
        since: 'Since',
        until: 'Until',
        on: 'On',
        status: { column: 'Status' },
        evidence: ['From', 'Type', 'To', 'Since', 'Until', 'On', 'Status'],
      },
    ],
  };
}

/** Writes `<dir>/graph-<entities>.csv` and its mapping; about `linksPerEntity` links each. */
export async function generateGraph(options: {
  dir: string;
  entities: number;
  linksPerEntity?: number;
  seed?: number;
  /**
   * Sort the rows of each import batch by link type and end kinds (same graph, other order).
   * An experiment: the importer's statement text follows the order in which kinds and types
   * first occur in a batch, so with random rows every batch is a new text for Neo4j to plan;
   * grouped, all batches share one text. At 10k entities it did not raise rows/s (38 against 43,
   * docs/benchmarks.md), so it is off by default (`npm run bench -- --group-by-type`).
   */
  groupByType?: boolean;
  /** Rows per import batch, to align the groups with the importer's batches. */
  blockRows?: number;
}): Promise<GeneratedGraph> {
  const random = seededRandom(options.seed ?? 20_261_126);
  const rows = Math.round(options.entities * (options.linksPerEntity ?? 3));
  const byKind = new Map<EntityKind, string[]>();
  let index = 0;
  for (const [kind, share] of KIND_SHARES) {
    const count = Math.max(3, Math.round(options.entities * share));
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const syllable = () => SYLLABLES[Math.floor(random() * SYLLABLES.length)] as string;
      const word = (n: number) => {
        const w = Array.from({ length: n }, syllable).join('');
        return w.charAt(0).toUpperCase() + w.slice(1);
      };
      names.push(`${KIND_WORD[kind]} ${word(2)} ${word(3)} ${++index}`.trim());
    }
    byKind.set(kind, names);
  }
  const nextSubject = new Map<EntityKind, number>();
  const rules = LINK_RULES.map((r) => [r, r.weight] as [LinkRule, number]);
  const used = new Set<string>();
  const csvFile = path.join(options.dir, `graph-${options.entities}.csv`);
  const out = createWriteStream(csvFile);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(`${COLUMNS.join(',')}\n`);
  const date = (from: number, to: number) => {
    const year = from + Math.floor(random() * (to - from + 1));
    const precision = random();
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    if (precision < 0.3) return { year, text: String(year) };
    if (precision < 0.6) return { year, text: `${year}-${month}` };
    return { year, text: `${year}-${month}-${day}` };
  };
  // Rows are written a block at a time; see `blockRows` below.
  let block: { order: number[]; line: string }[] = [];
  const flush = async () => {
    if (options.groupByType) block.sort((a, b) => compareOrder(a.order, b.order));
    for (const row of block) await write(row.line);
    block = [];
  };
  for (let i = 0; i < rows; i++) {
    const rule = pickWeighted(rules, random());
    const fromKind = rule.from[Math.floor(random() * rule.from.length)] as EntityKind;
    const toKind = rule.to[Math.floor(random() * rule.to.length)] as EntityKind;
    const subjects = byKind.get(fromKind) as string[];
    const objects = byKind.get(toKind) as string[];
    // Subjects in turn (every entity gets links), objects by a power law (hubs).
    const s = nextSubject.get(fromKind) ?? 0;
    nextSubject.set(fromKind, s + 1);
    const from = subjects[s % subjects.length] as string;
    let to = objects[Math.floor(objects.length * random() ** 3)] as string;
    if (to === from) to = objects[(objects.indexOf(to) + 1) % objects.length] as string;
    used.add(from).add(to);
    let since = '';
    let until = '';
    let on = '';
    if (rule.dating === 'period') {
      const start = date(1985, 2024);
      since = start.text;
      if (random() < 0.3) until = date(start.year + 1, Math.min(2025, start.year + 12)).text;
    } else if (rule.dating === 'event') {
      on = date(1985, 2024).text;
    }
    const status = pickWeighted(STATUSES, random());
    block.push({
      order: [
        LINK_TYPES.indexOf(rule.type),
        ENTITY_KINDS.indexOf(fromKind),
        ENTITY_KINDS.indexOf(toKind),
        i,
      ],
      line: `${[`l${i + 1}`, from, fromKind, to, toKind, rule.type, since, until, on, status].map(csvCell).join(',')}\n`,
    });
    if (block.length === (options.blockRows ?? DEFAULT_BATCH_SIZE)) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  const mappingFile = path.join(options.dir, 'graph.mapping.json');
  writeFileSync(mappingFile, `${JSON.stringify(benchMapping(), null, 2)}\n`);
  return { csvFile, mappingFile, rows, entities: used.size };
}
