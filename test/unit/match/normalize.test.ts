import { describe, expect, it } from 'vitest';
import {
  foldText,
  initialsOf,
  isAcronym,
  MAX_NAME_LENGTH,
  nameTokens,
  parseListedName,
} from '../../../server/match/normalize';

describe('nameTokens', () => {
  it('folds legal forms however the lists write them', () => {
    const key = (name: string) => nameTokens(name).join(' ');
    expect(key('Huawei Technologies Company')).toBe('huawei technology');
    expect(key('Huawei Technologies Co., Ltd.')).toBe('huawei technology');
    expect(key('Contemporary Amperex Technology Company, Limited')).toBe(
      key('Contemporary Amperex Technology Co., Ltd.'),
    );
    expect(
      key('Moscow Order of the Red Banner of Labor Research Radio Engineering Institute JSC'),
    ).not.toContain('jsc');
    expect(key('Rosatom Joint Stock Company')).toBe('rosatom');
  });

  it('keeps Group and Holding, which name parents in these lists', () => {
    expect(nameTokens('China Communications Construction Group Limited')).toContain('group');
    expect(nameTokens('Huawei Investment & Holding Co., Ltd.')).toContain('holding');
  });

  it('gives nothing for a name of only legal forms, punctuation or nothing', () => {
    expect(nameTokens('Co., Ltd.')).toEqual([]);
    expect(nameTokens('Limited Liability Company')).toEqual([]);
    expect(nameTokens('')).toEqual([]);
    expect(nameTokens(' ,.;*() ')).toEqual([]);
  });

  it('folds accents, Cyrillic, full-width letters and apostrophes', () => {
    expect(foldText('Société Générale')).toBe('societe generale');
    expect(foldText('Ростех')).toBe('rostekh');
    expect(foldText('ＺＴＥ Ｃｏｒｐ')).toBe('zte corp');
    expect(foldText('AVIC Xi’an')).toBe(foldText("AVIC Xi'an"));
  });

  it('splits Chinese into character pairs after dropping 有限公司', () => {
    expect(nameTokens('华为技术有限公司')).toEqual(['华为', '为技', '技术']);
    expect(nameTokens('华为技术有限公司')).toEqual(nameTokens('华为技术股份有限公司'));
    expect(nameTokens('有限公司')).toEqual(['有限公司'].flatMap((x) => nameTokens(x)));
  });

  it('cuts a huge name instead of working on all of it', () => {
    const huge = 'Alpha '.repeat(100_000);
    const started = performance.now();
    expect(foldText(huge).length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(nameTokens(huge).length).toBeLessThan(100);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('parseListedName', () => {
  it('takes an acronym in trailing brackets as an alias', () => {
    expect(parseListedName('Academy of Military Medical Sciences (AMMS)')).toEqual({
      name: 'Academy of Military Medical Sciences',
      aliases: ['AMMS'],
      qualifiers: [],
    });
  });

  it('reads former and also-known-as names, and drops a footnote star', () => {
    expect(
      parseListedName('AVIC Airborne Systems Co., Ltd. (formerly China Avionics Systems Co., Ltd.)')
        .aliases,
    ).toEqual(['China Avionics Systems Co., Ltd.']);
    expect(
      parseListedName('Hesai Group (also known as Hesai Technology Co., Ltd.)').aliases,
    ).toEqual(['Hesai Technology Co., Ltd.']);
    expect(parseListedName('360 Security Technology Inc. (Qihoo 360)*')).toMatchObject({
      name: '360 Security Technology Inc.',
      aliases: ['Qihoo 360'],
    });
  });

  it('keeps a place in brackets inside the name as a qualifier, not an alias', () => {
    expect(
      parseListedName('Semiconductor Manufacturing International (Beijing) Corporation'),
    ).toEqual({
      name: 'Semiconductor Manufacturing International (Beijing) Corporation',
      aliases: [],
      qualifiers: ['beijing'],
    });
    expect(parseListedName('China Communications Construction (USA) Co., Ltd.').qualifiers).toEqual(
      ['usa'],
    );
    expect(parseListedName('China Unicom (Hong Kong)').aliases).toEqual([]);
  });

  it('survives unbalanced brackets and brackets only', () => {
    expect(parseListedName('Foo (Bar').name).toBe('Foo (Bar');
    expect(parseListedName('(AMMS)')).toEqual({ name: 'AMMS', aliases: [], qualifiers: [] });
    expect(parseListedName('X ((Y))').name).toBe('X');
  });
});

describe('acronyms and initials', () => {
  it('tells acronyms from ordinary words', () => {
    for (const a of ['AMMS', 'SMIC', 'GTCOM-US', 'M&S', 'CXMT']) expect(isAcronym(a)).toBe(true);
    for (const w of ['Hikvision', 'Beijing', 'A', 'Qihoo 360', ''])
      expect(isAcronym(w)).toBe(false);
  });

  it('reads initials with and without the legal form', () => {
    expect(initialsOf('Academy of Military Medical Sciences')).toEqual(['amms']);
    expect(initialsOf('Yangtze Memory Technologies Co')).toEqual(['ymt', 'ymtc']);
  });
});
