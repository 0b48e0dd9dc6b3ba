/**
 * Builds the Threadline HTTP application: GraphQL at /graphql (with GraphiQL), /health, and the
 * built client at /. `server` is a Node HTTP server that does not listen yet; `main.ts` starts
 * it. Tests of the GraphQL layer alone call `yoga.fetch(...)`, which skips the front door.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { type Config, loadConfig } from './config';
import { createContext, type GraphQLContext } from './graphql/context';
import { EXAMPLE_OPERATIONS } from './graphql/example-query';
import { loadTypeDefs } from './graphql/load-type-defs';
import { resolvers } from './graphql/resolvers';
import { useAccessControl } from './http/auth';
import { createHttpServer } from './http/front-door';
import { createGraphiQLPage } from './http/graphiql-page';
import { useQueryCost } from './http/query-cost';
import {
  corsOptions,
  useArmor,
  useBodyLimit,
  useIntrospection,
  useSecurityHeaders,
} from './http/security';
import { useVariableErrorCodes } from './http/variable-errors';
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
      useBodyLimit(http.maxBodyBytes),
      useArmor(),
      useIntrospection(options.introspection),
      useAccessControl(access),
      useQueryCost(),
      useVariableErrorCodes(),
    ],
  });
  // Host checks, routing, rate limits and static files happen in front of yoga (front-door.ts).
  const server = createHttpServer({ yoga, db, settings: http });
  return { yoga, schema, server };
}
