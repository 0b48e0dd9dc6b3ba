/** A link as a sentence a reader can check against its excerpt: "Lei Jun founded Xiaomi". */
import type { LinkType } from '../model/vocabulary';

/** The verb phrase of each link type, subject → object (docs/model.md's "Meaning" column). */
export const LINK_PHRASES: Record<LinkType, string> = {
  FOUNDED: 'founded',
  LEADS: 'leads',
  OWNS: 'holds shares in',
  SUBSIDIARY_OF: 'is controlled by (subsidiary of)',
  PART_OF: 'is a unit of',
  MEMBER_OF: 'is a member of',
  EMPLOYED_BY: 'works for',
  HOLDS_POSITION: 'holds the office of',
  FAMILY_OF: 'is family of',
  ASSOCIATE_OF: 'is a known associate of',
  RECEIVED: 'received',
  CONFERRED_BY: 'is awarded by',
  MAINTAINS: 'keeps the list',
  LISTED_ON: 'is (or was) listed on',
  LISTED_ON_EXCHANGE: 'has shares traded on',
  INVESTS_IN: 'invests (or decided to invest) in',
  SUCCEEDED: 'took over from',
  AFFILIATED_WITH: 'has ties to, as claimed,',
  PAID: 'made a payment to',
  HAS_ADDRESS: 'is registered or lives at',
};
