import { buildSchema, execute, type GraphQLResolveInfo, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../../server/graphql/load-type-defs';
import { nestedLinksArguments } from '../../../server/graphql/lookahead';

const schema = buildSchema(loadTypeDefs().join('\n'));
const person = { id: 'p', name: 'P', kind: 'Person', citations: [] };
const link = { id: 'l', type: 'OWNS', status: 'ASSERTED', citations: [] };

/** What the look-ahead sees from the outermost `links` field of `query`. */
function lookaheadOf(query: string, variables: Record<string, unknown> = {}) {
  const seen: (Record<string, unknown> | null)[] = [];
  const result = execute({
    schema,
    document: parse(query),
    variableValues: variables,
    typeResolver: () => 'Person',
    fieldResolver: (source, _args, _context, info: GraphQLResolveInfo) => {
      switch (info.fieldName) {
        case 'entity':
        case 'from':
        case 'to':
          return person;
        case 'links':
          if (info.path.prev?.key === 'entity') seen.push(nestedLinksArguments(info));
          return [link];
        default:
          return (source as Record<string, unknown>)[info.fieldName] ?? null;
      }
    },
  });
  expect((result as { errors?: unknown }).errors).toBeUndefined();
  return seen[0];
}

describe('nested links look-ahead', () => {
  it('finds the inner links arguments, with defaults and variables applied', () => {
    expect(
      lookaheadOf(
        'query ($n: Int) { entity(id: "p") { links { to { links(types: [OWNS], first: $n) { id } } } } }',
        { n: 7 },
      ),
    ).toEqual({ types: ['OWNS'], first: 7, direction: 'BOTH' });
  });

  it('looks through fragments and inline fragments, on both ends', () => {
    expect(
      lookaheadOf(`{ entity(id: "p") { links { ...Ends } } }
        fragment Ends on Link { from { ... on Person { links(direction: OUTGOING) { id } } }
                                to { ...Inner } }
        fragment Inner on Entity { links(direction: OUTGOING) { type } }`),
    ).toEqual({ direction: 'OUTGOING', first: 50 });
  });

  it('gives nothing when there is no inner links, or two different ones', () => {
    expect(lookaheadOf('{ entity(id: "p") { links { to { name } } } }')).toBeNull();
    expect(
      lookaheadOf(
        '{ entity(id: "p") { links { to { a: links(first: 1) { id } b: links(first: 2) { id } } } } }',
      ),
    ).toBeNull();
  });
});
