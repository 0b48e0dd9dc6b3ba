/**
 * Which entity kinds each link type joins, from the table in docs/model.md. Checked loosely:
 * only where the model names kinds; "any" ends stay open.
 */
import type { EntityKind, LinkType } from './vocabulary';

const P = 'Person';
const C = 'Company';
const O = 'Organization';
const M = 'Ministry';
/** Bodies and people: who can pay, be paid, succeed another or be registered somewhere. */
const PARTIES: readonly EntityKind[] = [P, C, O, M];
export const LINK_ENDS: Partial<
  Record<LinkType, { from?: readonly EntityKind[]; to?: readonly EntityKind[] }>
> = {
  FOUNDED: { from: [P, C, O], to: [C, O] },
  LEADS: { from: [P], to: [C, O, M] },
  OWNS: { to: [C] },
  SUBSIDIARY_OF: { from: [C], to: [C] },
  PART_OF: { from: [M, O], to: [O, M] },
  MEMBER_OF: { to: [O] },
  EMPLOYED_BY: { from: [P], to: [C, O, M] },
  HOLDS_POSITION: { from: [P], to: ['Position'] },
  FAMILY_OF: { from: [P], to: [P] },
  ASSOCIATE_OF: { from: [P], to: [P] },
  RECEIVED: { to: ['Award'] },
  CONFERRED_BY: { from: ['Award'], to: [M, O] },
  MAINTAINS: { from: [M, O], to: ['GovernmentList'] },
  LISTED_ON: { to: ['GovernmentList'] },
  LISTED_ON_EXCHANGE: { from: [C], to: [O] },
  INVESTS_IN: { to: [C, 'Topic', O] },
  SUCCEEDED: { from: PARTIES, to: PARTIES },
  PAID: { from: PARTIES, to: PARTIES },
  HAS_ADDRESS: { from: PARTIES, to: ['Address'] },
};

/** A message when the ends' kinds do not fit the type, else null. */
export function linkEndsProblem(
  type: LinkType,
  fromKind: EntityKind,
  toKind: EntityKind,
): { field: string; message: string } | null {
  const ends = LINK_ENDS[type];
  if (ends?.from && !ends.from.includes(fromKind)) {
    return {
      field: 'input.fromId',
      message: `is a ${fromKind}; a ${type} link starts at ${ends.from.join(' or ')}.`,
    };
  }
  if (ends?.to && !ends.to.includes(toKind)) {
    return {
      field: 'input.toId',
      message: `is a ${toKind}; a ${type} link ends at ${ends.to.join(' or ')}.`,
    };
  }
  return null;
}
