/**
 * A Threadline server with bearer tokens configured, driven through yoga.fetch, for tests of
 * writes and access control. Tokens here are test fixtures, not defaults of the server.
 */
import type { AccessSettings } from '../../server/config';
import { createThreadlineServer, type ThreadlineServerOptions } from '../../server/create-server';
import type { Database } from '../../server/neo4j/database';
import type { Result } from './graphql';

export const TEST_ACCESS: AccessSettings = {
  writeTokens: [{ name: 'curator-ada', token: 'write-token-0123456789abcdef' }],
  readTokens: [{ name: 'reader-bo', token: 'read-token-0123456789abcdef' }],
  readsRequireToken: false,
};

export const WRITE_TOKEN = 'write-token-0123456789abcdef';
export const READ_TOKEN = 'read-token-0123456789abcdef';

export interface Answer<T> {
  status: number;
  body: Result<T>;
  headers: Headers;
}

export function accessClient(db: Database, options: Partial<ThreadlineServerOptions> = {}) {
  const { yoga } = createThreadlineServer(db, {
    introspection: true,
    access: TEST_ACCESS,
    ...options,
  });
  return async function execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token: string | null = WRITE_TOKEN,
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const response = await yoga.fetch('http://threadline/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      body: (await response.json()) as Result<T>,
      headers: response.headers,
    };
  };
}
