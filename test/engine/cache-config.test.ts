/** Cache configuration (docs/decisions.md §3.1): env defaults, then metadata.cache, then steps[].cache. */
import { describe, expect, it } from 'vitest';
import { CacheConfigError, resolveCacheConfig } from '../../src/engine/cache/config.js';
import { CACHE_DEFAULTS, cacheDefaultsFromEnv } from '../../src/engine/cache/settings.js';

const H = 3_600_000;

describe('cache defaults from the environment', () => {
  it('defaults to disabled, 24h, no pinning, 5m digest TTL', () => {
    expect(cacheDefaultsFromEnv({})).toEqual({
      ok: true,
      defaults: { enabled: false, ttlMs: 24 * H, pinDigests: false, digestTtlMs: 300_000 },
    });
    expect(cacheDefaultsFromEnv({ CAESIUM_CACHE_ENABLED: '', CAESIUM_CACHE_TTL: ' ' })).toEqual({ ok: true, defaults: CACHE_DEFAULTS });
  });

  it('reads CAESIUM_CACHE_ENABLED, _TTL (0 = never expires, d allowed), _PIN_DIGESTS, _DIGEST_TTL', () => {
    const r = cacheDefaultsFromEnv({
      CAESIUM_CACHE_ENABLED: 'TRUE',
      CAESIUM_CACHE_TTL: '0',
      CAESIUM_CACHE_PIN_DIGESTS: '1',
      CAESIUM_CACHE_DIGEST_TTL: '1m30s',
    });
    expect(r).toEqual({ ok: true, defaults: { enabled: true, ttlMs: 0, pinDigests: true, digestTtlMs: 90_000 } });
    expect(cacheDefaultsFromEnv({ CAESIUM_CACHE_TTL: '7d' })).toMatchObject({ defaults: { ttlMs: 7 * 24 * H } });
  });

  it('names the variable that does not parse', () => {
    expect(cacheDefaultsFromEnv({ CAESIUM_CACHE_ENABLED: 'yes' })).toEqual({
      ok: false,
      variable: 'CAESIUM_CACHE_ENABLED',
      message: 'CAESIUM_CACHE_ENABLED must be true or false; got "yes"',
    });
    expect(cacheDefaultsFromEnv({ CAESIUM_CACHE_TTL: '1 day' })).toMatchObject({ ok: false, variable: 'CAESIUM_CACHE_TTL' });
    expect(cacheDefaultsFromEnv({ CAESIUM_CACHE_TTL: '-1h' })).toMatchObject({ ok: false, variable: 'CAESIUM_CACHE_TTL' });
  });
});

describe('resolveCacheConfig', () => {
  const on = { ...CACHE_DEFAULTS, enabled: true };

  it('starts from the defaults with version 0', () => {
    expect(resolveCacheConfig(CACHE_DEFAULTS, undefined, undefined)).toEqual({ ...CACHE_DEFAULTS, version: 0, inputs: [] });
    expect(resolveCacheConfig(on, undefined, undefined).enabled).toBe(true);
  });

  it('lets booleans switch it on and off at each layer', () => {
    expect(resolveCacheConfig(CACHE_DEFAULTS, true, undefined).enabled).toBe(true);
    expect(resolveCacheConfig(on, false, undefined).enabled).toBe(false);
    expect(resolveCacheConfig(CACHE_DEFAULTS, true, false).enabled).toBe(false);
    expect(resolveCacheConfig(on, false, true).enabled).toBe(true);
  });

  it('treats an object as enabled and layers its fields; version is kept unless a step object sets it', () => {
    const job = { ttl: '2h', version: 3, pinDigests: true, digestTTL: '10m' };
    expect(resolveCacheConfig(CACHE_DEFAULTS, job, undefined)).toEqual({
      enabled: true,
      ttlMs: 2 * H,
      version: 3,
      pinDigests: true,
      digestTtlMs: 600_000,
      inputs: [],
    });
    expect(resolveCacheConfig(CACHE_DEFAULTS, { inputs: ['a/*.sh'] }, { inputs: ['b.txt', 'a/*.sh'] }).inputs).toEqual(['a/*.sh', 'b.txt']);
    expect(resolveCacheConfig(CACHE_DEFAULTS, job, { ttl: '0s' })).toMatchObject({ ttlMs: 0, version: 3, pinDigests: true });
    expect(resolveCacheConfig(CACHE_DEFAULTS, job, { version: 4 })).toMatchObject({ ttlMs: 2 * H, version: 4 });
    expect(resolveCacheConfig(CACHE_DEFAULTS, job, true)).toMatchObject({ version: 3 });
    expect(resolveCacheConfig(CACHE_DEFAULTS, false, {})).toMatchObject({ enabled: true, ttlMs: 24 * H, version: 0 });
  });

  it('reads a numeric digestTTL as nanoseconds', () => {
    expect(resolveCacheConfig(CACHE_DEFAULTS, { digestTTL: 2_000_000_000 }, undefined).digestTtlMs).toBe(2000);
  });

  it('throws a CacheConfigError naming the field for a bad duration (validation reports it first, docs/decisions.md D17)', () => {
    expect(() => resolveCacheConfig(CACHE_DEFAULTS, { ttl: 'soon' }, undefined)).toThrow(
      new CacheConfigError('metadata.cache.ttl "soon" is not a valid duration'),
    );
    expect(() => resolveCacheConfig(CACHE_DEFAULTS, undefined, { digestTTL: 'x' }, 'steps[2].cache')).toThrow(
      'steps[2].cache.digestTTL "x" is not a valid duration',
    );
  });
});
