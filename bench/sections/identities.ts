/**
 * Section 9: the joined view's cost. A few percent of the entities are joined in pairs (SAME
 * judgements, identities reconciled as `judge` does), then every neighbourhood and paths query
 * is sent over the raw records (the statement main sent before identities) and over the joined
 * view, A B B A per pair, through the driver; joined paths count a crossing (one SAME_AS step)
 * against maxHops like a link. Goal: joined p50 within 1.2× of raw.
 */

import { reconcileIdentities } from '../../server/data/judgements';
import type { Database } from '../../server/neo4j/database';
import { benchDriver } from '../lib/bench-database';
import { cypherRequest, type Pair, type Variant } from '../lib/queries';
import { ratio, round, type Summary, summarize } from '../lib/stats';

export interface IdentitiesResult {
  variant: string;
  pairs: number;
  repeats: number;
  raw: Summary;
  joined: Summary;
  /** Joined p50 over raw p50, per repeat: median and range. Goal ≤ 1.2. */
  joinedOverRaw: { median: number; min: number; max: number };
  /** Answers (first repeat) that hold a path or entity through an identity. */
  answersWithIdentity: number;
}

/**
 * Joins `fraction` of `ids` in disjoint pairs with SAME judgements written as `judge` writes
 * them (by 'bench'), then reconciles the identities. Returns how many pairs were joined.
 */
export async function joinEntities(
  db: Database,
  ids: readonly string[],
  fraction: number,
  random: () => number,
): Promise<number> {
  const pool = [...ids];
  const pairs: { aId: string; bId: string }[] = [];
  const count = Math.floor((ids.length * fraction) / 2);
  while (pairs.length < count && pool.length > 1) {
    const take = () => pool.splice(Math.floor(random() * pool.length), 1)[0] as string;
    const [aId, bId] = [take(), take()].sort() as [string, string];
    pairs.push({ aId, bId });
  }
  await db.write(
    `UNWIND $pairs AS pair
     CREATE (:Judgement {id: 'judgement:bench:' + pair.aId + ':' + pair.bId, aId: pair.aId,
       bId: pair.bId, pairKey: pair.aId + '\\u0000' + pair.bId, decision: 'same', note: null,
       score: null, features: '[]', judgedBy: 'bench', judgedAt: '2026-12-01T00:00:00Z',
       machine: false})`,
    { pairs },
  );
  await reconcileIdentities(db, null);
  return pairs.length;
}

export async function measureIdentities(options: {
  uri: string;
  password: string;
  variants: Variant[];
  pairs: Pair[];
  warmup: number;
  repeats: number;
  log: (line: string) => void;
}): Promise<IdentitiesResult[]> {
  const driver = benchDriver(options.uri, options.password);
  const run = async (variant: Variant, pair: Pair, joined: boolean) => {
    const { cypher, params } = cypherRequest(variant, pair, joined);
    const started = performance.now();
    const result = await driver.executeQuery(cypher, params, {
      routing: 'READ',
      database: 'neo4j',
    });
    return { ms: performance.now() - started, records: result.records };
  };
  const results: IdentitiesResult[] = [];
  try {
    for (const variant of options.variants) {
      for (const pair of options.pairs.slice(0, options.warmup)) {
        await run(variant, pair, false);
        await run(variant, pair, true);
      }
      const raw: number[][] = [];
      const joined: number[][] = [];
      let answersWithIdentity = 0;
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        const r: number[] = [];
        const j: number[] = [];
        for (const [i, pair] of options.pairs.entries()) {
          // A B B A: the order alternates so that caches and noise fall on both alike.
          const order = i % 2 === 0 ? [false, true] : [true, false];
          for (const join of order) {
            const { ms, records } = await run(variant, pair, join);
            (join ? j : r).push(ms);
            if (join && repeat === 0) {
              const entities = (records[0]?.get('entities') ?? []) as { identity?: unknown }[];
              if (entities.some((e) => e.identity)) answersWithIdentity += 1;
            }
          }
        }
        raw.push(r);
        joined.push(j);
      }
      const rawSummary = summarize(raw);
      const joinedSummary = summarize(joined);
      const result: IdentitiesResult = {
        variant: variant.name,
        pairs: options.pairs.length,
        repeats: options.repeats,
        raw: rawSummary,
        joined: joinedSummary,
        joinedOverRaw: ratio(joinedSummary, rawSummary),
        answersWithIdentity,
      };
      options.log(
        `${variant.name}: raw p50 ${rawSummary.p50} ms, joined p50 ${joinedSummary.p50} ms, ×${result.joinedOverRaw.median} (${round(result.joinedOverRaw.min, 3)}–${round(result.joinedOverRaw.max, 3)}); ${answersWithIdentity} answers through an identity`,
      );
      results.push(result);
    }
  } finally {
    await driver.close();
  }
  return results;
}
