import { describe, expect, it } from 'vitest';
import type { AccessSettings } from '../../../server/config';
import { accessProblem, createViewerResolver } from '../../../server/http/auth';

const access: AccessSettings = {
  writeTokens: [{ name: 'ada', token: 'w'.repeat(32) }],
  readTokens: [{ name: 'bo', token: 'r'.repeat(32) }],
  readsRequireToken: false,
};
const viewerOf = createViewerResolver(access);

describe('createViewerResolver', () => {
  it('names the holder of a write or read token', () => {
    expect(viewerOf(`Bearer ${'w'.repeat(32)}`)).toEqual({ role: 'writer', name: 'ada' });
    expect(viewerOf(`bearer ${'r'.repeat(32)}`)).toEqual({ role: 'reader', name: 'bo' });
  });

  it('treats no header as anonymous and anything else unknown as invalid', () => {
    expect(viewerOf(null).role).toBe('anonymous');
    expect(viewerOf('').role).toBe('anonymous');
    for (const header of [
      `Bearer ${'w'.repeat(31)}`,
      `Bearer ${'w'.repeat(33)}`,
      `Basic ${'w'.repeat(32)}`,
      `Bearer ${'w'.repeat(32)} extra`,
      'Bearer',
      `Bearer ${'W'.repeat(32)}`,
    ]) {
      expect(viewerOf(header).role, header).toBe('invalid');
    }
  });
});

describe('accessProblem', () => {
  const code = (problem: ReturnType<typeof accessProblem>) => problem?.extensions.code ?? null;

  it('lets anyone read and only writers write, by default', () => {
    expect(code(accessProblem({ role: 'anonymous', name: null }, 'query', access))).toBeNull();
    expect(code(accessProblem({ role: 'anonymous', name: null }, 'mutation', access))).toBe(
      'UNAUTHENTICATED',
    );
    expect(code(accessProblem({ role: 'reader', name: 'bo' }, 'mutation', access))).toBe(
      'FORBIDDEN',
    );
    expect(code(accessProblem({ role: 'writer', name: 'ada' }, 'mutation', access))).toBeNull();
  });

  it('asks for a token for reads when configured, and refuses a bad token even for reads', () => {
    const closed = { ...access, readsRequireToken: true };
    expect(code(accessProblem({ role: 'anonymous', name: null }, 'query', closed))).toBe(
      'UNAUTHENTICATED',
    );
    expect(code(accessProblem({ role: 'reader', name: 'bo' }, 'query', closed))).toBeNull();
    const invalid = { role: 'invalid', name: null, problem: 'The bearer token is not valid.' };
    expect(code(accessProblem(invalid as never, 'query', access))).toBe('UNAUTHENTICATED');
  });
});
