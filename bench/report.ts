/**
 * `npx tsx bench/report.ts <results.json>...`: prints the Markdown tables of docs/benchmarks.md
 * from result files, so the document shows exactly what a run measured.
 */
import { readFileSync } from 'node:fs';

// biome-ignore lint/suspicious/noExplicitAny: result files are read loosely, only to print them.
type Json = Record<string, any>;

const table = (head: string[], rows: (string | number)[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

const range = (r: { median: number; min: number; max: number }) =>
  r.min === r.max ? `${r.median}` : `${r.median} (${r.min}–${r.max})`;

function sizeTables(size: Json): string[] {
  const out: string[] = [`### ${size.entities.toLocaleString('en')} entities`];
  const load = size.load;
  if (load) {
    out.push(
      `Loaded through the importer: ${load.rows.toLocaleString('en')} link rows in ${load.seconds} s (${load.rowsPerSecond} rows/s); graph: ${load.graph.entities} entities, ${load.graph.links} links, degree mean ${Number(load.graph.degree.mean).toFixed(1)}, p99 ${load.graph.degree.p99}, max ${load.graph.degree.max}.`,
    );
  }
  if (size.overhead) {
    out.push(
      table(
        [
          'query',
          'GraphQL p50 / p95 ms',
          'bare p50 / p95 ms',
          'driver p50 / p95 ms',
          'GraphQL ÷ bare (p50)',
          'bare ÷ driver (p50)',
          'equal answers',
        ],
        size.overhead.map((o: Json) => [
          o.variant,
          `${o.graphql.p50} / ${o.graphql.p95}`,
          `${o.bare.p50} / ${o.bare.p95}`,
          `${o.direct.p50} / ${o.direct.p95}`,
          range(o.graphqlOverBare),
          range(o.bareOverDirect),
          `${o.checked - o.mismatches}/${o.checked}`,
        ]),
      ),
    );
  }
  if (size.profile) {
    out.push(
      table(
        ['query', 'db hits median (min–max)', 'top operators (median pair)'],
        size.profile.map((p: Json) => [
          p.variant,
          `${p.dbHits.median} (${p.dbHits.min}–${p.dbHits.max})`,
          p.topOperators
            .map((t: Json) => `${t.operator.replace('@neo4j', '')} ${t.dbHits}`)
            .join(', '),
        ]),
      ),
    );
  }
  if (size.library) {
    out.push(
      table(
        [
          'query',
          'Threadline p50 / p95 ms',
          '@neo4j/graphql p50 / p95 ms',
          'Threadline ÷ library (p50)',
          'equal answers',
        ],
        size.library.map((l: Json) => [
          l.query,
          `${l.threadline.p50} / ${l.threadline.p95}`,
          `${l.library.p50} / ${l.library.p95}`,
          range(l.threadlineOverLibrary),
          `${l.checked - l.mismatches}/${l.checked}${l.capped ? ` (+${l.capped} at the cap, not compared)` : ''}`,
        ]),
      ),
    );
  }
  if (size.throughput) {
    out.push(
      table(
        [
          'connections',
          'seconds',
          'requests/s',
          'p50 ms',
          'p99 ms',
          'non-2xx',
          'errors',
          'server RSS before → after',
        ],
        size.throughput.map((t: Json) => [
          t.connections,
          t.seconds,
          Math.round(t.requestsPerSecond),
          t.latencyMs.p50,
          t.latencyMs.p99,
          t.non2xx,
          t.errors,
          `${t.rssMiB.before} → ${t.rssMiB.after} MiB`,
        ]),
      ),
    );
  }
  return out;
}

for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const parts: string[] = [
    `## ${file}`,
    `\`${report.command}\`, started ${report.startedAt}, load average at start ${report.machine.loadAverageAtStart}`,
  ];
  for (const size of report.sizes ?? []) parts.push(...sizeTables(size));
  if (report.client) {
    parts.push(
      table(
        [
          'nodes',
          'edges',
          'way',
          'first frame ms',
          'settled ms',
          'longest task ms',
          'load',
          'note',
        ],
        report.client.map((c: Json) => [
          c.nodes,
          c.edges,
          c.way ?? c.renderer,
          c.firstFrameMs ?? c.firstRenderMs ?? '—',
          c.settledMs ?? c.settledLayoutMs ?? '—',
          c.longestTaskMs ?? '—',
          c.load ?? '—',
          c.note ?? '',
        ]),
      ),
    );
  }
  if (report.import) parts.push(`\`\`\`json\n${JSON.stringify(report.import, null, 1)}\n\`\`\``);
  process.stdout.write(`${parts.join('\n\n')}\n\n`);
}
