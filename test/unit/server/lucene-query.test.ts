import { expect, it } from 'vitest';
import { luceneQuery } from '../../../server/data/entities';

it('escapes every Lucene operator so user text cannot change the query structure', () => {
  const query = luceneQuery('a") OR name:* AND (b~ [c TO d]') ?? '';
  expect(query).not.toContain('name:');
  expect(query).not.toMatch(/\[c TO d\]/);
  expect(luceneQuery('   ')).toBeNull();
});

it('folds accents and case in prefix terms, which skip the analyzer', () => {
  expect(luceneQuery('LÉI')).toContain('lei*');
});
