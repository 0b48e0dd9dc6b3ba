/**
 * Checks the writes of one row against the write rules before anything reaches the database (in
 * a dry run too): values that can never be stored (too long for an index, not valid text,
 * control characters, over-long free text) and links whose ends the model does not allow. A row
 * that fails is skipped whole and reported with the column at fault, so one bad cell can no
 * longer make the database refuse a whole batch.
 */

import type { EntityKind } from '../model/vocabulary';
import { linkEndsProblem, type ValueRole, valueProblem } from '../model/write-rules';
import { keySlug } from './ids';
import type { RowProblem, RowWrites } from './types';

/** The column a written value came from: the longest non-empty cell that it holds or is part of. */
function columnOf(cells: Record<string, string>, value: string): string | undefined {
  let best: string | undefined;
  let bestLength = 0;
  for (const [column, cell] of Object.entries(cells)) {
    const text = cell.trim();
    if (text === '' || text.length <= bestLength) continue;
    if (value.includes(text) || text.includes(value) || value.includes(keySlug(text))) {
      best = column;
      bestLength = text.length;
    }
  }
  return best;
}

export class RowChecker {
  /** Kinds of the entities met so far (rows and constants), to check link ends in Node. */
  private readonly kinds = new Map<string, EntityKind>();

  remember(writes: Pick<RowWrites, 'entities'>): void {
    for (const entity of writes.entities) this.kinds.set(entity.id, entity.kind);
  }

  /** The first problem of a row, or null; `cells` (a CSV row's) name the column at fault. */
  check(writes: RowWrites, cells: Record<string, string> | null): RowProblem | null {
    const problem = (value: string, role: ValueRole, what: string): RowProblem | null => {
      const why = valueProblem(value, role);
      if (!why) return null;
      const column = cells ? columnOf(cells, value) : undefined;
      return {
        line: writes.line,
        column,
        reason: column ? `cell "${column}" ${why}` : `${what} ${why}`,
      };
    };
    const values: [string, ValueRole, string][] = [];
    for (const e of writes.entities) {
      // Names before the id made of them, so a long name is reported with its own length.
      values.push([e.name, 'name', `the name of ${e.id}`]);
      for (const alias of e.aliases) values.push([alias, 'name', `an alias of ${e.id}`]);
      values.push([e.id, 'key', `the id of ${e.id}`]);
      for (const [key, value] of Object.entries(e.properties)) {
        if (typeof value === 'string') values.push([value, 'text', `${key} of ${e.id}`]);
      }
      for (const c of e.citations) {
        values.push([c.excerpt, 'text', `the excerpt for ${e.id}`]);
        if (c.locator) values.push([c.locator, 'locator', `the locator for ${e.id}`]);
      }
    }
    for (const l of writes.links) {
      values.push([l.id, 'key', `the id of link ${l.id}`]);
      for (const [key, value] of Object.entries(l.properties)) {
        if (typeof value === 'string') values.push([value, 'text', `${key} of link ${l.id}`]);
      }
      for (const c of l.citations) {
        values.push([c.excerpt, 'text', `the excerpt for link ${l.id}`]);
        if (c.locator) values.push([c.locator, 'locator', `the locator for link ${l.id}`]);
      }
    }
    for (const [value, role, what] of values) {
      const found = problem(value, role, what);
      if (found) return found;
    }
    this.remember(writes);
    for (const l of writes.links) {
      const from = this.kinds.get(l.fromId);
      const to = this.kinds.get(l.toId);
      // An end already in the graph ({"existing"}) is checked by the database.
      if (!from || !to) continue;
      const ends = linkEndsProblem(l.type, from, to);
      if (ends) {
        const id = ends.field === 'input.fromId' ? l.fromId : l.toId;
        return {
          line: writes.line,
          reason: `link ${l.type}: ${id} ${ends.message.replace(/\.$/, '')}`,
        };
      }
    }
    return null;
  }
}
