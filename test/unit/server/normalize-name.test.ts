import { expect, it } from 'vitest';
import { normalizeName } from '../../../server/model/normalize-name';

it('folds case, accents, punctuation and whitespace so spellings of one name meet', () => {
  expect(normalizeName('  Xiaomi Corp.  ')).toBe('xiaomi corp');
  expect(normalizeName('XIAOMI\tcorp')).toBe('xiaomi corp');
  expect(normalizeName('Société Générale')).toBe('societe generale');
  expect(normalizeName('China Mobile (Hong Kong), Ltd.')).toBe('china mobile hong kong ltd');
  expect(normalizeName('北京小米')).toBe('北京小米');
});
