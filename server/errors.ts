/**
 * The errors a client may see, on the GraphQL side. Each carries a stable `extensions.code`.
 * Errors below the GraphQL layer are domain errors (server/model/domain-errors.ts);
 * `withDomainErrors` is the one place that turns them into GraphQL errors, at the resolvers.
 * Anything else that escapes a resolver is masked as "Unexpected error." by graphql-yoga.
 */
import { GraphQLError } from 'graphql';
import { DomainError, type DomainErrorKind, InvalidInputError } from './model/domain-errors';

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
  | 'ANALYTICS_UNAVAILABLE'
  | 'AREA_TOO_LARGE';

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

const CODES: Record<DomainErrorKind, ErrorCode> = {
  NOT_FOUND: 'NOT_FOUND',
  INVALID_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  TIMEOUT: 'QUERY_TIMEOUT',
  ANALYTICS_UNAVAILABLE: 'ANALYTICS_UNAVAILABLE',
};

/** The GraphQL error for a domain error; graphql-js adds where in the operation it happened. */
export function toGraphQLError(error: DomainError): GraphQLError {
  const input = error instanceof InvalidInputError;
  return new GraphQLError(input ? `Argument "${error.field}": ${error.reason}` : error.message, {
    extensions: {
      code: CODES[error.kind],
      ...(input ? { argument: error.field } : {}),
      ...error.details,
    },
  });
}

type Resolver = (...args: never[]) => unknown;

/** The resolver, throwing the GraphQL form of any domain error it throws or rejects with. */
function convertingDomainErrors<R extends Resolver>(resolve: R): R {
  const convert = (error: unknown) =>
    error instanceof DomainError ? toGraphQLError(error) : error;
  return ((...args: Parameters<R>) => {
    try {
      const result = resolve(...args);
      return result instanceof Promise
        ? result.catch((error: unknown) => {
            throw convert(error);
          })
        : result;
    } catch (error) {
      throw convert(error);
    }
  }) as R;
}

/**
 * The resolver boundary: every field resolver in the map converts domain errors from below into
 * coded GraphQL errors (graphql-js then adds the path). Converted here, before yoga's masking,
 * they are neither masked nor logged as unexpected. Scalars and enum maps pass unchanged.
 */
export function withDomainErrors<T extends Record<string, unknown>>(resolvers: T): T {
  return Object.fromEntries(
    Object.entries(resolvers).map(([typeName, fields]) => {
      if (fields === null || typeof fields !== 'object' || fields.constructor !== Object) {
        return [typeName, fields];
      }
      const wrapped = Object.fromEntries(
        Object.entries(fields as Record<string, unknown>).map(([name, field]) => [
          name,
          typeof field === 'function' ? convertingDomainErrors(field as Resolver) : field,
        ]),
      );
      return [typeName, wrapped];
    }),
  ) as T;
}
