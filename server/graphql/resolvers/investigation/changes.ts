/** Query.changes: the arguments checked, one statement run, rows turned into records. */
import { changesAround, investigationExists } from '../../../data/changes';
import { toEntity, toLink } from '../../../data/projections';
import { badInput, notFound, userError } from '../../../errors';
import { checkId } from '../../../model/input-checks';
import { INVESTIGATION_LIMITS } from '../../../model/investigation';
import { LIMITS } from '../../../model/limits';
import { intInRange, listWithin } from '../../arguments';
import type { GraphQLContext } from '../../context';

export const changesQueries = {
  async changes(
    _: unknown,
    args: {
      since: string;
      investigation?: string | null;
      entities?: string[] | null;
      radius?: number | null;
    },
    { db, loaders }: GraphQLContext,
  ) {
    const radius = intInRange('radius', args.radius, LIMITS.changesRadius);
    const entities = listWithin('entities', args.entities, INVESTIGATION_LIMITS.entities).map(
      (id, i) => checkId(`entities[${i}]`, id),
    );
    const investigation = args.investigation ? checkId('investigation', args.investigation) : null;
    if (!investigation && entities.length === 0) {
      throw badInput('entities', 'give an investigation or at least one entity id to watch.');
    }
    // Stored times are UTC texts from toISOString(); the bound is written the same way.
    const since = new Date(args.since).toISOString();
    const found = await changesAround(db, {
      since,
      today: new Date().toISOString().slice(0, 10),
      watched: entities,
      investigation,
      radius,
      limit: LIMITS.changes + 1,
      maxArea: LIMITS.changesArea,
    });
    const rows = found.changes;
    if (rows.length === 0 && investigation && !(await investigationExists(db, investigation))) {
      throw notFound('investigation', investigation);
    }
    if (found.tooLarge) {
      throw userError(
        'AREA_TOO_LARGE',
        `The area within ${radius} link${radius === 1 ? '' : 's'} of the watched entities holds more than the ${LIMITS.changesArea.toLocaleString('en')} entities changes looks across (the search stopped at ${found.areaSize.toLocaleString('en')}). Ask with a smaller radius, or watch fewer entities.`,
        { radius, areaSize: found.areaSize, maxArea: LIMITS.changesArea },
      );
    }
    const changes = rows.slice(0, LIMITS.changes).map((row) => ({
      kind: row.kind,
      at: row.at,
      by: row.by,
      entity: row.entity ? toEntity(row.entity) : null,
      link: row.link ? toLink(row.link) : null,
      detail: row.detail,
    }));
    loaders.prime({
      entities: changes.flatMap((c) => (c.entity ? [c.entity] : [])),
      links: changes.flatMap((c) => (c.link ? [c.link] : [])),
    });
    return {
      since,
      radius,
      areaSize: found.areaSize,
      watched: [...new Set(entities)],
      changes,
      hasMore: rows.length > LIMITS.changes,
    };
  },
};
