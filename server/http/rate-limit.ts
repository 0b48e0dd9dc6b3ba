/**
 * A token bucket per client key (the client's IP). Each request takes one token; tokens come
 * back at `perSecond` up to `burst`. State lives in this process only: behind a load balancer
 * with N servers a client gets up to N times the rate (docs/security.md).
 */

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(key: string, now?: number): RateLimitDecision;
  /** Clients currently tracked; buckets that refilled completely are forgotten. */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Upper bound of tracked clients, so a spoofed-address flood cannot grow memory without end. */
const MAX_TRACKED = 50_000;

export function createRateLimiter(perSecond: number, burst: number): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const refill = (bucket: Bucket, now: number) => {
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
    bucket.updatedAt = now;
  };
  const prune = (now: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, now);
      if (bucket.tokens >= burst) buckets.delete(key);
    }
    // Still too many (all of them busy): drop the oldest entries, which lets them start afresh.
    for (const key of buckets.keys()) {
      if (buckets.size <= MAX_TRACKED / 2) break;
      buckets.delete(key);
    }
  };
  return {
    take(key, now = Date.now()) {
      if (perSecond <= 0) return { allowed: true, retryAfterSeconds: 0 };
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= MAX_TRACKED) prune(now);
        bucket = { tokens: burst, updatedAt: now };
        buckets.set(key, bucket);
      } else {
        refill(bucket, now);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterSeconds: 0 };
      }
      return { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / perSecond) };
    },
    get size() {
      return buckets.size;
    },
  };
}
