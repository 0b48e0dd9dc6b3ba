/**
 * JSON.parse with errors an editor can act on: "line 3, column 14" instead of a character
 * position (which V8 does not even give for every error: "Unexpected token '}', ... is not
 * valid JSON").
 */

/** The 1-based line and column of a character offset in `text` (CRLF counts as one break). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Whether `prefix` could still begin a valid JSON text (it parses, or only runs out). */
function isOpenPrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    return /end of JSON input/.test(message) || Number(position?.[1]) >= prefix.length;
  }
}

/**
 * The offset of the first character that makes `text` invalid: the longest prefix that could
 * still be the start of a JSON text ends there (that property only shrinks as prefixes grow).
 */
function errorOffset(text: string): number {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (isOpenPrefix(text.slice(0, middle))) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A JSON syntax error with the line and column (1-based) where the text goes wrong. */
export class JsonSyntaxError extends SyntaxError {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

/** Parses JSON; a syntax error is a JsonSyntaxError naming its line and column. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message
      .replace(/ at position \d+.*$/s, '')
      .replace(/ in JSON$/, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    const { line, column } = lineAndColumn(text, errorOffset(text));
    throw new JsonSyntaxError(line, column, reason);
  }
}
