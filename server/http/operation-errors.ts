/**
 * Requests the executor refuses before anything runs carry no `extensions.code`: variables that
 * do not fit their declared types ("Variable "$n" got invalid value …") and operations the
 * schema cannot run (a subscription). Give them the code every other input error carries, so
 * clients can tell bad input from a server fault.
 */
import type { ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function tagRefusals(result: ExecutionResult | AsyncIterable<unknown>): void {
  // Refused before execution: the result has no `data` at all and its errors point at no field
  // (a resolver's error always has a path).
  if (Symbol.asyncIterator in result || 'data' in result) return;
  for (const error of (result.errors ?? []) as GraphQLError[]) {
    if (error.path) continue;
    const extensions = error.extensions as Record<string, unknown>;
    extensions.code ??= 'BAD_USER_INPUT';
  }
}

export function useOperationErrorCodes(): Plugin {
  return {
    onExecute: () => ({ onExecuteDone: ({ result }) => tagRefusals(result) }),
    onSubscribe: () => ({ onSubscribeResult: ({ result }) => tagRefusals(result) }),
  };
}
