/**
 * Resolving a step's cache configuration (docs/decisions.md §3.1): the environment
 * defaults, then `metadata.cache`, then `steps[].cache`. `true`/`false` sets
 * `enabled`; an object implies enabled and may set `ttl`, `version`,
 * `pinDigests`, `digestTTL` (a duration string or a number of nanoseconds),
 * `inputs` (globs; the job's and the step's are joined).
 * `version` starts at 0; a job object sets it and a step object may override it.
 */
import { parseDuration } from '../../jobdef/duration.js';
import type { CacheSpec } from '../../jobdef/types.js';
import type { CacheDefaults } from './settings.js';

/** A step's cache settings for one run. */
export interface CacheConfig {
  enabled: boolean;
  /** 0: entries never expire. */
  ttlMs: number;
  version: number;
  pinDigests: boolean;
  digestTtlMs: number;
  /** `inputs` globs of the job and then the step (duplicates dropped). */
  inputs: string[];
}

/**
 * A cache field that is not a duration. Validation reports these first (docs/decisions.md D17),
 * so the engine meets one only for a job that skipped validation.
 */
export class CacheConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CacheConfigError';
  }
}

/** The configuration of a step with `stepCache` in a job with `jobCache`. */
export function resolveCacheConfig(
  defaults: CacheDefaults,
  jobCache: CacheSpec | undefined,
  stepCache: CacheSpec | undefined,
  where = 'steps[].cache',
): CacheConfig {
  const config: CacheConfig = { ...defaults, version: 0, inputs: [] };
  layer(config, jobCache, 'metadata.cache');
  layer(config, stepCache, where);
  return config;
}

function layer(config: CacheConfig, spec: CacheSpec | undefined, at: string): void {
  if (spec === undefined) return;
  if (typeof spec === 'boolean') {
    config.enabled = spec;
    return;
  }
  config.enabled = true;
  if (spec.ttl !== undefined) config.ttlMs = duration(spec.ttl, `${at}.ttl`);
  if (spec.version !== undefined) config.version = spec.version;
  if (spec.pinDigests !== undefined) config.pinDigests = spec.pinDigests;
  for (const glob of spec.inputs ?? []) if (!config.inputs.includes(glob)) config.inputs.push(glob);
  if (spec.digestTTL !== undefined) {
    config.digestTtlMs =
      typeof spec.digestTTL === 'number' ? nanoseconds(spec.digestTTL, `${at}.digestTTL`) : duration(spec.digestTTL, `${at}.digestTTL`);
  }
}

function duration(text: string, field: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms < 0) throw new CacheConfigError(`${field} "${text}" is not a valid duration`);
  return ms;
}

function nanoseconds(n: number, field: string): number {
  if (!Number.isFinite(n) || n < 0) throw new CacheConfigError(`${field} ${String(n)} is not a valid number of nanoseconds`);
  return n / 1e6;
}
