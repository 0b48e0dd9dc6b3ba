/**
 * Variables that do not fit their declared types ("Variable "$n" got invalid value …") are
 * refused by the executor before anything runs, with no `extensions.code`. Give them the code
 * every other input error carries, so clients can tell bad input from a server fault.
 */
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function useVariableErrorCodes(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result }) {
          // Variable coercion fails before execution: the result has no `data` at all and its
          // errors point at no field (a resolver's error always has a path).
          if (Symbol.asyncIterator in result || 'data' in result) return;
          for (const error of (result.errors ?? []) as GraphQLError[]) {
            if (error.path) continue;
            const extensions = error.extensions as Record<string, unknown>;
            extensions.code ??= 'BAD_USER_INPUT';
          }
        },
      };
    },
  };
}
