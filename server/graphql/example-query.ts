/**
 * The example operations in docs/queries/, read once at start-up: GraphiQL opens them as tabs,
 * the paths from Lei Jun to the Defense Department's list first, and the soak test replays it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const QUERIES_DIR = fileURLToPath(new URL('../../docs/queries/', import.meta.url));
const FIRST = 'paths.graphql';

/** Every docs/queries file as `{ file, query }`, paths.graphql first, then by name. */
export const EXAMPLE_OPERATIONS: readonly { file: string; query: string }[] = readdirSync(
  QUERIES_DIR,
)
  .filter((file) => file.endsWith('.graphql'))
  .sort((a, b) => Number(b === FIRST) - Number(a === FIRST) || a.localeCompare(b))
  .map((file) => ({ file, query: readFileSync(`${QUERIES_DIR}${file}`, 'utf8') }));

/** The operation GraphiQL opens with: every shortest path from Lei Jun to the DoD list. */
export const EXAMPLE_QUERY: string = readFileSync(`${QUERIES_DIR}${FIRST}`, 'utf8');
