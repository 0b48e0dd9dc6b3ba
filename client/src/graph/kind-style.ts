/**
 * How each entity kind and link status looks. Colour is never the only cue: every kind has its
 * own shape and every status its own line pattern, so the graph reads in greyscale and for
 * colour-blind readers. The legend and the Cytoscape stylesheet both read these tables.
 */
import type { EntityKind, LinkStatus } from '../api/types';

export type NodeShape =
  | 'ellipse'
  | 'round-rectangle'
  | 'hexagon'
  | 'star'
  | 'diamond'
  | 'octagon'
  | 'triangle'
  | 'vee'
  | 'tag';

export interface KindStyle {
  label: string;
  color: string;
  shape: NodeShape;
}

// Lightness varies between neighbours in the table as well as hue, for greyscale prints.
export const KIND_STYLES: Record<EntityKind, KindStyle> = {
  PERSON: { label: 'Person', color: '#2f6db3', shape: 'ellipse' },
  COMPANY: { label: 'Company', color: '#e08a2c', shape: 'round-rectangle' },
  MINISTRY: { label: 'Ministry', color: '#6c4fa3', shape: 'hexagon' },
  AWARD: { label: 'Award', color: '#d8b31e', shape: 'star' },
  GOVERNMENT_LIST: { label: 'Government list', color: '#b8322a', shape: 'diamond' },
  ORGANIZATION: { label: 'Organization', color: '#2e8a57', shape: 'octagon' },
  TOPIC: { label: 'Topic', color: '#7fb8c9', shape: 'triangle' },
  POSITION: { label: 'Position', color: '#7a5236', shape: 'vee' },
  ADDRESS: { label: 'Address', color: '#8c96a3', shape: 'tag' },
};

export type LineStyle = 'solid' | 'dashed' | 'dotted';

export interface StatusStyle {
  label: string;
  /** What the status means, for the legend and the details panel. */
  meaning: string;
  color: string;
  lineStyle: LineStyle;
  /** Dash and gap lengths in pixels, for dashed and dotted lines. */
  dashPattern: [number, number];
  opacity: number;
}

export const STATUS_STYLES: Record<LinkStatus, StatusStyle> = {
  ASSERTED: {
    label: 'Asserted',
    meaning: 'a source states it',
    color: '#5b6470',
    lineStyle: 'solid',
    dashPattern: [1, 0],
    opacity: 1,
  },
  DISPUTED: {
    label: 'Disputed',
    meaning: 'sources disagree, or a party contests it',
    color: '#c26a00',
    lineStyle: 'dashed',
    dashPattern: [9, 5],
    opacity: 1,
  },
  DENIED: {
    label: 'Denied',
    meaning: 'the subject denies it; the claim is part of the story',
    color: '#b8322a',
    lineStyle: 'dotted',
    dashPattern: [2, 5],
    opacity: 1,
  },
  RETRACTED: {
    label: 'Retracted',
    meaning: 'withdrawn by a curator, kept for the record',
    color: '#9aa0a6',
    lineStyle: 'dotted',
    dashPattern: [1, 7],
    opacity: 0.6,
  },
};

/** "LISTED_ON_EXCHANGE" → "listed on exchange". */
export function linkTypeLabel(type: string): string {
  return type.toLowerCase().replaceAll('_', ' ');
}
