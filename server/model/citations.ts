/**
 * Citations are stored as three aligned lists on a node or relationship (docs/model.md explains
 * why). These two functions are the only place that packs or unpacks them.
 */
import type { CitationRecord } from './types';

export interface StoredCitations {
  citationSourceIds: string[];
  citationExcerpts: string[];
  citationLocators: string[];
}

export function packCitations(citations: readonly CitationRecord[]): StoredCitations {
  return {
    citationSourceIds: citations.map((c) => c.sourceId),
    citationExcerpts: citations.map((c) => c.excerpt),
    // Neo4j lists cannot hold nulls; an empty string means "no locator".
    citationLocators: citations.map((c) => c.locator ?? ''),
  };
}

export function unpackCitations(properties: Record<string, unknown>): CitationRecord[] {
  const ids = asStrings(properties.citationSourceIds);
  const excerpts = asStrings(properties.citationExcerpts);
  const locators = asStrings(properties.citationLocators);
  return ids.map((sourceId, i) => ({
    sourceId,
    excerpt: excerpts[i] ?? '',
    locator: locators[i] || null,
  }));
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
