/**
 * Where an import reads its bytes from: a local file or an http(s) URL, opened afresh for each
 * pass (a mapping's constants and FollowTheMoney's two passes read the input twice). A URL is
 * streamed, never downloaded whole; a connection that drops mid-file raises `InputInterrupted`,
 * which a re-run fixes. Files that are not text (XLSX, ZIP, PDF, ...) are refused on their first
 * bytes with one sentence that says to export CSV.
 */
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

/** A problem with the input as a whole (missing file, bad mapping): nothing was written. */
export class ImportInputError extends Error {}

/** The input stopped before its end (a dropped connection): re-running the import completes it. */
export class InputInterrupted extends Error {}

export interface OpenedInput {
  chunks: AsyncIterable<Uint8Array>;
  /** Total bytes when known (a file, or a response with Content-Length). */
  size: number | null;
}

export interface ImportInput {
  /** The file path or URL as given. */
  location: string;
  /** The last part of the path, for `createdBy` and the .tsv default. */
  name: string;
  isUrl: boolean;
  open(): Promise<OpenedInput>;
}

const CHUNK_BYTES = 64 * 1024;

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

function fileInput(file: string): ImportInput {
  return {
    location: file,
    name: path.basename(file),
    isUrl: false,
    async open() {
      let size: number;
      try {
        const stat = statSync(file);
        if (!stat.isFile()) throw new Error('not a file');
        size = stat.size;
      } catch {
        throw new ImportInputError(`Cannot read the data file ${file}: it does not exist.`);
      }
      return { chunks: createReadStream(file, { highWaterMark: CHUNK_BYTES }), size };
    },
  };
}

async function* responseChunks(url: string, body: ReadableStream<Uint8Array>, size: number | null) {
  let received = 0;
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      yield chunk;
    }
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new InputInterrupted(
      `The download of ${url} stopped after ${received.toLocaleString('en')} bytes (${cause}).`,
    );
  }
  if (size !== null && received < size) {
    throw new InputInterrupted(
      `The download of ${url} stopped after ${received.toLocaleString('en')} of ${size.toLocaleString('en')} bytes.`,
    );
  }
}

function urlInput(url: string): ImportInput {
  const name = path.basename(new URL(url).pathname) || 'download';
  return {
    location: url,
    name,
    isUrl: true,
    async open() {
      let response: Response;
      try {
        response = await fetch(url, { redirect: 'follow' });
      } catch (error) {
        const cause = (error as Error & { cause?: Error }).cause?.message;
        throw new InputInterrupted(`Cannot download ${url}: ${cause ?? (error as Error).message}.`);
      }
      if (!response.ok || !response.body) {
        // A missing file is the input's fault; a server error may pass, so a re-run can help.
        const message = `Cannot download ${url}: the server answered ${response.status} ${response.statusText}.`;
        await response.body?.cancel();
        throw response.status >= 500
          ? new InputInterrupted(message)
          : new ImportInputError(message);
      }
      const length = Number(response.headers.get('content-length'));
      const size = Number.isFinite(length) && length > 0 ? length : null;
      return { chunks: responseChunks(url, response.body, size), size };
    },
  };
}

export function importInput(location: string): ImportInput {
  if (isUrl(location)) {
    try {
      new URL(location);
    } catch {
      throw new ImportInputError(`${location} is not a valid URL.`);
    }
    return urlInput(location);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new ImportInputError(
      `Cannot import from ${location}: only local files and http(s) URLs are supported.`,
    );
  }
  return fileInput(location);
}

const SIGNATURES: [bytes: number[], what: string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an XLSX or ODS spreadsheet, or other zipped files)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an Office document (an old XLS spreadsheet?)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0xff, 0xfe], 'UTF-16 text'],
  [[0xfe, 0xff], 'UTF-16 text'],
];

/** Why the first bytes of an input show it is not a text file, or null. */
export function binaryKind(head: Uint8Array): string | null {
  for (const [bytes, what] of SIGNATURES) {
    if (bytes.every((b, i) => head[i] === b)) return what;
  }
  // Text never holds NUL bytes; binary data almost always does within its first kilobytes.
  if (head.includes(0)) return 'a binary file';
  return null;
}

export function notTextMessage(name: string, what: string): string {
  return `${name} is ${what}, not a CSV or JSON lines file: open it in the program that made it and export it as CSV (UTF-8).`;
}

/**
 * The input's text, decoded with a WHATWG encoding label, refusing binary files on their first
 * bytes; `onBytes` sees the bytes read so far and the total when known.
 */
export async function* decodedText(
  input: ImportInput,
  label: string,
  onBytes?: (bytes: number, total: number | null) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(label);
  const { chunks, size } = await input.open();
  let bytes = 0;
  for await (const chunk of chunks) {
    if (bytes === 0) {
      const binary = binaryKind(chunk);
      if (binary) throw new ImportInputError(notTextMessage(input.name, binary));
    }
    bytes += chunk.byteLength;
    onBytes?.(bytes, size);
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** The input as a stream of UTF-8 text, for line readers. */
export function textStream(
  input: ImportInput,
  onBytes?: (bytes: number, total: number | null) => void,
): Readable {
  return Readable.from(decodedText(input, 'utf-8', onBytes));
}
