/**
 * What keeps one client from hurting the server or the browser of another: GraphQL Armor limits
 * sized for this schema, a request body cap, the CORS allowlist and the security headers (with a
 * content security policy) on every response. Host checks and rate limits come earlier, in
 * front-door.ts.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { type GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createGraphQLError, type Plugin, type YogaServerOptions } from 'graphql-yoga';

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

/**
 * Armor's refusals are thrown from validation as "Syntax Error: …" with no code, and so were
 * answered 200 even to clients that accept application/graphql-response+json. Make them read
 * like every other validation error: a code, the plain message, and 400 where the
 * GraphQL-over-HTTP spec asks for it (yoga answers `spec` statuses 200 under application/json).
 */
const tagTooComplex = [
  (_context: unknown, error: GraphQLError) => {
    error.message = error.message.replace(/^Syntax Error: /, '');
    const extensions = error.extensions as Record<string, unknown>;
    extensions.code = 'QUERY_TOO_COMPLEX';
    extensions.http = { spec: true, status: 400 };
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
    // Armor leaves __typename out by default; a thousand aliases of it are work all the same.
    maxAliases: { n: ARMOR_LIMITS.maxAliases, allowList: [], ...common },
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
 * The security headers, with the content security policy that fits what the answer carries.
 * `graphiqlCsp` gives GraphiQL's (graphiql-page.ts), which depends on the rendered page; it is
 * passed only for answers on /graphql.
 */
export function securityHeaders(
  contentType: string | null,
  graphiqlCsp?: () => string,
): Record<string, string> {
  const isHtml = contentType?.includes('text/html') ?? false;
  const csp = isHtml && graphiqlCsp ? graphiqlCsp() : isHtml ? CLIENT_CSP : API_CSP;
  return { ...SECURITY_HEADERS, 'content-security-policy': csp };
}

/** Adds the security headers to every response yoga makes. */
export function useSecurityHeaders(graphiqlCsp: () => string): Plugin {
  return {
    onResponse({ request, response }) {
      const isGraphiQL = new URL(request.url).pathname.startsWith('/graphql');
      const headers = securityHeaders(
        response.headers.get('content-type'),
        isGraphiQL ? graphiqlCsp : undefined,
      );
      for (const [name, value] of Object.entries(headers)) {
        if (name === 'content-security-policy' || !response.headers.has(name)) {
          response.headers.set(name, value);
        }
      }
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
