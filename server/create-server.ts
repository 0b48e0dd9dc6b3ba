/**
 * Builds the Threadline HTTP application: GraphQL at /graphql (with GraphiQL), /health, and the
 * built client at /. It does not listen; `main.ts` does. Tests call `server.yoga.fetch(...)`.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { type Config, loadConfig } from './config';
import { createContext, type GraphQLContext } from './graphql/context';
import { EXAMPLE_OPERATIONS } from './graphql/example-query';
import { loadTypeDefs } from './graphql/load-type-defs';
import { resolvers } from './graphql/resolvers';
import { useAccessControl } from './http/auth';
import { createGraphiQLPage } from './http/graphiql-page';
import { checkHealth } from './http/health';
import { useQueryCost } from './http/query-cost';
import {
  corsOptions,
  useArmor,
  useBodyLimit,
  useIntrospection,
  useRateLimit,
  useSecurityHeaders,
} from './http/security';
import { readStaticFile } from './http/static-files';
import type { Database } from './neo4j/database';

/** `access` and `http` default to loadConfig({}): read-only, rate-limited, no CORS. */
export type ThreadlineServerOptions = Pick<Config, 'introspection'> &
  Partial<Pick<Config, 'access' | 'http'>>;

export type ThreadlineYoga = YogaServerInstance<Record<string, unknown>, GraphQLContext>;

export function createThreadlineSchema() {
  return makeExecutableSchema<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
}

/** /health and the static client, answered before GraphQL sees the request. */
function useNonGraphQLRoutes(db: Database): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === '/health') {
        const report = await checkHealth(db);
        endResponse(
          new fetchAPI.Response(JSON.stringify(report), {
            status: report.status === 'ok' ? 200 : 503,
            headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          }),
        );
        return;
      }
      if (url.pathname.startsWith('/graphql') || request.method !== 'GET') return;
      const file = readStaticFile(url.pathname);
      if (!file) return;
      endResponse(
        new fetchAPI.Response(new Uint8Array(file.body), {
          headers: {
            'content-type': file.contentType,
            'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          },
        }),
      );
    },
  };
}

export function createThreadlineServer(db: Database, options: ThreadlineServerOptions) {
  const schema = createThreadlineSchema();
  const defaults = loadConfig({});
  const access = options.access ?? defaults.access;
  const http = options.http ?? defaults.http;
  const graphiql = createGraphiQLPage({
    title: 'Threadline',
    defaultTabs: EXAMPLE_OPERATIONS.map(({ query }) => ({ query })),
  });
  const yoga: ThreadlineYoga = createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    context: () => createContext(db),
    graphqlEndpoint: '/graphql',
    // Yoga's own check only says the process is alive; /health (ours) also asks Neo4j.
    healthCheckEndpoint: '/livez',
    landingPage: false,
    graphiql: options.introspection ? graphiql.options : false,
    renderGraphiQL: graphiql.render,
    cors: corsOptions(http.corsOrigins),
    // One operation per request: a batch would multiply every per-request limit.
    batching: false,
    // useBodyLimit enforces our cap; yoga's own (25 MB) piped every body through a
    // TransformStream and built a second Request, about 0.13 ms of each request.
    maxRequestBodySize: false,
    plugins: [
      useSecurityHeaders(graphiql.csp),
      useRateLimit(http),
      useNonGraphQLRoutes(db),
      useBodyLimit(http.maxBodyBytes),
      useArmor(),
      useIntrospection(options.introspection),
      useAccessControl(access),
      useQueryCost(),
    ],
  });
  return { yoga, schema };
}
