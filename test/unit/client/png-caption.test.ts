import { describe, expect, it } from 'vitest';
import { buildViewExport } from '../../../client/src/state/export-json';
import { addToStore, createStore } from '../../../client/src/state/graph-store';
import { buildPngCaption } from '../../../client/src/state/png-caption';
import { entity, link } from './fixtures';

function source(id: string, title: string) {
  return { id, title, url: null, publisher: null };
}

function view(asOf: string | null, sourceCount = 1) {
  const store = createStore();
  const citations = Array.from({ length: sourceCount }, (_, i) => ({
    excerpt: `excerpt ${i}`,
    locator: null,
    source: source(`s${i}`, `Article ${i}`),
  }));
  addToStore(store, 'seed', {
    entities: [
      entity('lei', 'PERSON', 'Lei Jun'),
      entity('xiaomi', 'COMPANY', 'Xiaomi'),
      entity('list', 'GOVERNMENT_LIST', 'DoD list'),
      entity('gov', 'ORGANIZATION', 'Chinese government'),
    ],
    links: [
      link('leads', 'lei', 'xiaomi', { citations }),
      link('listed', 'xiaomi', 'list', { type: 'LISTED_ON', citations }),
      link('affiliated', 'xiaomi', 'gov', { type: 'AFFILIATED_WITH', status: 'DENIED' }),
    ],
  });
  return buildViewExport(store, {
    hidden: new Set(['gov', 'affiliated']),
    asOf,
    exportedAt: '2026-12-01T10:00:00.000Z',
    viewUrl: 'http://localhost:4000/?e=lei',
  });
}

describe('the PNG caption', () => {
  it('titles a path with its ends and step, and gives the date and the sources', () => {
    const caption = buildPngCaption(view('2021-06-01'), {
      from: 'Lei Jun',
      to: 'DoD list',
      step: 0,
      count: 2,
    });
    expect(caption.title).toBe('Lei Jun → DoD list: path 1 of 2');
    expect(caption.dateLine).toBe(
      'As of 2021-06-01: links not valid that day are faded · exported 2026-12-01',
    );
    expect(caption.sourceLine).toBe('Sources: Article 0.');
    expect(caption.viewUrl).toBe('http://localhost:4000/?e=lei');
  });

  it('puts in the legend only the kinds and statuses drawn (hidden ones left out)', () => {
    const caption = buildPngCaption(view(null), null);
    expect(caption.kinds).toEqual(['PERSON', 'COMPANY', 'GOVERNMENT_LIST']);
    expect(caption.statuses).toEqual(['ASSERTED']);
    expect(caption.title).toBe('Lei Jun, Xiaomi, DoD list');
    expect(caption.dateLine).toContain('All dates');
  });

  it('names at most four sources and counts the rest', () => {
    const caption = buildPngCaption(view(null, 6), null);
    expect(caption.sourceLine).toBe(
      'Sources: Article 0; Article 1; Article 2; Article 3; and 2 more.',
    );
  });
});
