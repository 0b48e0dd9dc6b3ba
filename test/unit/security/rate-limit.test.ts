import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../server/http/rate-limit';

describe('createRateLimiter', () => {
  it('lets a burst through, then refuses with the wait until the next token', () => {
    const limiter = createRateLimiter(2, 3);
    const t = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('a', t).allowed)).toEqual([true, true, true]);
    expect(limiter.take('a', t)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Half a second at 2 per second gives one token back.
    expect(limiter.take('a', t + 500).allowed).toBe(true);
    expect(limiter.take('a', t + 500).allowed).toBe(false);
  });

  it('keeps one bucket per client', () => {
    const limiter = createRateLimiter(1, 1);
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('a', 0).allowed).toBe(false);
    expect(limiter.take('b', 0).allowed).toBe(true);
  });

  it('never refuses when the rate is 0 (turned off)', () => {
    const limiter = createRateLimiter(0, 1);
    for (let i = 0; i < 1000; i++) expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.size).toBe(0);
  });

  it('forgets clients whose bucket has refilled once it tracks too many', () => {
    const limiter = createRateLimiter(10, 5);
    for (let i = 0; i < 50_000; i++) limiter.take(`client-${i}`, 0);
    expect(limiter.size).toBe(50_000);
    // A minute later every bucket is full again; the next new client triggers the clean-up.
    limiter.take('late', 60_000);
    expect(limiter.size).toBe(1);
  });
});
