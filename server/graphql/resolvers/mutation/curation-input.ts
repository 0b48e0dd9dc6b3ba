/**
 * Turns mutation inputs into write commands for server/data/curation.ts, refusing anything
 * malformed with BAD_USER_INPUT naming the field and what is allowed. Enum values (kinds, link
 * types, statuses) arrive already mapped onto the allowlist by the GraphQL layer.
 */

import type { EntityUpsertInput, LinkUpsertInput, SourceWrite } from '../../../data/curation';
import { badInput } from '../../../errors';
import { checkId, checkText, ID_MAX_LENGTH } from '../../../model/input-checks';
import { validityWindow } from '../../../model/partial-date';
import type { CitationRecord } from '../../../model/types';
import {
  isEntityKind,
  isLinkType,
  KIND_PROPERTIES,
  LINK_TYPE_PROPERTIES,
  type LinkStatus,
} from '../../../model/vocabulary';

export const CURATION_LIMITS = {
  idLength: ID_MAX_LENGTH,
  name: 300,
  aliases: 50,
  description: 4000,
  shortText: 1000,
  excerpt: 4000,
  locator: 200,
  citations: 50,
  sourceText: 400_000,
  url: 2000,
} as const;

/** undefined stays undefined (keep), null stays null (clear), anything else is checked text. */
function optionalText(field: string, value: unknown, max: number): string | null | undefined {
  if (value === undefined || value === null) return value;
  return checkText(field, value, max);
}

function checkUrl(field: string, value: unknown): string | null | undefined {
  const text = optionalText(field, value, CURATION_LIMITS.url);
  if (text === undefined || text === null) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badInput(field, 'must be an http(s) address.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badInput(field, 'must be an http(s) address.');
  }
  return text;
}

export interface CitationInput {
  sourceId: string;
  excerpt: string;
  locator?: string | null;
}

export function checkCitations(field: string, value: unknown): CitationRecord[] {
  if (!Array.isArray(value)) throw badInput(field, 'must be a list of citations.');
  if (value.length > CURATION_LIMITS.citations) {
    throw badInput(field, `allows at most ${CURATION_LIMITS.citations} citations.`);
  }
  return value.map((c: CitationInput, i) => ({
    sourceId: checkId(`${field}[${i}].sourceId`, c.sourceId),
    excerpt: checkText(`${field}[${i}].excerpt`, c.excerpt, CURATION_LIMITS.excerpt),
    locator: optionalText(`${field}[${i}].locator`, c.locator, CURATION_LIMITS.locator) ?? null,
  }));
}

function checkAliases(field: string, value: unknown): string[] | null | undefined {
  if (value === undefined || value === null) return value;
  if (!Array.isArray(value)) throw badInput(field, 'must be a list of names.');
  if (value.length > CURATION_LIMITS.aliases) {
    throw badInput(field, `allows at most ${CURATION_LIMITS.aliases} aliases.`);
  }
  const aliases = value.map((a, i) => checkText(`${field}[${i}]`, a, CURATION_LIMITS.name));
  return [...new Set(aliases)];
}

// ---- entities ------------------------------------------------------------------------------

const ENTITY_TEXT_FIELDS: Record<string, number> = {
  nationality: CURATION_LIMITS.shortText,
  jurisdiction: CURATION_LIMITS.shortText,
  recurrence: CURATION_LIMITS.shortText,
  program: CURATION_LIMITS.shortText,
};
const ENTITY_DATE_FIELDS = ['birthDate', 'founded'];
const ENTITY_URL_FIELDS = ['website', 'url'];
const KIND_SPECIFIC = [
  ...ENTITY_DATE_FIELDS,
  ...ENTITY_URL_FIELDS,
  ...Object.keys(ENTITY_TEXT_FIELDS),
];

export function entityWrite(input: Record<string, unknown>): EntityUpsertInput {
  const kind = String(input.kind);
  if (!isEntityKind(kind)) throw badInput('input.kind', 'is not an entity kind.');
  const properties: EntityUpsertInput['properties'] = {};
  const set = (name: string, value: string | string[] | null | undefined) => {
    if (value !== undefined) properties[name] = value;
  };
  set('aliases', checkAliases('input.aliases', input.aliases));
  set(
    'description',
    optionalText('input.description', input.description, CURATION_LIMITS.description),
  );
  set('country', optionalText('input.country', input.country, CURATION_LIMITS.shortText));
  const allowed = KIND_PROPERTIES[kind];
  for (const name of KIND_SPECIFIC) {
    const value = input[name];
    if (value === undefined) continue;
    if (!allowed.includes(name)) {
      throw badInput(
        `input.${name}`,
        `does not apply to ${kind}; ${kind} takes ${allowed.length ? allowed.join(', ') : 'no kind-specific fields'}.`,
      );
    }
    if (ENTITY_URL_FIELDS.includes(name)) set(name, checkUrl(`input.${name}`, value));
    // Dates are already checked by the PartialDate scalar.
    else if (ENTITY_DATE_FIELDS.includes(name)) set(name, value as string | null);
    else set(name, optionalText(`input.${name}`, value, ENTITY_TEXT_FIELDS[name] ?? 0));
  }
  return {
    id: checkId('input.id', input.id),
    kind,
    name: checkText('input.name', input.name, CURATION_LIMITS.name),
    properties,
    citations:
      input.citations === undefined || input.citations === null
        ? undefined
        : checkCitations('input.citations', input.citations),
  };
}

// ---- links ---------------------------------------------------------------------------------

const LINK_TEXT_FIELDS = ['role', 'reason', 'program', 'field', 'relation', 'purpose'];

export function linkWrite(input: Record<string, unknown>): LinkUpsertInput {
  const type = String(input.type);
  if (!isLinkType(type)) throw badInput('input.type', 'is not a link type.');
  const status = (input.status ?? 'asserted') as LinkStatus;
  if (status === 'retracted') {
    throw badInput('input.status', 'cannot be RETRACTED here; use retractLink, which records why.');
  }
  const citations = checkCitations('input.citations', input.citations);
  if (citations.length === 0) {
    throw badInput(
      'input.citations',
      'needs at least one citation (a source and a verbatim excerpt): every link carries its evidence.',
    );
  }
  const allowed = LINK_TYPE_PROPERTIES[type];
  const properties: LinkUpsertInput['properties'] = {
    note: optionalText('input.note', input.note, CURATION_LIMITS.description) ?? null,
  };
  const typeSpecific = [...LINK_TEXT_FIELDS, 'amount', 'currency', 'share'];
  for (const name of typeSpecific) {
    const value = input[name];
    if (value !== undefined && value !== null && !allowed.includes(name)) {
      throw badInput(
        `input.${name}`,
        `does not apply to ${type}; ${type} takes ${allowed.length ? allowed.join(', ') : 'no type-specific fields'}.`,
      );
    }
    properties[name] = null;
    if (value === undefined || value === null) continue;
    if (LINK_TEXT_FIELDS.includes(name)) {
      properties[name] = checkText(`input.${name}`, value, CURATION_LIMITS.shortText);
    } else if (name === 'currency') {
      if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) {
        throw badInput(
          'input.currency',
          'must be an ISO 4217 code: three capital letters, e.g. USD.',
        );
      }
      properties[name] = value;
    } else {
      const n = value as number;
      const max = name === 'share' ? 100 : Number.MAX_SAFE_INTEGER;
      if (!Number.isFinite(n) || n < 0 || n > max) {
        throw badInput(`input.${name}`, `must be a number from 0 to ${max}.`);
      }
      properties[name] = n;
    }
  }
  const date = (name: string) => (input[name] as string | null | undefined) ?? null;
  const scope = { since: date('since'), until: date('until'), on: date('on') };
  let window: { validFrom: string | null; validTo: string | null };
  try {
    window = validityWindow(scope);
  } catch (error) {
    throw badInput('input.until', error instanceof Error ? error.message : String(error));
  }
  return {
    id: checkId('input.id', input.id),
    type,
    fromId: checkId('input.fromId', input.fromId),
    toId: checkId('input.toId', input.toId),
    status,
    ...scope,
    ...window,
    citations,
    properties,
  };
}

// ---- sources -------------------------------------------------------------------------------

export function sourceWrite(input: Record<string, unknown>): SourceWrite {
  const short = (name: string, max: number = CURATION_LIMITS.shortText) =>
    optionalText(`input.${name}`, input[name], max) ?? null;
  const language = short('language', 35);
  if (language !== null && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
    throw badInput('input.language', 'must be a BCP 47 language tag, e.g. en or zh-Hans.');
  }
  // Kept as given (not trimmed): excerpts are matched against it character for character.
  let text: string | null = null;
  if (input.text !== undefined && input.text !== null) {
    checkText('input.text', input.text, CURATION_LIMITS.sourceText);
    text = String(input.text);
  }
  return {
    id: checkId('input.id', input.id),
    properties: {
      title: checkText('input.title', input.title, CURATION_LIMITS.shortText),
      kind: short('kind', 50),
      publisher: short('publisher'),
      url: checkUrl('input.url', input.url) ?? null,
      published: (input.published as string | null | undefined) ?? null,
      language,
      retrievedAt: (input.retrievedAt as string | null | undefined) ?? null,
      licence: short('licence'),
      text,
    },
  };
}
