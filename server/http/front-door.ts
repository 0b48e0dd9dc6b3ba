/**
 * The first code every HTTP request meets, before graphql-yoga sees it. In this order it refuses
 * a request target that is not a path, a malformed Host and a Host we do not serve under (DNS
 * rebinding), then routes by exact path, each route through its own rate limit:
 *
 *   /graphql            → graphql-yoga          (the API limit)
 *   /health, /livez     → health checks         (the files limit, more generous)
 *   any other GET/HEAD  → the built client      (the files limit), 404 when there is none
 *   anything else       → 404
 *
 * Yoga matches its endpoint against the end of the whole URL (`/x?/graphql` was served), so
 * only this exact routing decides what reaches it. Every answer made here carries the security
 * headers; so do the answers Node's parser gives to requests it cannot read.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HttpSecuritySettings } from '../config';
import type { Database } from '../neo4j/database';
import { parseHostHeader } from './allowed-hosts';
import { checkHealth } from './health';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { securityHeaders } from './security';
import { readStaticFile } from './static-files';

/** How many times the API's rate the static files and health checks allow: a page load fetches several files. */
export const FILES_RATE_FACTOR = 10;

type NodeListener = (request: IncomingMessage, response: ServerResponse) => unknown;

export interface FrontDoorOptions {
  /** graphql-yoga's Node listener: the yoga instance itself. */
  yoga: NodeListener;
  db: Database;
  settings: HttpSecuritySettings;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** A refusal in GraphQL's error shape, so clients read every error the same way. */
function errorBody(code: string, message: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

function send(
  response: ServerResponse,
  status: number,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  const contentType = headers['content-type'] ?? JSON_TYPE;
  response.writeHead(status, {
    ...securityHeaders(contentType),
    'content-type': contentType,
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(body);
}

function refuse(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  send(response, status, errorBody(code, message), headers);
}

/** The client's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = request.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return request.socket.remoteAddress ?? 'unknown';
}

/** The problem with a request's target and Host, or null when it may go on. */
function requestProblem(
  request: IncomingMessage,
  allowed: ReadonlySet<string>,
): { status: number; code: string; message: string } | null {
  // Absolute-form (`GET http://other/…`) and asterisk-form (`OPTIONS *`) targets name no path
  // here; yoga would build its URL from them and fail with a stack trace.
  if (!request.url?.startsWith('/')) {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      message: 'The request target must be a path such as /graphql.',
    };
  }
  const host = parseHostHeader(request.headers.host);
  if (host === null) {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      message:
        'The Host header is missing or malformed: it must be a host name with an optional port from 1 to 65535.',
    };
  }
  if (!allowed.has(host.name)) {
    return {
      status: 403,
      code: 'HOST_NOT_ALLOWED',
      message: `This server does not answer to the name "${host.name}". Allowed: ${[...allowed].join(', ')}; an operator can add names with THREADLINE_ALLOWED_HOSTS.`,
    };
  }
  return null;
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

async function answerHealth(db: Database, response: ServerResponse): Promise<void> {
  const report = await checkHealth(db);
  send(response, report.status === 'ok' ? 200 : 503, JSON.stringify(report));
}

function answerFile(pathname: string, response: ServerResponse): void {
  const file = readStaticFile(pathname);
  if (!file) {
    refuse(response, 404, 'NOT_FOUND', `Nothing is served at ${pathname}; the API is at /graphql.`);
    return;
  }
  send(response, 200, file.body, {
    'content-type': file.contentType,
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
}

function rateLimited(
  limiter: RateLimiter,
  request: IncomingMessage,
  response: ServerResponse,
  settings: HttpSecuritySettings,
  factor: number,
): boolean {
  const address = clientAddress(request, settings.trustProxy);
  const decision = limiter.take(address);
  if (decision.allowed) return false;
  refuse(
    response,
    429,
    'RATE_LIMITED',
    `Too many requests from ${address}: at most ${settings.rateLimitPerSecond * factor} per second (bursts of ${settings.rateLimitBurst * factor}). Retry after ${decision.retryAfterSeconds} s.`,
    { 'retry-after': String(decision.retryAfterSeconds) },
  );
  return true;
}

/** The Node request listener that stands in front of yoga. */
export function createFrontDoor({ yoga, db, settings }: FrontDoorOptions): NodeListener {
  const allowed = new Set(settings.allowedHosts);
  const api = createRateLimiter(settings.rateLimitPerSecond, settings.rateLimitBurst);
  const files = createRateLimiter(
    settings.rateLimitPerSecond * FILES_RATE_FACTOR,
    settings.rateLimitBurst * FILES_RATE_FACTOR,
  );
  return (request, response) => {
    const problem = requestProblem(request, allowed);
    if (problem) {
      // The body of a refused request is not read; do not keep the connection for the rest.
      refuse(response, problem.status, problem.code, problem.message, { connection: 'close' });
      return;
    }
    const pathname = pathOf(request.url ?? '/');
    if (pathname === '/graphql') {
      if (rateLimited(api, request, response, settings, 1)) return;
      return yoga(request, response);
    }
    if (rateLimited(files, request, response, settings, FILES_RATE_FACTOR)) return;
    if (pathname === '/livez') return yoga(request, response);
    if (pathname === '/health') return answerHealth(db, response);
    if (request.method === 'GET' || request.method === 'HEAD')
      return answerFile(pathname, response);
    refuse(response, 404, 'NOT_FOUND', `Nothing is served at ${pathname}; the API is at /graphql.`);
  };
}

/**
 * Node answers requests its parser cannot read (bad request line, header overflow) itself, with
 * no security headers; this writes the same statuses with them.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const { writable, bytesWritten } = socket as Socket;
  if (error.code !== 'ECONNRESET' && writable && bytesWritten === 0) {
    const [status, reason] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout']
          : [400, 'Bad Request'];
    const body = errorBody(
      'BAD_REQUEST',
      `The server could not read this HTTP request (${reason}).`,
    );
    const headers = {
      ...securityHeaders(JSON_TYPE),
      'content-type': JSON_TYPE,
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n${body}`);
    return;
  }
  socket.destroy();
}

/** An HTTP server (not yet listening) with the front door before yoga. */
export function createHttpServer(options: FrontDoorOptions): Server {
  // A missing Host is refused by the front door, with the security headers Node's own 400 lacks.
  const server = createServer({ requireHostHeader: false }, createFrontDoor(options));
  server.on('clientError', answerClientError);
  return server;
}
