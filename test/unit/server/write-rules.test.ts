import { describe, expect, it } from 'vitest';
import {
  initialsOf,
  MAX_KEY_BYTES,
  searchTextOf,
  valueProblem,
} from '../../../server/model/write-rules';

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

  it('adds the initials of the significant words, so an acronym finds the name', () => {
    expect(
      searchTextOf('Ministry of Industry and Information Technology', [
        'Chinese Ministry of Industry and Information Technology',
      ]),
    ).toBe(
      'Ministry of Industry and Information Technology\nChinese Ministry of Industry and Information Technology\nMIIT\nCMIIT',
    );
    expect(searchTextOf('Hong Kong Stock Exchange', [])).toBe('Hong Kong Stock Exchange\nHKSE');
  });

  it('skips linking words in any case and takes a word’s first letter or digit', () => {
    expect(initialsOf('The Bank OF the North')).toBe('BN');
    expect(initialsOf('Société Générale de Surveillance (SGS) S.A.')).toBe('SGSSS');
    expect(initialsOf('5G Technologies & Services')).toBe('5TS');
    expect(initialsOf('  double  spaces   here ')).toBe('dsh');
    expect(initialsOf('Ürümqi İnşaat Şirketi')).toBe('ÜİŞ');
    expect(initialsOf('Ministère de l’Économie et des Finances')).toBe('MlF');
  });

  it('adds no initials under three, none twice, and none equal to a name or alias', () => {
    expect(searchTextOf('Lei Jun', [])).toBe('Lei Jun');
    expect(searchTextOf('Bank of the North', [])).toBe('Bank of the North');
    expect(searchTextOf('Office of Foreign Assets Control', ['OFAC'])).toBe(
      'Office of Foreign Assets Control\nOFAC',
    );
    expect(searchTextOf('Acme Robotics Inc', ['Acme Robotics Inc'])).toBe(
      'Acme Robotics Inc\nAcme Robotics Inc\nARI',
    );
  });
});
