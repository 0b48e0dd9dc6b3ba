/**
 * Brings every entity's `searchText` up to the current write rule (write-rules.ts), for
 * databases written before the rule changed (initials were added in issue 18). Pages through
 * entities by id, one transaction per page, and writes only what differs, so a second run
 * changes nothing. Run by `npm run db:seed`.
 */

import { searchTextCypher } from '../model/write-rules';
import type { Database } from '../neo4j/database';

/** Entities per transaction: small enough for the transaction timeout on a loaded server. */
const PAGE = 5000;

export async function refreshSearchText(db: Database, page = PAGE): Promise<number> {
  let after = '';
  let changed = 0;
  for (;;) {
    const [row] = await db.write<{ last: string | null; changed: number }>(
      `MATCH (e:Entity) WHERE e.id > $after
       WITH e ORDER BY e.id LIMIT toInteger($page)
       WITH e, ${searchTextCypher('e.name', 'e.aliases')} AS text
       WITH e, text, coalesce(e.searchText <> text, true) AS stale
       FOREACH (_ IN CASE WHEN stale THEN [1] ELSE [] END | SET e.searchText = text)
       RETURN max(e.id) AS last, sum(CASE WHEN stale THEN 1 ELSE 0 END) AS changed`,
      { after, page },
    );
    if (!row?.last) return changed;
    changed += row.changed;
    after = row.last;
  }
}
