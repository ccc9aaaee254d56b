/**
 * An http trigger's configuration (path, secret, signature scheme and
 * headers, timestamp window, param mapping) as a webhook delivery is checked
 * against it. Apply has validated it already; this reads
 * it defensively anyway, since rows outlive validator versions.
 */
import { parseDuration } from '../jobdef/duration.js';
import { normalizeHookPath } from './hook-path.js';

/** A signature scheme a webhook delivery may be authenticated with. */
export type SignatureScheme = 'hmac-sha256' | 'hmac-sha1' | 'bearer' | 'basic';

const DEFAULT_MAX_AGE_MS = 5 * 60_000;

export interface HookConfig {
  /** Normalised (see `normalizeHookPath`). */
  path: string;
  /** A literal or a `secret://` reference; empty means no authentication. */
  secret: string;
  /** A `SignatureScheme`, lower-case; an unknown scheme stays as written and is never accepted. */
  scheme: string;
  /** Lower-case header name carrying the signature or token. */
  signatureHeader: string;
  /** Lower-case header name of the signed timestamp; set only for the hmac schemes. */
  timestampHeader: string | undefined;
  maxTimestampAgeMs: number;
  /** param name → JSONPath. */
  paramMapping: Record<string, string>;
}

const DEFAULT_HEADERS: Record<SignatureScheme, string> = {
  'hmac-sha256': 'x-hub-signature-256',
  'hmac-sha1': 'x-hub-signature',
  bearer: 'authorization',
  basic: 'authorization',
};

/** Reads a stored http trigger's `configuration`. */
export function hookConfigOf(config: Record<string, unknown>): HookConfig {
  const scheme = textOf(config.signatureScheme).toLowerCase() || 'hmac-sha256';
  const known = Object.prototype.hasOwnProperty.call(DEFAULT_HEADERS, scheme) ? (scheme as SignatureScheme) : undefined;
  const header = textOf(config.signatureHeader).toLowerCase();
  const hmac = scheme === 'hmac-sha256' || scheme === 'hmac-sha1';
  const timestampHeader = textOf(config.timestampHeader).toLowerCase();
  const maxAge = typeof config.maxTimestampAge === 'string' ? parseDuration(config.maxTimestampAge.trim()) : undefined;
  return {
    path: normalizeHookPath(textOf(config.path)),
    secret: textOf(config.secret),
    scheme,
    signatureHeader: scheme === 'basic' ? 'authorization' : header || (known === undefined ? '' : DEFAULT_HEADERS[known]),
    timestampHeader: hmac && timestampHeader !== '' ? timestampHeader : undefined,
    maxTimestampAgeMs: maxAge !== undefined && maxAge > 0 ? maxAge : DEFAULT_MAX_AGE_MS,
    paramMapping: stringMap(config.paramMapping),
  };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [key, expr] of Object.entries(value)) if (typeof expr === 'string' && expr.trim() !== '') out[key] = expr.trim();
  return out;
}
