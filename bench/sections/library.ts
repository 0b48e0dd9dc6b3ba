/**
 * Section 2: Threadline against @neo4j/graphql on the same database, for the queries the library
 * can express: a nested walk (entity → links of three types → neighbours → their links →
 * neighbours, outgoing and incoming) and, through a hand-written @cypher field, one shortest
 * path. Same warm-up/repeat/rotation scheme as the overhead section; answers compared as sets.
 */
import type { Pair } from '../lib/queries';
import type { ServerProcess } from '../lib/server-process';
import { ratio, type Summary, summarize } from '../lib/stats';
import { LIBRARY_LINK_FIELDS } from '../servers/library-schema';

const TYPES = LIBRARY_LINK_FIELDS.map((f) => f.type);
/** Per-level cap on Threadline's side; answers that hit it are timed but not compared. */
const FIRST = 100;
const STATUSES = ['asserted', 'disputed', 'denied'];

type Direction = 'OUTGOING' | 'INCOMING';

function threadlineNested(direction: Direction): string {
  const end = direction === 'OUTGOING' ? 'to' : 'from';
  const links = (inner: string) =>
    `links(types: [${TYPES.join(', ')}], direction: ${direction}, first: ${FIRST}) { id type since status ${end} { id name ${inner} } }`;
  return `query Nested($id: ID!) { entity(id: $id) { id name ${links(links(''))} } }`;
}

function libraryNested(direction: Direction): string {
  const where = `(where: { edge: { status: { in: ${JSON.stringify(STATUSES)} } } })`;
  const fields = (inner: string) =>
    LIBRARY_LINK_FIELDS.map(
      (f) =>
        `${direction === 'OUTGOING' ? f.out : f.in}Connection${where} { edges { properties { id since status } node { id name ${inner} } } }`,
    ).join(' ');
  return `query Nested($id: ID!) { entities(where: { id: { eq: $id } }) { id name ${fields(fields(''))} } }`;
}

interface Walk {
  /** level-1 link id → sorted level-2 link ids */
  [linkId: string]: string[];
}

type Json = Record<string, unknown>;

function threadlineWalk(answer: Json, direction: Direction): Walk | 'capped' | null {
  const entity = (answer.data as Json | undefined)?.entity as Json | null | undefined;
  if (!entity) return null;
  const end = direction === 'OUTGOING' ? 'to' : 'from';
  const walk: Walk = {};
  const level1 = entity.links as Json[];
  if (level1.length >= FIRST) return 'capped';
  for (const link of level1) {
    const level2 = (link[end] as Json).links as Json[];
    if (level2.length >= FIRST) return 'capped';
    walk[String(link.id)] = level2.map((l) => String(l.id)).sort();
  }
  return walk;
}

function libraryWalk(answer: Json, direction: Direction): Walk | null {
  const [entity] = ((answer.data as Json | undefined)?.entities as Json[] | undefined) ?? [];
  if (!entity) return null;
  const walk: Walk = {};
  const edgesOf = (node: Json) =>
    LIBRARY_LINK_FIELDS.flatMap(
      (f) =>
        ((node[`${direction === 'OUTGOING' ? f.out : f.in}Connection`] as Json).edges as Json[]) ??
        [],
    );
  for (const edge of edgesOf(entity)) {
    const id = String((edge.properties as Json).id);
    walk[id] = edgesOf(edge.node as Json)
      .map((e) => String((e.properties as Json).id))
      .sort();
  }
  return walk;
}

function sameWalk(a: Walk, b: Walk): boolean {
  const keys = Object.keys(a).sort();
  if (keys.join() !== Object.keys(b).sort().join()) return false;
  return keys.every((k) => (a[k] ?? []).join() === (b[k] ?? []).join());
}

export interface LibraryResult {
  query: string;
  starts: number;
  repeats: number;
  threadline: Summary;
  library: Summary;
  /** p50 Threadline / p50 @neo4j/graphql, per repeat. Goal: below 1 (faster). */
  threadlineOverLibrary: { median: number; min: number; max: number };
  checked: number;
  mismatches: number;
  /** Threadline answers at its per-level cap, not compared. */
  capped: number;
}

async function post(url: string, query: string, variables: Json): Promise<Json> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Json;
}

interface Comparison {
  name: string;
  threadline: { query: string; variables: (p: Pair) => Json };
  library: { query: string; variables: (p: Pair) => Json };
  compare(t: Json, l: Json): 'equal' | 'different' | 'capped';
}

function comparisons(): Comparison[] {
  const nested = (direction: Direction): Comparison => ({
    name: `nested 2 levels, ${direction.toLowerCase()} (${TYPES.join('|')})`,
    threadline: { query: threadlineNested(direction), variables: (p) => ({ id: p.from }) },
    library: { query: libraryNested(direction), variables: (p) => ({ id: p.from }) },
    compare(t, l) {
      const a = threadlineWalk(t, direction);
      if (a === 'capped') return 'capped';
      const b = libraryWalk(l, direction);
      return a && b && sameWalk(a, b) ? 'equal' : 'different';
    },
  });
  return [
    nested('OUTGOING'),
    nested('INCOMING'),
    {
      name: 'one shortest path, maxHops 4 (library: hand-written @cypher field)',
      threadline: {
        query:
          'query P($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, mode: SHORTEST) { paths { entities { id name } } } }',
        variables: (p) => ({ from: p.from, to: p.to }),
      },
      library: {
        query:
          'query P($from: ID!, $to: ID!) { shortestPathEntities(from: $from, to: $to) { id name } }',
        variables: (p) => ({ from: p.from, to: p.to }),
      },
      // Both return one shortest path; ties may be broken differently, so compare lengths.
      compare(t, l) {
        const paths = ((t.data as Json).paths as Json).paths as Json[];
        const a = paths[0] ? (paths[0].entities as Json[]).length : 0;
        const b = ((l.data as Json).shortestPathEntities as Json[]).length;
        return a === b ? 'equal' : 'different';
      },
    },
  ];
}

export async function compareWithLibrary(options: {
  servers: ServerProcess;
  /** `from` is the start of nested walks (entities with links of the three types). */
  starts: Pair[];
  pairs: Pair[];
  warmup: number;
  repeats: number;
  log: (line: string) => void;
}): Promise<LibraryResult[]> {
  const results: LibraryResult[] = [];
  for (const comparison of comparisons()) {
    const inputs = comparison.name.startsWith('nested') ? options.starts : options.pairs;
    const run = {
      threadline: (p: Pair) =>
        post(
          options.servers.urls.threadline,
          comparison.threadline.query,
          comparison.threadline.variables(p),
        ),
      library: (p: Pair) =>
        post(
          options.servers.urls.library,
          comparison.library.query,
          comparison.library.variables(p),
        ),
    };
    for (const p of inputs.slice(0, options.warmup)) {
      await run.threadline(p);
      await run.library(p);
    }
    const samples = { threadline: [] as number[][], library: [] as number[][] };
    let checked = 0;
    let mismatches = 0;
    let capped = 0;
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      samples.threadline.push([]);
      samples.library.push([]);
      for (const [i, p] of inputs.entries()) {
        const order =
          (i + repeat) % 2 === 0
            ? (['threadline', 'library'] as const)
            : (['library', 'threadline'] as const);
        const answers: Partial<Record<'threadline' | 'library', Json>> = {};
        for (const name of order) {
          const started = performance.now();
          answers[name] = await run[name](p);
          samples[name][repeat]?.push(performance.now() - started);
        }
        if (repeat > 0) continue;
        const t = answers.threadline as Json;
        const l = answers.library as Json;
        if (t.errors || l.errors) {
          mismatches += 1;
          if (mismatches === 1) {
            options.log(`  ERROR ${JSON.stringify(t.errors ?? l.errors).slice(0, 400)}`);
          }
          continue;
        }
        const outcome = comparison.compare(t, l);
        if (outcome === 'capped') capped += 1;
        else {
          checked += 1;
          if (outcome === 'different') mismatches += 1;
        }
      }
    }
    const threadline = summarize(samples.threadline);
    const library = summarize(samples.library);
    const result: LibraryResult = {
      query: comparison.name,
      starts: inputs.length,
      repeats: options.repeats,
      threadline,
      library,
      threadlineOverLibrary: ratio(threadline, library),
      checked,
      mismatches,
      capped,
    };
    options.log(
      `  ${comparison.name}: p50 threadline ${threadline.p50} ms, @neo4j/graphql ${library.p50}; p95 ${threadline.p95}/${library.p95}; ratio ${result.threadlineOverLibrary.median}; equal ${checked - mismatches}/${checked} (capped ${capped})`,
    );
    results.push(result);
  }
  return results;
}
