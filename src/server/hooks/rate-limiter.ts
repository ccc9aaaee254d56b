/**
 * A token bucket per key (the client IP, docs/decisions.md §8): `burst` tokens, refilled
 * at `perMinute` per minute, one taken per request. Time comes from `now`, so
 * tests drive it. Buckets that have refilled completely are forgotten when the
 * map grows, which keeps memory bounded by the clients active in the last
 * `burst / perMinute` minutes.
 */
export interface RateLimiter {
  /** Takes a token for `key`; false when its bucket is empty. */
  take(key: string): boolean;
}

interface Bucket {
  tokens: number;
  at: number;
}

const SWEEP_AT = 10_000;

/** A limiter; `perMinute` or `burst` ≤ 0 gives one that never limits. */
export function createRateLimiter(options: { perMinute: number; burst: number; now: () => number }): RateLimiter {
  const { perMinute, burst, now } = options;
  if (perMinute <= 0 || burst <= 0) return { take: () => true };
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  const level = (bucket: Bucket, t: number): number => Math.min(burst, bucket.tokens + Math.max(0, t - bucket.at) * perMs);
  return {
    take(key) {
      const t = now();
      if (buckets.size >= SWEEP_AT) for (const [k, b] of buckets) if (level(b, t) >= burst) buckets.delete(k);
      const bucket = buckets.get(key);
      const tokens = bucket === undefined ? burst : level(bucket, t);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: t });
        return false;
      }
      buckets.set(key, { tokens: tokens - 1, at: t });
      return true;
    },
  };
}
