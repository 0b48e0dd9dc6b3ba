/**
 * Errors below the GraphQL layer are domain errors; the resolver boundary (withDomainErrors) is
 * the one place that gives them a GraphQL code.
 */
import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toGraphQLError, withDomainErrors } from '../../../server/errors';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  TimeoutError,
  UnavailableError,
} from '../../../server/model/domain-errors';
import { mapDriverError } from '../../../server/neo4j/database';

describe('the database wrapper', () => {
  it('turns an outage and a timeout into domain errors, not GraphQL errors', () => {
    const gone = mapDriverError(new Neo4jError('connection refused', 'ServiceUnavailable', '', ''));
    expect(gone).toBeInstanceOf(UnavailableError);
    expect(gone).not.toBeInstanceOf(GraphQLError);
    const slow = mapDriverError(
      new Neo4jError(
        'too slow',
        'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
        '',
        '',
      ),
    );
    expect(slow).toBeInstanceOf(TimeoutError);
    const other = new Neo4jError('syntax', 'Neo.ClientError.Statement.SyntaxError', '', '');
    expect(mapDriverError(other)).toBe(other);
  });
});

describe('toGraphQLError', () => {
  it('gives each kind its code, and input errors the argument they name', () => {
    const input = toGraphQLError(
      new InvalidInputError('input.citations[0].excerpt', 'must not be empty.'),
    );
    expect(input.message).toBe('Argument "input.citations[0].excerpt": must not be empty.');
    expect(input.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.citations[0].excerpt',
    });
    expect(toGraphQLError(new NotFoundError('link', 'link:x')).extensions).toEqual({
      code: 'NOT_FOUND',
      id: 'link:x',
    });
    const merged = toGraphQLError(
      new ConflictError('"a" was merged into "b".', { mergedInto: 'b' }),
    );
    expect(merged.extensions).toEqual({ code: 'CONFLICT', mergedInto: 'b' });
    expect(toGraphQLError(new UnavailableError()).extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(toGraphQLError(new TimeoutError()).extensions.code).toBe('QUERY_TIMEOUT');
  });
});

describe('withDomainErrors', () => {
  const resolvers = withDomainErrors({
    Query: {
      sync: () => {
        throw new NotFoundError('entity', 'x');
      },
      async: async () => {
        throw new UnavailableError();
      },
      other: () => {
        throw new Error('internal');
      },
      fine: () => 42,
    },
    EntityKind: { PERSON: 'Person' },
  });

  it('converts domain errors thrown or rejected by a resolver, and nothing else', async () => {
    expect(() => resolvers.Query.sync()).toThrow(GraphQLError);
    await expect(resolvers.Query.async()).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(() => resolvers.Query.other()).toThrow(/^internal$/);
    expect(() => resolvers.Query.other()).not.toThrow(GraphQLError);
    expect(resolvers.Query.fine()).toBe(42);
    expect(resolvers.EntityKind).toEqual({ PERSON: 'Person' });
  });
});
