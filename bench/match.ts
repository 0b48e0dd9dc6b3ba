/**
 * `npm run bench:match -- [--records 100000]`: the matcher's quality on the labelled pairs
 * (research lists read at run time from ../shared/data; skipped with the reason where absent)
 * and its speed on a generated set of records with planted duplicates. Prints Markdown for
 * docs/benchmarks.md. Never part of `npm test`.
 */
import { cpus } from 'node:os';
import { findCandidates } from '../server/match/candidates';
import type { MatchRecord } from '../server/match/prepare';
import { DEFAULT_MIN_SCORE, MATCH_THRESHOLD } from '../server/match/score';
import { missingListFiles, readListRecords } from '../test/support/list-records';
import { evaluateMatcher, readLabelledPairs } from '../test/support/match-evaluation';
import { seededRandom } from './data/generate-graph';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 10) {
    throw new Error(
      `--${name} must be an integer of at least 10, got "${process.argv[index + 1]}".`,
    );
  }
  return value;
}

function quality(): void {
  const missing = missingListFiles();
  console.log('### Quality on the labelled pairs\n');
  if (missing) {
    console.log(`Skipped: ${missing}.\n`);
    return;
  }
  const pairs = readLabelledPairs();
  const e = evaluateMatcher(readListRecords(), pairs);
  const ranks = e.results.filter((r) => r.pair.same).map((r) => r.rank ?? Number.POSITIVE_INFINITY);
  const count = (f: (rank: number) => boolean) => ranks.filter(f).length;
  console.log(`| measure | value |\n|---|---|`);
  console.log(`| records (one per name per list) | ${e.records} |`);
  console.log(
    `| labelled pairs (same / different) | ${pairs.length} (${pairs.filter((p) => p.same).length} / ${pairs.filter((p) => !p.same).length}) |`,
  );
  console.log(`| candidate pairs after blocking (any score) | ${e.candidates} |`);
  console.log(
    `| precision at ${MATCH_THRESHOLD} | ${e.precision.toFixed(3)} (${e.truePositives} true, ${e.falsePositives} false positives) |`,
  );
  console.log(
    `| recall at ${MATCH_THRESHOLD} | ${e.recall.toFixed(3)} (${e.falseNegatives} missed) |`,
  );
  console.log(
    `| true pairs ranked 1st / 2nd / 3rd / worse, worse of the two records | ${count((r) => r === 1)} / ${count((r) => r === 2)} / ${count((r) => r === 3)} / ${count((r) => r > 3)} |`,
  );
  console.log(
    `| different bodies that would be joined automatically | ${e.autoJoinedNegatives.length} |`,
  );
  console.log(`| time for all candidates | ${Math.round(e.ms)} ms |\n`);
  const hardest = e.results
    .filter((r) => !r.pair.same)
    .sort((x, y) => y.score - x.score)
    .slice(0, 3)
    .map((r) => `${r.pair.a[1]} / ${r.pair.b[1]} (${r.score})`);
  console.log(`Highest-scoring different bodies: ${hardest.join('; ')}.\n`);
}

const LEGAL = [
  'Co., Ltd.',
  'Company Limited',
  'Corporation',
  'Inc.',
  'Limited',
  'JSC',
  'Group Co., Ltd.',
];
const GENERIC = [
  'Technology',
  'International',
  'Industry',
  'Electronics',
  'Energy',
  'Research Institute',
  'University',
];

/** Pseudo-names from a seeded vocabulary; every 50th record gets a re-spelled twin. */
function generatedRecords(n: number): { records: MatchRecord[]; twins: Map<string, string> } {
  const random = seededRandom(17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const syllables =
    'ba ko ri zen hua tai lin mei sho ven dra qui lux nor pex sal tor vim yun zao'.split(' ');
  const word = () => {
    const w = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(syllables)).join('');
    return w[0]?.toUpperCase() + w.slice(1);
  };
  const records: MatchRecord[] = [];
  const twins = new Map<string, string>();
  for (let i = 0; records.length < n; i++) {
    const core = `${word()} ${word()} ${pick(GENERIC)}`;
    records.push({ id: `r${i}`, kind: 'Company', name: `${core} ${pick(LEGAL)}` });
    if (i % 50 === 0 && records.length < n) {
      const twin = `${core.toUpperCase()} ${pick(LEGAL)}`;
      records.push({ id: `t${i}`, kind: 'Company', name: twin });
      twins.set(`t${i}`, `r${i}`);
    }
  }
  return { records, twins };
}

function speed(n: number): void {
  const { records, twins } = generatedRecords(n);
  const counts = { compared: 0 };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const found = findCandidates(records, { counts });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const best = new Map<string, string>();
  for (const c of found) {
    for (const [self, other] of [
      [c.a, c.b],
      [c.b, c.a],
    ] as const)
      if (!best.has(self)) best.set(self, other);
  }
  const twinsFirst = [...twins].filter(([twin, original]) => best.get(twin) === original).length;
  console.log(`### Speed on ${n.toLocaleString('en')} generated records\n`);
  console.log(`| measure | value |\n|---|---|`);
  console.log(
    `| pairs scored (all pairs would be ${((n * (n - 1)) / 2).toExponential(1)}) | ${counts.compared.toLocaleString('en')} |`,
  );
  console.log(
    `| candidates at min score ${DEFAULT_MIN_SCORE} | ${found.length.toLocaleString('en')} |`,
  );
  console.log(
    `| planted twins found as their record's best candidate | ${twinsFirst} of ${twins.size} |`,
  );
  console.log(
    `| wall time (one thread; the ${cpus().length} cores were shared with other work) | ${seconds.toFixed(1)} s |\n| CPU time of this process (${cpus()[0]?.model ?? 'unknown CPU'}) | ${cpuSeconds.toFixed(1)} s |\n`,
  );
}

quality();
speed(argument('records', 100_000));
