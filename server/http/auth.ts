/**
 * Bearer tokens from configuration: who is calling, and whether they may read or write.
 * Writes always need a write token; reads are public unless THREADLINE_READS_REQUIRE_TOKEN is on.
 * A token that is sent but unknown is refused even for a public read, so a client learns at once
 * that its token is wrong instead of silently working without it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AccessSettings, NamedToken } from '../config';
import { userError } from '../errors';

/** Who is calling. `name` is what writes record as their author. */
export type Viewer =
  | { role: 'anonymous'; name: null }
  | { role: 'invalid'; name: null; problem: string }
  | { role: 'reader'; name: string }
  | { role: 'writer'; name: string };

export interface AccessContext {
  viewer: Viewer;
}

const ANONYMOUS: Viewer = { role: 'anonymous', name: null };

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Returns the viewer for an Authorization header. Every configured token is compared, in
 * constant time over equal-length digests, so timing reveals neither which token matched nor
 * how much of one did.
 */
export function createViewerResolver(access: AccessSettings): (header: string | null) => Viewer {
  const known = [
    ...access.writeTokens.map((t) => ({ ...t, role: 'writer' as const, hash: digest(t.token) })),
    ...access.readTokens.map((t) => ({ ...t, role: 'reader' as const, hash: digest(t.token) })),
  ];
  return (header) => {
    if (header === null || header.trim() === '') return ANONYMOUS;
    const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
    if (!match?.[1]) {
      return {
        role: 'invalid',
        name: null,
        problem: 'The Authorization header must be "Bearer <token>".',
      };
    }
    const candidate = digest(match[1]);
    let found: (NamedToken & { role: 'writer' | 'reader' }) | null = null;
    for (const entry of known) {
      // No early exit: the loop takes as long whichever entry matches.
      if (timingSafeEqual(candidate, entry.hash) && found === null) found = entry;
    }
    if (!found) return { role: 'invalid', name: null, problem: 'The bearer token is not valid.' };
    return { role: found.role, name: found.name };
  };
}

function unauthenticated(message: string): GraphQLError {
  return userError('UNAUTHENTICATED', message, {
    http: { status: 401, headers: { 'www-authenticate': 'Bearer realm="threadline"' } },
  });
}

function forbidden(message: string): GraphQLError {
  return userError('FORBIDDEN', message, { http: { status: 403 } });
}

/** The refusal for an operation, or null when the viewer may run it. */
export function accessProblem(
  viewer: Viewer,
  operation: 'query' | 'mutation' | 'subscription',
  access: AccessSettings,
): GraphQLError | null {
  if (viewer.role === 'invalid') return unauthenticated(viewer.problem);
  if (operation === 'mutation') {
    if (viewer.role === 'writer') return null;
    if (viewer.role === 'reader') {
      return forbidden(
        `The token "${viewer.name}" may read but not write; writes need a write token.`,
      );
    }
    return unauthenticated(
      access.writeTokens.length === 0
        ? 'Writes are turned off on this server: no write tokens are configured (THREADLINE_WRITE_TOKENS).'
        : 'Writes need a write token: send "Authorization: Bearer <token>".',
    );
  }
  if (access.readsRequireToken && viewer.role === 'anonymous') {
    return unauthenticated(
      'This server requires a token for reads: send "Authorization: Bearer <token>".',
    );
  }
  return null;
}

/**
 * Puts the viewer into the GraphQL context and refuses operations the viewer may not run
 * before any resolver executes.
 */
export function useAccessControl(access: AccessSettings): Plugin<AccessContext> {
  const resolveViewer = createViewerResolver(access);
  return {
    onContextBuilding({ context, extendContext }) {
      const request = (context as { request?: Request }).request;
      extendContext({ viewer: resolveViewer(request?.headers.get('authorization') ?? null) });
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      const viewer = (args.contextValue as Partial<AccessContext>).viewer ?? ANONYMOUS;
      const problem = accessProblem(viewer, operation?.operation ?? 'query', access);
      if (problem) setResultAndStopExecution({ errors: [problem] });
    },
  };
}

/** The author name for a write; resolvers call it as a second line of defence. */
export function requireWriter(context: Partial<AccessContext>): string {
  const viewer = context.viewer;
  if (viewer?.role !== 'writer') throw unauthenticated('Writes need a write token.');
  return viewer.name;
}
