/**
 * From a researcher's own GraphQL query to the canvas (issue 20, item 5): the variables typed
 * as JSON, and the ids an answer mentions. Whatever the query's shape — a path list, an
 * entity's links, a search — every `id` in the answer is collected; the panel asks the API
 * which of them are entities and draws those with the links among them. Pure; unit-tested in
 * test/unit/client/query-result.test.ts.
 */

/** Ids sent to the canvas from one answer at most (the canvas's comfortable size). */
export const MAX_ANSWER_IDS = 500;

export type ParsedVariables =
  | { ok: true; variables: Record<string, unknown> }
  | { ok: false; problem: string };

/** The variables field: empty means none; otherwise JSON text of one object. */
export function parseVariables(text: string): ParsedVariables {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, variables: {} };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    return { ok: false, problem: `The variables are not JSON (${(error as Error).message}).` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      ok: false,
      problem: 'The variables must be one JSON object, e.g. {"id": "company:xiaomi"}.',
    };
  return { ok: true, variables: value as Record<string, unknown> };
}

/** Every string under an `id` key, each once, in the order met (depth first); at most `max`. */
export function idsInAnswer(
  data: unknown,
  max = MAX_ANSWER_IDS,
): { ids: string[]; truncated: boolean } {
  const found = new Set<string>();
  let truncated = false;
  const stack: unknown[] = [data];
  while (stack.length) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record.id === 'string' && record.id && !found.has(record.id)) {
        if (found.size >= max) {
          truncated = true;
          break;
        }
        found.add(record.id);
      }
      const entries = Object.entries(record).filter(([key]) => key !== 'id');
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]?.[1]);
    }
  }
  return { ids: [...found], truncated };
}
