/**
 * The signature schemes of docs/decisions.md §8, each a pure check of one request
 * against one trigger: `hmac-sha256` / `hmac-sha1` (lower-hex HMAC of the raw
 * body, optional `sha256=`/`sha1=` prefix), `bearer` (`Bearer <secret>`) and
 * `basic` (`user:pass` == secret). Every comparison is constant-time: both
 * sides are hashed and the digests compared with `timingSafeEqual`.
 *
 * Replay protection (hmac schemes with `timestampHeader`): the HMAC covers
 * `<timestamp>.<body>`, the timestamp (Unix seconds or RFC3339) must be within
 * `maxTimestampAge` of now, and an accepted request yields a replay key that
 * the caller claims in the store, so the same signed delivery is accepted once
 * even inside the window.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { HookConfig } from './hook-config.js';

/** What the checks read of a trigger's configuration. */
type HookAuth = Pick<HookConfig, 'path' | 'scheme' | 'signatureHeader' | 'timestampHeader' | 'maxTimestampAgeMs'>;

/** Why a trigger refused a request (the `reason` label of `caesium_webhook_auth_failures_total`). */
export type RejectReason = 'invalid_signature' | 'replayed_request' | 'secret_unavailable';

/** A replay key to claim before the request counts as accepted. */
export interface ReplayKey {
  key: string;
  /** When the timestamp leaves the window (ms since the epoch). */
  expiresAtMs: number;
}

export type Verdict = { ok: true; replay: ReplayKey | undefined } | { ok: false; reason: RejectReason };

/** One request as the checks see it. */
export interface SignedRequest {
  /** A header by lower-case name. */
  header(name: string): string | undefined;
  body: Uint8Array;
  nowMs: number;
}

/** Checks `request` against `trigger` with its resolved `secret`. */
export function verifySignature(trigger: HookAuth, secret: string, request: SignedRequest): Verdict {
  if (secret === '') return { ok: true, replay: undefined };
  const provided = request.header(trigger.signatureHeader)?.trim();
  switch (trigger.scheme) {
    case 'hmac-sha256':
    case 'hmac-sha1':
      return verifyHmac(trigger, secret, provided, request);
    case 'bearer': {
      const token = /^bearer\s+(.*)$/i.exec(provided ?? '')?.[1];
      return token !== undefined && sameText(token.trim(), secret) ? { ok: true, replay: undefined } : invalid;
    }
    case 'basic': {
      const encoded = /^basic\s+(.*)$/i.exec(provided ?? '')?.[1];
      const decoded = encoded === undefined ? undefined : Buffer.from(encoded.trim(), 'base64').toString('utf8');
      return decoded !== undefined && sameText(decoded, secret) ? { ok: true, replay: undefined } : invalid;
    }
    default:
      return invalid;
  }
}

const invalid: Verdict = { ok: false, reason: 'invalid_signature' };
const replayed: Verdict = { ok: false, reason: 'replayed_request' };

function verifyHmac(trigger: HookAuth, secret: string, provided: string | undefined, request: SignedRequest): Verdict {
  const algorithm = trigger.scheme === 'hmac-sha1' ? 'sha1' : 'sha256';
  if (provided === undefined) return invalid;
  let timestamp: string | undefined;
  if (trigger.timestampHeader !== undefined) {
    timestamp = request.header(trigger.timestampHeader)?.trim();
    if (timestamp === undefined || timestamp === '') return replayed;
  }
  const hmac = createHmac(algorithm, secret);
  if (timestamp !== undefined) hmac.update(`${timestamp}.`);
  const expected = hmac.update(request.body).digest('hex');
  const prefix = `${algorithm}=`;
  const value = provided.toLowerCase().startsWith(prefix) ? provided.slice(prefix.length) : provided;
  if (!sameText(value.trim().toLowerCase(), expected)) return invalid;
  if (timestamp === undefined) return { ok: true, replay: undefined };
  const at = parseTimestamp(timestamp);
  if (at === undefined || Math.abs(request.nowMs - at) > trigger.maxTimestampAgeMs) return replayed;
  const key = createHash('sha256').update(`${trigger.path}\0${trigger.scheme}\0${timestamp}\0${expected}`).digest('hex');
  return { ok: true, replay: { key, expiresAtMs: at + trigger.maxTimestampAgeMs } };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** Unix seconds or RFC3339, as ms since the epoch. */
export function parseTimestamp(text: string): number | undefined {
  if (/^\d{1,12}$/.test(text)) return Number(text) * 1000;
  if (!RFC3339.test(text)) return undefined;
  const ms = Date.parse(text.toUpperCase());
  return Number.isNaN(ms) ? undefined : ms;
}

/** Constant-time equality of two strings of any length. */
function sameText(a: string, b: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
