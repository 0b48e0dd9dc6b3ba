/** Small hand-made entities and links for the client unit tests (shapes of the API answers). */
import type { EntitySummary, LinkRecord } from '../../../client/src/api/types';

export function entity(id: string, kind: EntitySummary['kind'], name = id): EntitySummary {
  return { id, name, kind, aliases: [], description: null, degree: 1 };
}

export function link(
  id: string,
  from: string,
  to: string,
  overrides: Partial<LinkRecord> = {},
): LinkRecord {
  return {
    id,
    type: 'LEADS',
    from,
    to,
    since: null,
    until: null,
    on: null,
    status: 'ASSERTED',
    note: null,
    role: null,
    reason: null,
    program: null,
    amount: null,
    currency: null,
    field: null,
    share: null,
    purpose: null,
    relation: null,
    citations: [],
    ...overrides,
  };
}
