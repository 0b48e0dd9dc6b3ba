/**
 * Section 1: what the GraphQL layer costs. For each variant and each random pair, the same
 * question is asked three ways, in rotating order so noise falls on all three alike:
 * Threadline over HTTP, the bare node:http endpoint (same Cypher, same JSON), and the Cypher sent
 * directly with neo4j-driver from this process. Answers are checked equal.
 */

import { isDeepStrictEqual } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { benchDriver } from '../lib/bench-database';
import {
  cypherRequest,
  graphqlRequest,
  type Pair,
  shapeAnswer,
  type Variant,
} from '../lib/queries';
import type { ServerProcess } from '../lib/server-process';
import { ratio, round, type Summary, summarize } from '../lib/stats';

export interface OverheadResult {
  variant: string;
  pairs: number;
  repeats: number;
  graphql: Summary;
  bare: Summary;
  direct: Summary;
  /** p50 of GraphQL over p50 of the bare endpoint, per repeat: median and range. Goal ≤ 1.15. */
  graphqlOverBare: { median: number; min: number; max: number };
  bareOverDirect: { median: number; min: number; max: number };
  /** Answers compared; those that differed (should be 0); answers that were errors. */
  checked: number;
  mismatches: number;
  errors: number;
  /** Mean answer size of the GraphQL response, bytes. */
  answerBytes: number;
}

async function postJson(url: string, body: unknown): Promise<{ json: unknown; bytes: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { json: JSON.parse(text), bytes: text.length };
}

/** Sorts lists whose order the API does not promise, so equal answers compare equal. */
function canonical(answer: unknown): unknown {
  return JSON.parse(JSON.stringify(answer), (_key, value: unknown) => {
    if (!Array.isArray(value)) return value;
    return [...value].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  });
}

export async function measureOverhead(options: {
  servers: ServerProcess;
  uri: string;
  password: string;
  variants: Variant[];
  pairs: Pair[];
  warmup: number;
  repeats: number;
  log: (line: string) => void;
}): Promise<OverheadResult[]> {
  const driver: Driver = benchDriver(options.uri, options.password);
  const results: OverheadResult[] = [];
  try {
    for (const variant of options.variants) {
      const targets = {
        graphql: async (pair: Pair) =>
          (await postJson(options.servers.urls.threadline, graphqlRequest(variant, pair))).json,
        bare: async (pair: Pair) =>
          (await postJson(options.servers.urls.bare, { variant, pair })).json,
        direct: async (pair: Pair) => {
          const { cypher, params } = cypherRequest(variant, pair);
          const result = await driver.executeQuery(cypher, params, {
            routing: 'READ',
            database: 'neo4j',
          });
          return shapeAnswer(variant, result.records[0]?.toObject());
        },
      };
      const names = ['graphql', 'bare', 'direct'] as const;
      for (const pair of options.pairs.slice(0, options.warmup)) {
        for (const name of names) await targets[name](pair);
      }
      const samples = {
        graphql: [] as number[][],
        bare: [] as number[][],
        direct: [] as number[][],
      };
      let checked = 0;
      let mismatches = 0;
      let errors = 0;
      let bytes = 0;
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        for (const name of names) samples[name].push([]);
        for (const [i, pair] of options.pairs.entries()) {
          const answers: Partial<Record<(typeof names)[number], unknown>> = {};
          for (let k = 0; k < names.length; k++) {
            const name = names[(i + k + repeat) % names.length] as (typeof names)[number];
            const started = performance.now();
            answers[name] = await targets[name](pair);
            samples[name][repeat]?.push(performance.now() - started);
          }
          if (repeat === 0) {
            checked += 1;
            bytes += JSON.stringify(answers.graphql).length;
            const graphqlAnswer = answers.graphql as { errors?: unknown };
            if (graphqlAnswer.errors) errors += 1;
            const same =
              isDeepStrictEqual(canonical(answers.graphql), canonical(answers.bare)) &&
              isDeepStrictEqual(canonical(answers.bare), canonical(answers.direct));
            if (!same) {
              mismatches += 1;
              if (mismatches === 1) {
                options.log(
                  `  MISMATCH ${variant.name} ${pair.from} → ${pair.to}:\n    graphql ${JSON.stringify(answers.graphql).slice(0, 300)}\n    bare    ${JSON.stringify(answers.bare).slice(0, 300)}`,
                );
              }
            }
          }
        }
      }
      const graphql = summarize(samples.graphql);
      const bare = summarize(samples.bare);
      const direct = summarize(samples.direct);
      const result: OverheadResult = {
        variant: variant.name,
        pairs: options.pairs.length,
        repeats: options.repeats,
        graphql,
        bare,
        direct,
        graphqlOverBare: ratio(graphql, bare),
        bareOverDirect: ratio(bare, direct),
        checked,
        mismatches,
        errors,
        answerBytes: round(bytes / Math.max(1, checked), 0),
      };
      options.log(
        `  ${variant.name.padEnd(36)} p50 graphql ${graphql.p50} ms, bare ${bare.p50}, direct ${direct.p50}; p95 ${graphql.p95}/${bare.p95}/${direct.p95}; graphql/bare ${result.graphqlOverBare.median} (${result.graphqlOverBare.min}–${result.graphqlOverBare.max}); equal ${checked - mismatches}/${checked}`,
      );
      results.push(result);
    }
  } finally {
    await driver.close();
  }
  return results;
}
