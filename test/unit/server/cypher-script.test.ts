import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINK_TYPES } from '../../../server/model/vocabulary';
import { CYPHER_DIR, splitStatements } from '../../../server/neo4j/cypher-script';

describe('splitStatements', () => {
  it('splits on semicolons but not inside strings, backticks or comments', () => {
    const script = `// a comment; with a semicolon
CREATE (:A {text: 'one; two', other: "x;y"});
MATCH (\`odd;label\`) RETURN 1; // trailing; comment
RETURN 'it\\'s; fine'`;
    expect(splitStatements(script)).toEqual([
      `CREATE (:A {text: 'one; two', other: "x;y"})`,
      'MATCH (`odd;label`) RETURN 1',
      `RETURN 'it\\'s; fine'`,
    ]);
  });

  it('finds every statement of the shipped scripts', () => {
    const schema = splitStatements(readFileSync(`${CYPHER_DIR}schema.cypher`, 'utf8'));
    // Safe to run again: it only creates what is missing and drops what is there.
    expect(schema.every((s) => /IF (NOT )?EXISTS/.test(s))).toBe(true);
    for (const type of LINK_TYPES) {
      expect(schema).toContainEqual(
        expect.stringMatching(`FOR \\(\\)-\\[r:${type}\\]-\\(\\) REQUIRE r.id IS UNIQUE`),
      );
    }
    const seed = splitStatements(readFileSync(`${CYPHER_DIR}seed.cypher`, 'utf8'));
    expect(seed.every((s) => s.startsWith('MERGE') || s.startsWith('MATCH'))).toBe(true);
  });
});
