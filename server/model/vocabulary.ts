/**
 * The allowlist: the only entity labels and relationship types that ever appear in Cypher text.
 * GraphQL enums map onto these values, so a request string can never become a label.
 */

export const ENTITY_KINDS = [
  'Person',
  'Company',
  'Ministry',
  'Award',
  'GovernmentList',
  'Organization',
  'Topic',
  'Position',
  'Address',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const LINK_TYPES = [
  'FOUNDED',
  'LEADS',
  'OWNS',
  'SUBSIDIARY_OF',
  'PART_OF',
  'MEMBER_OF',
  'EMPLOYED_BY',
  'HOLDS_POSITION',
  'FAMILY_OF',
  'ASSOCIATE_OF',
  'RECEIVED',
  'CONFERRED_BY',
  'MAINTAINS',
  'LISTED_ON',
  'LISTED_ON_EXCHANGE',
  'INVESTS_IN',
  'SUCCEEDED',
  'AFFILIATED_WITH',
  'PAID',
  'HAS_ADDRESS',
] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const LINK_STATUSES = ['asserted', 'disputed', 'denied', 'retracted'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** Statuses that take part in paths and neighbourhoods unless a request asks otherwise. */
export const DEFAULT_STATUSES: readonly LinkStatus[] = ['asserted', 'disputed', 'denied'];

/** Properties a link of each type may carry beyond the shared ones. */
export const LINK_TYPE_PROPERTIES: Record<LinkType, readonly string[]> = {
  FOUNDED: [],
  LEADS: ['role'],
  OWNS: ['share'],
  SUBSIDIARY_OF: [],
  PART_OF: [],
  MEMBER_OF: [],
  EMPLOYED_BY: ['role'],
  HOLDS_POSITION: ['role'],
  FAMILY_OF: ['relation'],
  ASSOCIATE_OF: ['relation'],
  RECEIVED: [],
  CONFERRED_BY: [],
  MAINTAINS: [],
  LISTED_ON: ['reason', 'program'],
  LISTED_ON_EXCHANGE: [],
  INVESTS_IN: ['amount', 'currency', 'field'],
  SUCCEEDED: ['role'],
  AFFILIATED_WITH: [],
  PAID: ['amount', 'currency', 'purpose'],
  HAS_ADDRESS: [],
};

/** Kind-specific entity properties (see docs/model.md). */
export const KIND_PROPERTIES: Record<EntityKind, readonly string[]> = {
  Person: ['birthDate', 'nationality'],
  Company: ['founded', 'jurisdiction', 'website'],
  Ministry: ['jurisdiction'],
  Award: ['recurrence'],
  GovernmentList: ['program', 'url'],
  Organization: ['founded', 'jurisdiction'],
  Topic: [],
  Position: ['jurisdiction'],
  Address: [],
};

export function isEntityKind(value: string): value is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(value);
}

export function isLinkType(value: string): value is LinkType {
  return (LINK_TYPES as readonly string[]).includes(value);
}

/**
 * `A|B|C` for a relationship pattern; every element comes from LINK_TYPES, each once and in its
 * order, so the text depends only on the set asked for.
 */
export function relationshipTypeExpression(types: readonly LinkType[]): string {
  const allowed = LINK_TYPES.filter((type) => types.includes(type));
  return (allowed.length > 0 ? allowed : LINK_TYPES).join('|');
}

/** The labels among `kinds`, each once, in ENTITY_KINDS order (the same set, the same text). */
export function kindLabels(kinds: readonly EntityKind[] | null | undefined): EntityKind[] {
  return kinds ? ENTITY_KINDS.filter((kind) => kinds.includes(kind)) : [];
}
