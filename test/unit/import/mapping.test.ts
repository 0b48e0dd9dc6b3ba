import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkColumns,
  MappingError,
  parseFtmMapping,
  parseMapping,
} from '../../../server/import/mapping';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8'));

function problemsOf(raw: unknown): string[] {
  try {
    parseMapping(raw);
  } catch (error) {
    if (error instanceof MappingError) return error.problems;
    throw error;
  }
  return [];
}

describe('CSV mapping validation', () => {
  it('accepts the committed mappings', () => {
    expect(problemsOf(fixture('registry.mapping.json'))).toEqual([]);
    const dod = JSON.parse(
      readFileSync(
        new URL('../../../docs/datasets/us-dod-chinese-milcorps.mapping.json', import.meta.url),
        'utf8',
      ),
    );
    expect(problemsOf(dod)).toEqual([]);
  });

  it('names every problem with its place in the mapping and what is allowed', () => {
    const raw = fixture('registry.mapping.json');
    raw.dataset.source.licence = undefined;
    raw.entities.owner.kind = { value: 'Vessel' };
    raw.links[0].type = { value: 'KNOWS' };
    raw.links[0].to = 'nobody';
    raw.links[1].status = { value: 'rumoured' };
    raw.entities.company.properties = { birthDate: 'Since' };
    const problems = problemsOf(raw);
    expect(problems).toEqual(
      expect.arrayContaining([
        'dataset.source.licence: is required',
        expect.stringMatching(
          /^entities\.owner\.kind: unknown kind "Vessel"; allowed: Person, Company/,
        ),
        expect.stringMatching(/^links\[0\]\.type: unknown link type "KNOWS"; allowed: FOUNDED/),
        expect.stringMatching(/^links\[0\]\.to: names no entity of this mapping \("nobody"\)/),
        expect.stringMatching(/^links\[1\]\.status: unknown status "rumoured"/),
        expect.stringMatching(/^entities\.company\.properties\.birthDate: is not a property here/),
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('refuses constants without evidence quoted from the file', () => {
    const raw = fixture('registry.mapping.json');
    raw.constants.entities.watchlist.evidence = [];
    expect(problemsOf(raw)).toEqual([
      expect.stringMatching(/^constants\.entities\.watchlist\.evidence: needs at least one/),
    ]);
  });

  it('lists the mapped columns a file lacks, with the columns it has', () => {
    const mapping = parseMapping(fixture('registry.mapping.json'));
    expect(() => checkColumns(mapping, ['Owner', 'Company'])).toThrow(
      /column "Owner type" is not in the file; its columns are: Owner, Company/,
    );
  });

  it('names the column a misspelt one probably meant', () => {
    const mapping = parseMapping(fixture('registry.mapping.json'));
    const header = [
      'Owner',
      'Owner Type',
      'Owner aliases',
      'Owner country',
      'Company',
      'Share',
    ].concat(['Since', 'Listed', 'Delisted', 'Status', 'Reason', 'Document']);
    expect(() => checkColumns(mapping, header)).toThrow(
      /column "Owner type" is not in the file; did you mean "Owner Type"\? Its columns are: Owner, Owner Type/,
    );
  });

  it('needs a dataset source and an id prefix for FollowTheMoney', () => {
    expect(() => parseFtmMapping({ dataset: {} })).toThrow(MappingError);
    expect(parseFtmMapping(fixture('ftm.mapping.json')).idPrefix).toBe('fixture-ftm:');
  });
});
