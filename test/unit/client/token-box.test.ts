import { describe, expect, it } from 'vitest';
import { tokenProblem } from '../../../client/src/ui/token-box';

describe('a typed write token', () => {
  it('is taken when it is 16 or more printable ASCII characters', () => {
    expect(tokenProblem('write-token-0123456789abcdef')).toBeNull();
    expect(tokenProblem('a'.repeat(16))).toBeNull();
  });

  it('is refused, saying why, when empty, short, or not sendable in a header', () => {
    expect(tokenProblem('')).toMatch(/first/);
    expect(tokenProblem('short-token')).toMatch(/16 characters/);
    // fetch would throw on these (a header value takes no such characters): say so instead.
    expect(tokenProblem('tökén-0123456789abcdef')).toMatch(/no spaces, accents/);
    expect(tokenProblem('two words 0123456789abcdef')).toMatch(/no spaces/);
    expect(tokenProblem('line\r\nbreak-0123456789abcdef')).toMatch(/no spaces/);
  });
});
