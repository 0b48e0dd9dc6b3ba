/**
 * Section 6: Neo4j PROFILE database hits for every benchmark query, on a fixed set of pairs, so
 * a regression in a query's shape shows up as a number even when timings are noisy.
 */

import type { ProfiledPlan } from 'neo4j-driver';
import { benchDriver } from '../lib/bench-database';
import { cypherRequest, type Pair, type Variant } from '../lib/queries';
import { median } from '../lib/stats';

export interface ProfileResult {
  variant: string;
  pairs: number;
  dbHits: { median: number; min: number; max: number };
  /** The three operators with the most hits on the median pair. */
  topOperators: { operator: string; dbHits: number }[];
}

function totalHits(plan: ProfiledPlan): number {
  return plan.dbHits + plan.children.reduce((sum, child) => sum + totalHits(child), 0);
}

function operators(plan: ProfiledPlan, into: { operator: string; dbHits: number }[] = []) {
  into.push({ operator: plan.operatorType, dbHits: plan.dbHits });
  for (const child of plan.children) operators(child, into);
  return into;
}

export async function profileQueries(options: {
  uri: string;
  password: string;
  variants: Variant[];
  pairs: Pair[];
  log: (line: string) => void;
}): Promise<ProfileResult[]> {
  const driver = benchDriver(options.uri, options.password);
  const results: ProfileResult[] = [];
  try {
    for (const variant of options.variants) {
      const runs: { hits: number; plan: ProfiledPlan }[] = [];
      for (const pair of options.pairs) {
        const { cypher, params } = cypherRequest(variant, pair);
        const result = await driver.executeQuery(`PROFILE ${cypher}`, params, {
          routing: 'READ',
          database: 'neo4j',
        });
        const plan = result.summary.profile;
        if (plan) runs.push({ hits: totalHits(plan), plan });
      }
      const hits = runs.map((r) => r.hits);
      const mid = median(hits);
      const middle = runs.reduce((best, r) =>
        Math.abs(r.hits - mid) < Math.abs(best.hits - mid) ? r : best,
      );
      const top = operators(middle.plan)
        .sort((a, b) => b.dbHits - a.dbHits)
        .slice(0, 3);
      results.push({
        variant: variant.name,
        pairs: runs.length,
        dbHits: { median: mid, min: Math.min(...hits), max: Math.max(...hits) },
        topOperators: top,
      });
      options.log(
        `  ${variant.name.padEnd(36)} db hits median ${mid} (${Math.min(...hits)}–${Math.max(...hits)}); top ${top.map((t) => `${t.operator} ${t.dbHits}`).join(', ')}`,
      );
    }
  } finally {
    await driver.close();
  }
  return results;
}
