import { describe, expect, it } from 'vitest';
import { idsInAnswer, parseVariables } from '../../../client/src/state/query-result';

describe('a query answer sent to the canvas', () => {
  it('collects every id once, in the order met, from paths, links and nested entities', () => {
    const answer = {
      paths: {
        paths: [
          {
            entities: [{ id: 'person:lei-jun' }, { id: 'company:xiaomi' }],
            links: [
              { id: 'link:leads', from: { id: 'person:lei-jun' }, to: { id: 'company:xiaomi' } },
            ],
          },
          { entities: [{ id: 'person:lei-jun', name: 'id' }], links: [] },
        ],
      },
      other: { name: 'no id here', id: 42, nested: [[{ id: 'list:dod' }]] },
    };
    expect(idsInAnswer(answer)).toEqual({
      ids: ['person:lei-jun', 'company:xiaomi', 'link:leads', 'list:dod'],
      truncated: false,
    });
  });

  it('stops at the cap and says so', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}` }));
    expect(idsInAnswer(many, 3)).toEqual({ ids: ['e0', 'e1', 'e2'], truncated: true });
    expect(idsInAnswer(null)).toEqual({ ids: [], truncated: false });
    expect(idsInAnswer('person:lei-jun')).toEqual({ ids: [], truncated: false });
  });

  it('reads variables as one JSON object and names what is wrong otherwise', () => {
    expect(parseVariables('  ')).toEqual({ ok: true, variables: {} });
    expect(parseVariables('{"id": "company:xiaomi"}\r\n')).toEqual({
      ok: true,
      variables: { id: 'company:xiaomi' },
    });
    const notJson = parseVariables('{id: 1}');
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.problem).toMatch(/^The variables are not JSON/);
    for (const text of ['[1]', '"x"', 'null', '3'])
      expect(parseVariables(text)).toEqual({
        ok: false,
        problem: 'The variables must be one JSON object, e.g. {"id": "company:xiaomi"}.',
      });
  });
});
