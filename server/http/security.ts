/**
 * What keeps one client from hurting the server or the browser of another: GraphQL Armor limits
 * sized for this schema, a request body cap, a per-client rate limit, the CORS allowlist and the
 * security headers (with a content security policy) on every response.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { type GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createGraphQLError, type Plugin, type YogaServerOptions } from 'graphql-yoga';
import type { HttpSecuritySettings } from '../config';
import { createRateLimiter } from './rate-limit';

/**
 * Limits for parsing and validation. The deepest query a client needs is a path with its
 * evidence (paths.paths.links.citations.source.title, depth 6) or an entity's links' ends'
 * links (entity.links.to.links.to.name, depth 6); 8 leaves two more. Fragments and spreads
 * are flattened (not counted as levels), so clients may factor their selections freely. How
 * much a query may fan out is limited separately, with variables known (query-cost.ts).
 */
export const ARMOR_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  /** The full introspection query is about 190 tokens; an upsert with citations about 150. */
  maxTokens: 2000,
  /** The schema defines no directives of its own; @include/@skip need a handful at most. */
  maxDirectives: 10,
} as const;

/** Armor's refusals carry no code of their own; give them one clients can act on. */
const tagTooComplex = [
  (_context: unknown, error: GraphQLError) => {
    (error.extensions as Record<string, unknown>).code = 'QUERY_TOO_COMPLEX';
  },
];

export function useArmor(): Plugin {
  const common = { exposeLimits: true, onReject: tagTooComplex };
  return EnvelopArmorPlugin({
    maxDepth: {
      n: ARMOR_LIMITS.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...common,
    },
    // Replaced by useQueryCost: Armor's cost reads only literal `first` values.
    costLimit: { enabled: false },
    maxAliases: { n: ARMOR_LIMITS.maxAliases, ...common },
    maxTokens: { n: ARMOR_LIMITS.maxTokens, ...common },
    maxDirectives: { n: ARMOR_LIMITS.maxDirectives, ...common },
    // Suggestions ("did you mean ...?") are harmless with introspection on; keep them then.
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
}

/** THREADLINE_INTROSPECTION=false refuses __schema and __type (and GraphiQL is not served). */
export function useIntrospection(enabled: boolean): Plugin {
  if (enabled) return {};
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/** A response in GraphQL's error shape for refusals made before GraphQL runs. */
function refusal(
  fetchAPI: { Response: typeof Response },
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** The client's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientAddress(
  request: Request,
  serverContext: unknown,
  trustProxy: boolean,
): string | null {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const req = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? null;
}

/**
 * Refuses a client that exceeds its rate with 429 and Retry-After. Requests that come from no
 * socket (in-process `yoga.fetch`, as tests do) have no address and are not limited.
 */
export function useRateLimit(settings: HttpSecuritySettings): Plugin {
  const limiter = createRateLimiter(settings.rateLimitPerSecond, settings.rateLimitBurst);
  return {
    onRequest({ request, url, serverContext, fetchAPI, endResponse }) {
      if (!url.pathname.startsWith('/graphql') && url.pathname !== '/health') return;
      const address = clientAddress(request, serverContext, settings.trustProxy);
      if (address === null) return;
      const decision = limiter.take(address);
      if (decision.allowed) return;
      endResponse(
        refusal(
          fetchAPI,
          429,
          'RATE_LIMITED',
          `Too many requests from ${address}: at most ${settings.rateLimitPerSecond} per second (bursts of ${settings.rateLimitBurst}). Retry after ${decision.retryAfterSeconds} s.`,
          { 'retry-after': String(decision.retryAfterSeconds) },
        ),
      );
    },
  };
}

function payloadTooLarge(maxBytes: number) {
  return createGraphQLError(
    `The request body is larger than the server accepts (${maxBytes} bytes).`,
    { extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } } },
  );
}

/** Reads a body stream, giving up as soon as it passes `maxBytes`. */
async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Caps the request body: a declared Content-Length over the cap is refused unread; a body
 * without one (chunked) is read up to the cap and refused as soon as it passes it.
 */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (!requestParser || request.method === 'GET' || request.method === 'HEAD') return;
      const declared = Number(request.headers.get('content-length') ?? Number.NaN);
      if (declared > maxBytes) {
        setRequestParser(() => {
          throw payloadTooLarge(maxBytes);
        });
        return;
      }
      // Node's HTTP parser delivers no more than a declared Content-Length, so only bodies
      // without one (chunked) need counting; copying every request cost time on each one.
      if (Number.isFinite(declared)) return;
      setRequestParser(async (incoming) => {
        const body = await readCapped(incoming, maxBytes);
        const copy = new fetchAPI.Request(incoming.url, {
          method: incoming.method,
          headers: incoming.headers,
          body,
        });
        return requestParser(copy);
      });
    },
  };
}

// The client bundle loads nothing from elsewhere; Cytoscape draws on a canvas and sets
// element styles through the CSSOM, which `style-src 'self'` does not block.
const CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// JSON answers are never rendered as documents.
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/**
 * Adds the security headers to every response, and the CSP that fits what it carries;
 * `graphiqlCsp` gives GraphiQL's (graphiql-page.ts), which depends on the rendered page.
 */
export function useSecurityHeaders(graphiqlCsp: () => string): Plugin {
  return {
    onResponse({ request, response }) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        if (!response.headers.has(name)) response.headers.set(name, value);
      }
      const isHtml = response.headers.get('content-type')?.includes('text/html') ?? false;
      const isGraphiQL = isHtml && new URL(request.url).pathname.startsWith('/graphql');
      const csp = isGraphiQL ? graphiqlCsp() : isHtml ? CLIENT_CSP : API_CSP;
      response.headers.set('content-security-policy', csp);
      // CORS answers differ by Origin; shared caches must not hand one origin's to another.
      if (response.headers.has('access-control-allow-origin')) {
        response.headers.append('vary', 'Origin');
      }
    },
  };
}

/**
 * graphql-yoga's CORS option: no cross-origin access unless origins are configured, and then
 * CORS headers only for those origins (others get none, not even a mismatching one).
 */
export function corsOptions(origins: readonly string[]): YogaServerOptions<object, object>['cors'] {
  if (origins.length === 0) return false;
  const anyOrigin = origins.includes('*');
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !(anyOrigin || origins.includes(origin))) return false;
    return {
      origin: [origin],
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization'],
      credentials: false,
      maxAge: 600,
    };
  };
}
