/**
 * `CAESIUM_AUTH_*` (docs/decisions.md §12, D14), checked at start: an unknown
 * mode or a short hash secret refuses to start with what to set.
 */
import { UsageError } from '../../errors.js';

type Env = Record<string, string | undefined>;

export interface AuthConfig {
  /** `CAESIUM_AUTH_MODE`: `none` (default) or `api-key`. */
  mode: 'none' | 'api-key';
  /** `CAESIUM_AUTH_KEY_HASH_SECRET` (api-key mode: at least 32 characters). */
  hashSecret: string;
  /** `CAESIUM_AUTH_REQUIRE_TLS` (default true): api-key mode refuses plain HTTP on a non-loopback address. */
  requireTls: boolean;
  /** `CAESIUM_AUTH_RATE_LIMIT_PER_MINUTE` (default 10): failed authentications per client per minute before 429. */
  failuresPerMinute: number;
  /** `CAESIUM_METRICS_PUBLIC` (default false): `/metrics` without a key in api-key mode. */
  metricsPublic: boolean;
}

const MIN_SECRET = 32;

/** Reads the auth settings; throws `UsageError` naming the variable. */
export function authConfigFromEnv(env: Env): AuthConfig {
  const raw = env.CAESIUM_AUTH_MODE?.trim().toLowerCase() ?? '';
  if (raw !== '' && raw !== 'none' && raw !== 'api-key')
    throw new UsageError(`CAESIUM_AUTH_MODE must be "none" or "api-key"; got "${env.CAESIUM_AUTH_MODE}"`);
  const mode = raw === 'api-key' ? 'api-key' : 'none';
  const hashSecret = env.CAESIUM_AUTH_KEY_HASH_SECRET ?? '';
  if (mode === 'api-key' && hashSecret.length < MIN_SECRET)
    throw new UsageError(
      `CAESIUM_AUTH_KEY_HASH_SECRET must be at least ${MIN_SECRET} characters in api-key mode; got ${hashSecret.length}`,
      'generate one with: openssl rand -hex 32',
    );
  return {
    mode,
    hashSecret,
    requireTls: bool(env.CAESIUM_AUTH_REQUIRE_TLS, 'CAESIUM_AUTH_REQUIRE_TLS', true),
    failuresPerMinute: whole(env.CAESIUM_AUTH_RATE_LIMIT_PER_MINUTE, 'CAESIUM_AUTH_RATE_LIMIT_PER_MINUTE', 10),
    metricsPublic: bool(env.CAESIUM_METRICS_PUBLIC, 'CAESIUM_METRICS_PUBLIC', false),
  };
}

function bool(raw: string | undefined, name: string, fallback: boolean): boolean {
  const v = raw?.trim().toLowerCase() ?? '';
  if (v === '') return fallback;
  if (['1', 't', 'true'].includes(v)) return true;
  if (['0', 'f', 'false'].includes(v)) return false;
  throw new UsageError(`${name} must be true or false; got "${raw}"`);
}

function whole(raw: string | undefined, name: string, fallback: number): number {
  const v = raw?.trim() ?? '';
  if (v === '') return fallback;
  if (!/^\d+$/.test(v)) throw new UsageError(`${name} must be a whole number; got "${raw}"`);
  return Number(v);
}
