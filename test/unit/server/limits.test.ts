/**
 * The SDL writes argument defaults out for clients; server/model/limits.ts is where they are
 * decided. This fails when the two drift apart, or when an integer argument with a default has
 * no limit at all.
 */
import { type GraphQLArgument, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_HOPS } from '../../../client/src/state/url-state';
import { createThreadlineSchema } from '../../../server/create-server';
import { ARGUMENT_LIMITS } from '../../../server/model/limits';

function intArgumentsWithDefaults(): { coordinate: string; argument: GraphQLArgument }[] {
  const found: { coordinate: string; argument: GraphQLArgument }[] = [];
  for (const type of Object.values(createThreadlineSchema().getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      for (const argument of field.args) {
        if (String(argument.type) === 'Int' && argument.defaultValue !== undefined) {
          found.push({ coordinate: `${type.name}.${field.name}.${argument.name}`, argument });
        }
      }
    }
  }
  return found;
}

function limitFor(coordinate: string) {
  const [, field, argument] = coordinate.split('.');
  return ARGUMENT_LIMITS[coordinate] ?? ARGUMENT_LIMITS[`*.${field}.${argument}`];
}

describe('argument defaults', () => {
  it('in the SDL equal those in server/model/limits.ts', () => {
    const found = intArgumentsWithDefaults();
    expect(found.length).toBeGreaterThan(10);
    for (const { coordinate, argument } of found) {
      const limit = limitFor(coordinate);
      expect(limit, `${coordinate} has a default but no entry in ARGUMENT_LIMITS`).toBeDefined();
      expect(argument.defaultValue, coordinate).toBe(limit?.default);
    }
  });

  it('every entry of ARGUMENT_LIMITS names an argument the schema has', () => {
    const coordinates = intArgumentsWithDefaults().map((f) => f.coordinate);
    for (const key of Object.keys(ARGUMENT_LIMITS)) {
      const pattern = new RegExp(`^${key.replaceAll('.', '\\.').replace('*', '[A-Za-z]+')}$`);
      expect(
        coordinates.some((c) => pattern.test(c)),
        key,
      ).toBe(true);
    }
  });

  it('the client offers the server’s maxHops range and default', () => {
    expect(MAX_HOPS).toBe(ARGUMENT_LIMITS['Query.paths.maxHops']);
  });
});
