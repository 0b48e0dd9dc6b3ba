import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';

describe('security settings', () => {
  it('default to read-only, public reads, a rate limit and no cross-origin access', () => {
    const config = loadConfig({});
    expect(config.access).toEqual({ writeTokens: [], readTokens: [], readsRequireToken: false });
    expect(config.http.rateLimitPerSecond).toBeGreaterThan(0);
    expect(config.http.corsOrigins).toEqual([]);
    expect(config.http.maxBodyBytes).toBe(512 * 1024);
    expect(config.shutdownGraceMs).toBe(10_000);
  });

  it('reads named tokens', () => {
    const config = loadConfig({
      THREADLINE_WRITE_TOKENS: 'ada:aaaaaaaaaaaaaaaa:with-colon, importer:bbbbbbbbbbbbbbbbbbbb',
      THREADLINE_READ_TOKENS: 'newsroom:cccccccccccccccccccc',
      THREADLINE_READS_REQUIRE_TOKEN: 'true',
    });
    expect(config.access).toEqual({
      writeTokens: [
        { name: 'ada', token: 'aaaaaaaaaaaaaaaa:with-colon' },
        { name: 'importer', token: 'bbbbbbbbbbbbbbbbbbbb' },
      ],
      readTokens: [{ name: 'newsroom', token: 'cccccccccccccccccccc' }],
      readsRequireToken: true,
    });
  });

  it('refuses short, nameless or repeated tokens without echoing the secret', () => {
    const short = () => loadConfig({ THREADLINE_WRITE_TOKENS: 'ada:secret' });
    expect(short).toThrow(ConfigError);
    expect(short).toThrow(/at least 16 characters/);
    expect(short).not.toThrow(/secret/);
    const bare = () =>
      loadConfig({ THREADLINE_WRITE_TOKENS: 'ada:bbbbbbbbbbbbbbbbbbbb,s3cr3tT0kenWithoutName' });
    expect(bare).toThrow(/name:token .*; entry 2 is not\./);
    // Not even the first characters of the token appear.
    expect(bare).not.toThrow(/s3cr/);
    expect(() =>
      loadConfig({
        THREADLINE_WRITE_TOKENS: 'ada:aaaaaaaaaaaaaaaaaaaa',
        THREADLINE_READ_TOKENS: 'bo:aaaaaaaaaaaaaaaaaaaa',
      }),
    ).toThrow(/repeat a token/);
  });

  it('accepts CORS origins only as scheme://host[:port]', () => {
    expect(
      loadConfig({ THREADLINE_CORS_ORIGINS: 'https://news.example, http://localhost:5173' }).http
        .corsOrigins,
    ).toEqual(['https://news.example', 'http://localhost:5173']);
    expect(() => loadConfig({ THREADLINE_CORS_ORIGINS: 'https://news.example/path' })).toThrow(
      /without a path/,
    );
  });

  it('answers to loopback names by default and reads THREADLINE_ALLOWED_HOSTS', () => {
    expect(loadConfig({}).http.allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(
      loadConfig({ HOST: '::1', THREADLINE_ALLOWED_HOSTS: 'Threadline.Example.org, 10.0.0.5' }).http
        .allowedHosts,
    ).toEqual(['localhost', '127.0.0.1', '[::1]', 'threadline.example.org', '10.0.0.5']);
    expect(loadConfig({ HOST: '0.0.0.0' }).http.allowedHosts).not.toContain('0.0.0.0');
    for (const entry of ['https://a.example', 'a.example:4000', 'a b', '*']) {
      expect(() => loadConfig({ THREADLINE_ALLOWED_HOSTS: entry }), entry).toThrow(
        /THREADLINE_ALLOWED_HOSTS: write host names without scheme or port/,
      );
    }
  });
});
