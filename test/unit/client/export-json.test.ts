import { describe, expect, it } from 'vitest';
import { buildViewExport } from '../../../client/src/state/export-json';
import { addToStore, createStore } from '../../../client/src/state/graph-store';
import { entity, link } from './fixtures';

const article = { id: 'source:article', title: 'The article', url: null, publisher: null };

describe('the JSON export', () => {
  it('holds the visible entities and links with their citations and the cited sources', () => {
    const store = createStore();
    addToStore(store, 'seed', {
      entities: [entity('lei', 'PERSON'), entity('xiaomi', 'COMPANY'), entity('award', 'AWARD')],
      links: [
        link('leads', 'lei', 'xiaomi', {
          citations: [
            {
              excerpt: 'Lei Jun, CEO and founder of Xiaomi',
              locator: 'paragraph 2',
              source: article,
            },
          ],
        }),
        link('received', 'lei', 'award', { type: 'RECEIVED' }),
      ],
    });
    const exported = buildViewExport(store, {
      hidden: new Set(['award', 'received']),
      asOf: '2021-01-20',
      exportedAt: '2026-11-26T10:00:00.000Z',
      viewUrl: 'http://localhost:4000/?e=lei',
    });
    expect(exported.entities.map((e) => e.id)).toEqual(['lei', 'xiaomi']);
    expect(exported.links.map((l) => l.id)).toEqual(['leads']);
    expect(exported.links[0]?.citations[0]?.excerpt).toBe('Lei Jun, CEO and founder of Xiaomi');
    expect(exported.sources).toEqual([article]);
    expect(exported).toMatchObject({ format: 'threadline-view/1', asOf: '2021-01-20' });
    // It survives a JSON round trip unchanged (no Maps, no functions).
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });
});
