/**
 * The CSV reader on hostile input: line endings in any mix, quoted line breaks, a BOM, stray
 * quotes, a cut-off last line, other delimiters and encodings, binary files. Every input is read
 * whole and split at many chunk boundaries, which must not change what comes out.
 */
import { describe, expect, it } from 'vitest';
import { CsvHeaderError, type CsvItem, readCsv } from '../../../server/import/csv-reader';
import { type ImportInput, ImportInputError } from '../../../server/import/input';

function input(bytes: Uint8Array | string, chunk = 1 << 20, name = 'rows.csv'): ImportInput {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return {
    location: name,
    name,
    isUrl: false,
    async open() {
      async function* chunks() {
        for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
      }
      return { chunks: chunks(), size: data.length };
    },
  };
}

async function read(bytes: Uint8Array | string, chunk?: number, options = {}) {
  const items: CsvItem[] = [];
  const blanks: number[] = [];
  let delimiter = '';
  for await (const item of readCsv(
    input(bytes, chunk),
    { delimiter: null, encoding: 'utf-8', ...options },
    (layout) => {
      delimiter = layout.delimiter;
    },
    (line) => blanks.push(line),
  )) {
    items.push(item);
  }
  const rows = items.flatMap((i) => (i.kind === 'row' ? [[i.row.line, i.row.cells]] : []));
  const problems = items.flatMap((i) => (i.kind === 'problem' ? [i.problem] : []));
  return { rows, problems, blanks, delimiter };
}

/** Reads at every chunk size from 1 to 9 bytes and whole; all must agree. */
async function readSplit(text: string) {
  const whole = await read(text);
  for (let chunk = 1; chunk < 10; chunk++) expect(await read(text, chunk)).toEqual(whole);
  return whole;
}

describe('line numbers as an editor shows them', () => {
  it('counts LF, CRLF and lone CR alike, in any mix', async () => {
    const { rows } = await readSplit('a,b\nL2,x\r\nL3,y\rL4,z\n\rL6,w\r\n');
    expect(rows).toEqual([
      [2, { a: 'L2', b: 'x' }],
      [3, { a: 'L3', b: 'y' }],
      [4, { a: 'L4', b: 'z' }],
      [6, { a: 'L6', b: 'w' }],
    ]);
  });

  it('reads an LF header followed by CRLF rows with a quoted last cell', async () => {
    const { rows, problems } = await readSplit('a,b\nL2,"x"\r\nL3,"y, z"\r\nL4,"w"\r\n');
    expect(problems).toEqual([]);
    expect(rows.map(([line, cells]) => [line, (cells as { b: string }).b])).toEqual([
      [2, 'x'],
      [3, 'y, z'],
      [4, 'w'],
    ]);
  });

  it('reads a CRLF header followed by LF rows', async () => {
    const { rows } = await readSplit('a,b\r\nL2,x\nL3,y\n');
    expect(rows).toEqual([
      [2, { a: 'L2', b: 'x' }],
      [3, { a: 'L3', b: 'y' }],
    ]);
  });

  it('keeps quoted line breaks verbatim and numbers the rows after them right', async () => {
    const { rows } = await readSplit('a,b\nL2,"one\r\ntwo\rthree\nfour"\nL6,x\n');
    expect(rows).toEqual([
      [2, { a: 'L2', b: 'one\r\ntwo\rthree\nfour' }],
      [6, { a: 'L6', b: 'x' }],
    ]);
  });

  it('drops a BOM and counts blank lines apart from rows', async () => {
    const { rows, blanks } = await readSplit('\uFEFFa,b\n\nL3,x\n  \n');
    expect(rows).toEqual([[3, { a: 'L3', b: 'x' }]]);
    expect(blanks).toEqual([2]);
    // A line of spaces is a row (with one cell), not a blank line.
  });
});

describe('broken rows cost themselves only', () => {
  it('reports a stray quote on its line and reads the rows after it', async () => {
    const lines = ['a,b'];
    for (let i = 2; i <= 101; i++) lines.push(i === 31 ? `L31,"Alpha, Beta` : `L${i},"v${i}"`);
    const { rows, problems } = await readSplit(`${lines.join('\n')}\n`);
    expect(rows).toHaveLength(99);
    expect(problems).toEqual([
      {
        line: 31,
        column: 'b',
        reason: expect.stringMatching(/^cannot be read as CSV: a quote closes column "b"/),
      },
    ]);
    expect(rows.map(([line]) => line)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 2).filter((l) => l !== 31),
    );
  });

  it('reports a quote that is never closed, and a truncated last line', async () => {
    const { rows, problems } = await readSplit('a,b\nL2,"open\nL3,x\nL4,"cut sho');
    expect(rows).toEqual([[3, { a: 'L3', b: 'x' }]]);
    expect(problems.map((p) => [p.line, p.reason])).toEqual([
      [2, expect.stringMatching(/quote closes column "b"/)],
      [4, expect.stringMatching(/never closed \(a stray quote, or the file is cut short\)/)],
    ]);
  });

  it('reports a row with too few cells, naming the lines it spans', async () => {
    const { problems } = await readSplit('a,b,c\nL2,"x\ny"\nL4,1,2');
    expect(problems).toEqual([
      { line: 2, reason: 'has 2 cells but the header has 3 columns (lines 2–3)' },
    ]);
  });

  it('keeps a quote inside an unquoted cell as text', async () => {
    const { rows } = await readSplit('a,b\nL2,5" pipe\n');
    expect(rows).toEqual([[2, { a: 'L2', b: '5" pipe' }]]);
  });

  it('reads a 1 MB cell', async () => {
    const big = 'x'.repeat(1 << 20);
    const { rows } = await read(`a,b\nL2,"${big}"\nL3,${big}\n`, 65536);
    expect(rows.map(([line, cells]) => [line, (cells as { b: string }).b.length])).toEqual([
      [2, 1 << 20],
      [3, 1 << 20],
    ]);
  });
});

describe('what the file is', () => {
  it.each([
    ['a;b;c\n1;2;3\n', ';'],
    ['a\tb\n1\t2\n', '\t'],
    ['a|b\n1|2\n', '|'],
    ['"x,y";b;c\n1;2;3\n', ';'],
    ['a,b\n1,2\n', ','],
  ])('detects the delimiter of %j', async (text, delimiter) => {
    const result = await read(text);
    expect(result.delimiter).toBe(delimiter);
    expect(result.rows).toHaveLength(1);
  });

  it('reads Windows-1252 with --encoding and flags undecodable bytes otherwise', async () => {
    const bytes = new Uint8Array([...Buffer.from('a,b\nL2,Caf'), 0xe9, 0x0a]);
    expect((await read(bytes, undefined, { encoding: 'latin1' })).rows).toEqual([
      [2, { a: 'L2', b: 'Café' }],
    ]);
    expect((await read(bytes)).rows).toEqual([[2, { a: 'L2', b: 'Caf\uFFFD' }]]);
  });

  it.each([
    [[0x50, 0x4b, 0x03, 0x04, 1, 2], /is a ZIP archive \(an XLSX .*export it as CSV/],
    [[0x25, 0x50, 0x44, 0x46, 0x2d], /is a PDF document.*export it as CSV/],
    [[0x61, 0x2c, 0x00, 0x62], /is a binary file/],
  ])('refuses a binary file in one sentence', async (bytes, message) => {
    await expect(read(new Uint8Array(bytes))).rejects.toThrow(ImportInputError);
    await expect(read(new Uint8Array(bytes))).rejects.toThrow(message);
  });

  it.each([
    ['', /is empty: expected a header row/],
    ['\n\n', /is empty: expected a header row/],
    ['a,"b\n1,2\n', /The header \(line 1\) cannot be read/],
    ['a,b"c",d\n1,2,3\n', /column names cannot hold quotes: b"c"/],
    ['\u0001\u0002ab,\u0003\n', /is not readable UTF-8 text/],
    ['a,a\n1,2\n', /names column "a" twice/],
  ])('refuses a bad header %j', async (text, message) => {
    await expect(read(text)).rejects.toThrow(CsvHeaderError);
    await expect(read(text)).rejects.toThrow(message);
  });
});
