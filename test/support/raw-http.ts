/**
 * Sends HTTP/1.1 requests byte for byte over a TCP socket, for requests `fetch` will not send
 * (a foreign Host, an absolute-form target, `OPTIONS *`, a broken request line).
 */
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
  /** Everything the server sent, for assertions about what must never appear in it. */
  raw: string;
}

function decodeChunked(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) return out;
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (!Number.isFinite(size) || size === 0) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

export function parseRawResponse(raw: string): RawResponse {
  const headEnd = raw.indexOf('\r\n\r\n');
  const head = headEnd < 0 ? raw : raw.slice(0, headEnd);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rawBody = headEnd < 0 ? '' : raw.slice(headEnd + 4);
  const body = headers['transfer-encoding'] === 'chunked' ? decodeChunked(rawBody) : rawBody;
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body, raw };
}

/** Writes `text` to 127.0.0.1:port and reads until the server closes (or `timeoutMs`). */
export function sendRaw(port: number, text: string, timeoutMs = 5_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `no complete answer within ${timeoutMs} ms to ${JSON.stringify(text.slice(0, 80))}`,
        ),
      );
    }, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseRawResponse(Buffer.concat(chunks).toString('utf8')));
    });
    socket.write(text);
  });
}

/** A complete request with `Connection: close`, so the server ends the socket after answering. */
export function rawRequest(
  port: number,
  options: {
    method?: string;
    target?: string;
    host?: string | null;
    headers?: Record<string, string>;
    body?: string;
  },
): Promise<RawResponse> {
  const method = options.method ?? 'GET';
  const lines = [`${method} ${options.target ?? '/'} HTTP/1.1`];
  if (options.host !== null) lines.push(`Host: ${options.host ?? `127.0.0.1:${port}`}`);
  for (const [name, value] of Object.entries(options.headers ?? {}))
    lines.push(`${name}: ${value}`);
  if (options.body !== undefined) {
    lines.push('Content-Type: application/json');
    lines.push(`Content-Length: ${Buffer.byteLength(options.body)}`);
  }
  lines.push('Connection: close');
  return sendRaw(port, `${lines.join('\r\n')}\r\n\r\n${options.body ?? ''}`);
}
