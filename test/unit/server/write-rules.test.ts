import { describe, expect, it } from 'vitest';
import { MAX_KEY_BYTES, searchTextOf, valueProblem } from '../../../server/model/write-rules';

describe('values that can never be stored', () => {
  it('caps names and keys in UTF-8 bytes, the measure of the index limit', () => {
    expect(valueProblem('a'.repeat(MAX_KEY_BYTES), 'name')).toBeNull();
    expect(valueProblem('a'.repeat(MAX_KEY_BYTES + 1), 'key')).toBe(
      'has 8,001 bytes; names and keys are limited to 8,000 (UTF-8)',
    );
    // 2,700 CJK characters are 8,100 bytes: too long, though far under 8,000 characters.
    expect(valueProblem('小'.repeat(2700), 'name')).toMatch(/^has 8,100 bytes/);
  });

  it('caps free text and locators in characters, and refuses what is not text', () => {
    expect(valueProblem('n'.repeat(10_000), 'text')).toBeNull();
    expect(valueProblem('n'.repeat(10_001), 'text')).toBe(
      'has 10,001 characters; free-text values are limited to 10,000',
    );
    expect(valueProblem(`line 2, https://e.org/${'x'.repeat(2000)}`, 'locator')).toMatch(
      /locators \(with the row URL\) are limited to 2,000/,
    );
    expect(valueProblem('Caf\uFFFD', 'text')).toMatch(/not valid text in the file's encoding/);
    expect(valueProblem('a\u0007b', 'text')).toBe('holds the control character U+0007');
    expect(valueProblem('two\nlines', 'text')).toBeNull();
    expect(valueProblem('two\nlines', 'name')).toBe('is a name with a line break in it');
  });

  it('builds searchText from the name and aliases, one per line', () => {
    expect(searchTextOf('Xiaomi', ['Xiaomi Corp.', '小米'])).toBe('Xiaomi\nXiaomi Corp.\n小米');
  });
});
