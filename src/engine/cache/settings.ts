/**
 * The cache's environment layer (docs/decisions.md §3.1): `CAESIUM_CACHE_ENABLED`
 * (false), `CAESIUM_CACHE_TTL` (24h; 0 = never expires),
 * `CAESIUM_CACHE_PIN_DIGESTS` (false), `CAESIUM_CACHE_DIGEST_TTL` (5m).
 * Pure: the caller hands over the environment it read.
 */
import { parseDuration } from '../../jobdef/duration.js';

/** Cache settings every job starts from, before `metadata.cache` and `steps[].cache`. */
export interface CacheDefaults {
  enabled: boolean;
  /** 0: entries never expire. */
  ttlMs: number;
  pinDigests: boolean;
  /** How long a resolved image digest may be reused. */
  digestTtlMs: number;
}

/** The defaults with no `CAESIUM_CACHE_*` variable set. */
export const CACHE_DEFAULTS: Readonly<CacheDefaults> = Object.freeze({
  enabled: false,
  ttlMs: 24 * 3_600_000,
  pinDigests: false,
  digestTtlMs: 5 * 60_000,
});

/** The defaults from `env`, or the first variable that does not parse. */
export type CacheEnvResult = { ok: true; defaults: CacheDefaults } | { ok: false; variable: string; message: string };

/** Reads the `CAESIUM_CACHE_*` variables of `env` (empty or unset means the default). */
export function cacheDefaultsFromEnv(env: Readonly<Record<string, string | undefined>>): CacheEnvResult {
  const defaults: CacheDefaults = { ...CACHE_DEFAULTS };
  const bools = [
    ['CAESIUM_CACHE_ENABLED', 'enabled'],
    ['CAESIUM_CACHE_PIN_DIGESTS', 'pinDigests'],
  ] as const;
  for (const [variable, field] of bools) {
    const raw = env[variable]?.trim() ?? '';
    if (raw === '') continue;
    const value = parseBool(raw);
    if (value === undefined) return { ok: false, variable, message: `${variable} must be true or false; got "${raw}"` };
    defaults[field] = value;
  }
  const durations = [
    ['CAESIUM_CACHE_TTL', 'ttlMs'],
    ['CAESIUM_CACHE_DIGEST_TTL', 'digestTtlMs'],
  ] as const;
  for (const [variable, field] of durations) {
    const raw = env[variable]?.trim() ?? '';
    if (raw === '') continue;
    const ms = parseDuration(raw);
    if (ms === undefined || ms < 0) {
      return { ok: false, variable, message: `${variable} must be a duration such as 30m, 24h or 7d (0 = never expires); got "${raw}"` };
    }
    defaults[field] = ms;
  }
  return { ok: true, defaults };
}

/** Go's strconv.ParseBool. */
function parseBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  return undefined;
}
