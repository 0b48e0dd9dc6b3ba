/**
 * GraphQL enum values mapped onto the allowlist: EntityKind PERSON ↔ label 'Person', LinkStatus
 * ASSERTED ↔ 'asserted'. Resolvers only ever see the internal values.
 */
import { ENTITY_KINDS, LINK_STATUSES } from '../../model/vocabulary';

function screamingSnake(value: string): string {
  return value.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

export const EntityKind = Object.fromEntries(ENTITY_KINDS.map((k) => [screamingSnake(k), k]));
export const LinkStatus = Object.fromEntries(LINK_STATUSES.map((s) => [s.toUpperCase(), s]));
