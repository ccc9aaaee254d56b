/**
 * `CAESIUM_MAX_BODY_SIZE` and `CAESIUM_CORS_ORIGINS` (docs/security.md), read
 * once at start; a bad value refuses to start and names the variable.
 */
import { UsageError } from '../../errors.js';
import { parseByteSize } from '../hooks/byte-size.js';

type Env = Record<string, string | undefined>;

export interface SafetySettings {
  /** Largest request body outside `/v1/hooks/*` (default 5 MB). */
  maxBodyBytes: number;
  /** Origins allowed cross-origin requests (CORS); empty: none. */
  corsOrigins: string[];
}

const DEFAULT_MAX_BODY = 5_000_000;

/** Reads the settings from `env`. */
export function safetySettingsFromEnv(env: Env): SafetySettings {
  const raw = env.CAESIUM_MAX_BODY_SIZE?.trim() ?? '';
  const maxBodyBytes = raw === '' ? DEFAULT_MAX_BODY : parseByteSize(raw);
  if (maxBodyBytes === undefined || maxBodyBytes <= 0)
    throw new UsageError(`CAESIUM_MAX_BODY_SIZE must be a size above 0 such as 5MB, 512KiB or 65536; got "${raw}"`);
  const corsOrigins = (env.CAESIUM_CORS_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter((s) => s !== '');
  for (const origin of corsOrigins)
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      throw new UsageError(`CAESIUM_CORS_ORIGINS: "${origin}" is not an origin such as https://ui.example.com`);
  return { maxBodyBytes, corsOrigins };
}
