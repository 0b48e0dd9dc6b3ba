/**
 * `npm run match -- [--entity <id> | --kind <kind>] [--min-score x] [--first n] [--page n]
 * [--json] [--auto] [--reconcile]`. Exit codes: 0 done, 1 the database failed, 2 bad command line.
 */
import { loadConfig } from '../config';
import { authorNow } from '../data/curation';
import { entitiesByIds } from '../data/entities';
import { judge, MATCHER_AUTHOR, reconcileIdentities } from '../data/judgements';
import { matchCandidates } from '../data/match-candidates';
import { type OpenDatabase, openDatabase } from '../neo4j/open-database';
import { MATCH_USAGE, MatchUsageError, parseMatchArgs } from './match-args';

async function main(): Promise<number> {
  let args: ReturnType<typeof parseMatchArgs>;
  try {
    args = parseMatchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof MatchUsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${MATCH_USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${MATCH_USAGE}\n`);
    return 0;
  }
  let opened: OpenDatabase | null = null;
  try {
    const config = loadConfig();
    // Whole-graph candidates read every entity: allow more than an API request.
    opened = await openDatabase(
      { ...config, queryTimeoutMs: Math.max(config.queryTimeoutMs, 300_000) },
      (line) => process.stderr.write(`${line}\n`),
    );
    const { db } = opened;
    if (args.reconcile) {
      await reconcileIdentities(db, null);
      process.stdout.write('Identities rebuilt from the judgements.\n');
      return 0;
    }
    const page = await matchCandidates(db, {
      entityId: args.entity,
      kind: args.kind,
      minScore: args.minScore,
      first: args.first,
      offset: (args.page - 1) * args.first,
    });
    const names = new Map(
      (await entitiesByIds(db, [...new Set(page.candidates.flatMap((c) => [c.a, c.b]))])).map(
        (e) => [e.id, e.name],
      ),
    );
    for (const c of page.candidates) {
      if (args.json) {
        process.stdout.write(
          `${JSON.stringify({ ...c, aName: names.get(c.a), bName: names.get(c.b) })}\n`,
        );
        continue;
      }
      process.stdout.write(
        `${c.score.toFixed(3)}  ${c.a} "${names.get(c.a) ?? ''}"  ~  ${c.b} "${names.get(c.b) ?? ''}"${c.judgement ? `  [${c.judgement.decision}]` : ''}\n`,
      );
      for (const f of c.features) {
        process.stdout.write(
          `        ${f.contribution >= 0 ? '+' : ''}${f.contribution.toFixed(3)} ${f.name}: ${f.detail}\n`,
        );
      }
    }
    const from = (args.page - 1) * args.first;
    process.stderr.write(
      `${page.totalCount} candidate pairs at score ≥ ${args.minScore}; shown ${page.candidates.length === 0 ? 0 : from + 1}–${from + page.candidates.length}${page.hasNextPage ? ` (next: --page ${args.page + 1})` : ''}.\n`,
    );
    if (args.auto) {
      const author = authorNow(MATCHER_AUTHOR);
      let joined = 0;
      for (const c of page.candidates.filter((c) => c.autoJoinable && !c.judgement)) {
        await judge(
          db,
          {
            a: c.a,
            b: c.b,
            decision: 'same',
            note: 'automatic: score at the threshold with nothing against it',
          },
          author,
          true,
        );
        joined++;
      }
      process.stderr.write(
        `Joined ${joined} pairs automatically, recorded as "${MATCHER_AUTHOR}".\n`,
      );
    }
    return 0;
  } catch (error) {
    process.stderr.write(`Matching stopped: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await opened?.close();
  }
}

process.exitCode = await main();
