/** The command line of `npm run match`, parsed and checked without touching the database. */
import { DEFAULT_MIN_SCORE } from '../match/score';
import { ENTITY_KINDS, type EntityKind } from '../model/vocabulary';

export const MATCH_USAGE = `Usage: npm run match -- [options]

Lists pairs of records that may describe one body, best first, with the reasons for each score.

  --entity <id>      the candidates of one entity (otherwise every pair of --kind, or of the graph)
  --kind <kind>      Company, Organization, Person, ... (COMPANY works too)
  --min-score <x>    leave out pairs scoring below x, 0 to 1 (default ${DEFAULT_MIN_SCORE})
  --first <n>        pairs per page, 1 to 1000 (default 20)
  --page <n>         which page, from 1 (default 1)
  --json             one JSON object per pair instead of text
  --auto             also record the pairs that reach the automatic threshold with nothing
                     against them as SAME, marked as the matcher's (docs/model.md)
  --reconcile        only rebuild identities from the judgements (after an import), then stop
  --help             this text`;

export class MatchUsageError extends Error {}

export interface MatchArgs {
  entity: string | null;
  kind: EntityKind | null;
  minScore: number;
  first: number;
  page: number;
  json: boolean;
  auto: boolean;
  reconcile: boolean;
}

function kindOf(value: string): EntityKind {
  const folded = value.replaceAll('_', '').toLowerCase();
  const kind = ENTITY_KINDS.find((k) => k.toLowerCase() === folded);
  if (!kind) {
    throw new MatchUsageError(`--kind must be one of ${ENTITY_KINDS.join(', ')}; got "${value}".`);
  }
  return kind;
}

function numberIn(flag: string, value: string, min: number, max: number, integer: boolean): number {
  const n = Number(value);
  if (
    value.trim() === '' ||
    !Number.isFinite(n) ||
    n < min ||
    n > max ||
    (integer && !Number.isInteger(n))
  ) {
    throw new MatchUsageError(
      `${flag} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}; got "${value}".`,
    );
  }
  return n;
}

export function parseMatchArgs(argv: readonly string[]): MatchArgs | 'help' {
  const args: MatchArgs = {
    entity: null,
    kind: null,
    minScore: DEFAULT_MIN_SCORE,
    first: 20,
    page: 1,
    json: false,
    auto: false,
    reconcile: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) {
        throw new MatchUsageError(`${flag} needs a value.`);
      }
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--entity':
        args.entity = value();
        break;
      case '--kind':
        args.kind = kindOf(value());
        break;
      case '--min-score':
        args.minScore = numberIn(flag, value(), 0, 1, false);
        break;
      case '--first':
        args.first = numberIn(flag, value(), 1, 1000, true);
        break;
      case '--page':
        args.page = numberIn(flag, value(), 1, 1_000_000, true);
        break;
      case '--json':
        args.json = true;
        break;
      case '--auto':
        args.auto = true;
        break;
      case '--reconcile':
        args.reconcile = true;
        break;
      default:
        throw new MatchUsageError(`Unknown option "${flag}".`);
    }
  }
  if (args.entity !== null && args.kind !== null) {
    throw new MatchUsageError('Give --entity or --kind, not both: an entity has its own kind.');
  }
  return args;
}
