/**
 * The errors a client may see. Each carries a stable `extensions.code`; anything else that
 * escapes a resolver is masked by graphql-yoga as "Unexpected error.".
 */
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'SERVICE_UNAVAILABLE'
  | 'QUERY_TIMEOUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'ANALYTICS_UNAVAILABLE';

export function userError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export function badInput(argument: string, message: string): GraphQLError {
  return userError('BAD_USER_INPUT', `Argument "${argument}": ${message}`, { argument });
}

export function notFound(what: string, id: string): GraphQLError {
  return userError('NOT_FOUND', `No ${what} with id "${id}".`, { id });
}
