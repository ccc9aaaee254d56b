/**
 * API keys (docs/decisions.md D14): `csk_live_` and the base62 digits of 32
 * random bytes; stored as `hmac-sha256:<hex>` under the server's secret. Keys
 * stored earlier as `sha256:<hex>` still match, so operators can rotate them.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PREFIX = 'csk_live_';
/** How many leading characters of a key are shown (`csk_live_` and four more). */
const DISPLAY_PREFIX = 13;

/** A new random key. */
export function generateKey(): string {
  let n = BigInt(`0x${randomBytes(32).toString('hex')}`);
  let digits = '';
  while (n > 0n) {
    digits += ALPHABET[Number(n % 62n)];
    n /= 62n;
  }
  return PREFIX + digits.padEnd(32, '0');
}

/** The part of a key shown in lists and the audit log. */
export const displayPrefix = (key: string): string => key.slice(0, DISPLAY_PREFIX);

/** The stored form of `key` under `secret`. */
export const hmacHash = (secret: string, key: string): string => `hmac-sha256:${createHmac('sha256', secret).update(key).digest('hex')}`;

/** The legacy stored form (no secret). */
export const legacyHash = (key: string): string => `sha256:${createHash('sha256').update(key).digest('hex')}`;

/** Compares a computed hash with a stored one in constant time. */
export function sameHash(computed: string, stored: string): boolean {
  const a = Buffer.from(computed);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}
