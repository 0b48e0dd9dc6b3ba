/** Runs GraphQL operations through yoga.fetch (no port) against the real database. */
import type { ExecutionResult } from 'graphql';
import { createThreadlineServer } from '../../server/create-server';
import type { Database } from '../../server/neo4j/database';

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export type Result<T> = Omit<ExecutionResult<T>, 'errors'> & { errors?: GraphQLErrorShape[] };

export function graphqlClient(db: Database) {
  const { yoga } = createThreadlineServer(db, { introspection: true });
  return async function execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Result<T>> {
    const response = await yoga.fetch('http://threadline/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Result<T>;
  };
}

/** The data of a result that must have no errors; fails the test with the errors otherwise. */
export function dataOf<T>(result: Result<T>): T {
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}
