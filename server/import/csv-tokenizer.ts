/**
 * Splits CSV text into records, fed in chunks, counting physical lines as an editor shows them:
 * LF, CRLF and a lone CR each end one line, in any mix, inside quoted cells too. Quoting follows
 * RFC 4180 (a cell in double quotes may hold delimiters, line breaks and doubled quotes `""`); a
 * quote inside an unquoted cell is kept as text, as spreadsheets do.
 *
 * A broken quote (text after a closing quote, a quote never closed, a quoted cell running on for
 * more than `maxRecordChars`) makes its record bad, and reading starts again on the line after the
 * one the record started on, so one stray quote costs one row, not the rows after it.
 */

export type CsvEvent =
  | { kind: 'record'; fields: string[]; line: number; endLine: number }
  | { kind: 'blank'; line: number }
  | { kind: 'bad'; line: number; field: number; reason: string };

const QUOTE = 34;
const CR = 13;
const LF = 10;

enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  AfterQuoted,
  /** After a bad record: everything up to the end of its first line is dropped. */
  SkipLine,
}

/** 8 M characters: far above any real cell, small enough to hold while looking for a quote. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;

export class CsvTokenizer {
  private readonly delimiter: number;
  private line = 1;
  private afterCR = false;
  private state = State.FieldStart;
  private fields: string[] = [];
  private field = '';
  private recordLine = 1;
  /** The current record's text from earlier chunks, kept to read it again after a bad quote. */
  private recordText: string[] = [];
  private recordChars = 0;
  private quoteLine = 1;
  private quoteField = 0;
  private events: CsvEvent[] = [];

  constructor(
    delimiter: string,
    private readonly maxRecordChars = MAX_RECORD_CHARS,
  ) {
    if (delimiter.length !== 1) throw new Error(`A delimiter is one character, got "${delimiter}"`);
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(text: string): CsvEvent[] {
    let pending: string | null = text;
    while (pending !== null) pending = this.scan(pending);
    return this.take();
  }

  end(): CsvEvent[] {
    for (;;) {
      if (this.state === State.Quoted) {
        const retry = this.bad(
          '',
          0,
          `a quote opened in cell ${this.quoteField + 1}${this.quoteLine !== this.recordLine ? ` on line ${this.quoteLine}` : ''} is never closed (a stray quote, or the file is cut short)`,
        );
        if (retry !== null) {
          let pending: string | null = retry;
          while (pending !== null) pending = this.scan(pending);
          continue;
        }
      }
      break;
    }
    const started = this.fields.length > 0 || this.state !== State.FieldStart || this.field !== '';
    if (this.state !== State.SkipLine && started) {
      this.fields.push(this.field);
      this.emitRecord();
    }
    return this.take();
  }

  private take(): CsvEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  private emitRecord(): void {
    const fields = this.fields;
    if (fields.length === 1 && fields[0] === '' && this.state === State.FieldStart) {
      this.events.push({ kind: 'blank', line: this.recordLine });
    } else {
      this.events.push({ kind: 'record', fields, line: this.recordLine, endLine: this.line });
    }
    this.fields = [];
    this.field = '';
    this.recordText = [];
    this.recordChars = 0;
  }

  /**
   * Reports the current record as bad and returns the text to read again: everything after the
   * record's first line (`tail` is the unread rest of the current chunk, from `from`).
   */
  private bad(tail: string, from: number, reason: string): string | null {
    this.events.push({ kind: 'bad', line: this.recordLine, field: this.quoteField, reason });
    const text = this.recordText.join('') + tail.slice(from);
    const lineBreak = text.search(/[\r\n]/);
    this.fields = [];
    this.field = '';
    this.recordText = [];
    this.recordChars = 0;
    this.line = this.recordLine;
    if (lineBreak === -1) {
      // The first line goes on in the next chunk: drop it there.
      this.state = State.SkipLine;
      return null;
    }
    this.state = State.FieldStart;
    this.line += 1;
    this.recordLine = this.line;
    const next = text.charCodeAt(lineBreak) === CR && text.charCodeAt(lineBreak + 1) === LF ? 2 : 1;
    this.afterCR = next === 1 && text.charCodeAt(lineBreak) === CR;
    return text.slice(lineBreak + next);
  }

  /** Scans one piece of text; returns text to scan again after a bad record, else null. */
  private scan(text: string): string | null {
    const n = text.length;
    const delimiter = this.delimiter;
    // Where the current record starts in this text (0 when it started in an earlier chunk).
    let recordStart = 0;
    // Where the current cell's unread characters start.
    let segment = 0;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === LF && this.afterCR) {
        // The LF of a CRLF: the CR already ended the line.
        this.afterCR = false;
        i += 1;
        if (this.state !== State.Quoted) {
          segment = i;
          if (this.state === State.FieldStart && this.fields.length === 0) recordStart = i;
        }
        continue;
      }
      this.afterCR = c === CR;
      switch (this.state) {
        case State.SkipLine:
          if (c === CR || c === LF) {
            this.line += 1;
            this.recordLine = this.line;
            this.state = State.FieldStart;
            recordStart = i + 1;
            segment = i + 1;
          }
          i += 1;
          continue;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(segment, i);
            this.state = State.QuoteInQuoted;
            segment = i + 1;
          } else if (c === CR || c === LF) {
            this.line += 1;
          }
          i += 1;
          continue;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            // A doubled quote stands for one quote.
            this.field += '"';
            this.state = State.Quoted;
            segment = i + 1;
            i += 1;
            continue;
          }
          this.state = State.AfterQuoted;
          // The quote closed the cell: read this character again as what follows it.
          this.afterCR = false;
          continue;
        case State.AfterQuoted:
          if (c !== delimiter && c !== CR && c !== LF) {
            const retry = this.bad(
              text,
              recordStart,
              `a quote closes cell ${this.quoteField + 1} and is followed by more text; quote the whole cell and double any quote inside it ("")`,
            );
            return retry;
          }
          break;
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            this.quoteField = this.fields.length;
            segment = i + 1;
            i += 1;
            continue;
          }
          if (c !== delimiter && c !== CR && c !== LF) this.state = State.Unquoted;
          break;
        case State.Unquoted:
          break;
      }
      // Outside quotes: a delimiter ends the cell, a line break the record.
      if (c === delimiter) {
        if (this.state !== State.AfterQuoted) this.field += text.slice(segment, i);
        this.fields.push(this.field);
        this.field = '';
        this.state = State.FieldStart;
        segment = i + 1;
      } else if (c === CR || c === LF) {
        if (this.state !== State.AfterQuoted) this.field += text.slice(segment, i);
        this.fields.push(this.field);
        this.emitRecord();
        this.state = State.FieldStart;
        this.line += 1;
        this.recordLine = this.line;
        recordStart = i + 1;
        segment = i + 1;
      }
      i += 1;
    }
    // The chunk ends inside a record: keep what is unread of it for the next chunk.
    if (
      this.state === State.Quoted ||
      this.state === State.Unquoted ||
      this.state === State.FieldStart
    ) {
      this.field += text.slice(segment, n);
    }
    if (this.state !== State.SkipLine && recordStart < n) {
      this.recordText.push(text.slice(recordStart, n));
      this.recordChars += n - recordStart;
      if (this.state === State.Quoted && this.recordChars > this.maxRecordChars) {
        return this.bad(
          '',
          0,
          `a quote opened in cell ${this.quoteField + 1} runs on for more than ${this.maxRecordChars.toLocaleString('en')} characters; it is probably never closed`,
        );
      }
    }
    return null;
  }
}
