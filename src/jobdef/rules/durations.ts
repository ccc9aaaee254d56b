import { parseDuration } from '../duration.js';
import type { FieldPath } from '../position.js';
import { fieldOf, type Reporter } from '../report.js';
import { isObj, q } from '../values.js';
import { checkCacheInputs } from './cache-inputs.js';

const UNITS_HINT = 'write a number with a unit, e.g. "300ms", "30s", "5m", "1h30m" or "7d"';

/**
 * Checks a duration field (docs/decisions.md D17): a Go-style duration string, `d` allowed.
 * A bare number is an error (the original rejects it too); other types are left
 * to the schema. Returns milliseconds when the value is a valid duration.
 */
export function checkDuration(report: Reporter, path: FieldPath, v: unknown): number | undefined {
  const field = fieldOf(path);
  if (typeof v === 'number') {
    report.error(path, 'E_DURATION', `${field} must be a duration string such as "30s", not the number ${String(v)}`, {
      hint: `quote it and add a unit, e.g. "${String(v)}s"`,
    });
    return undefined;
  }
  if (typeof v !== 'string') return undefined;
  const ms = parseDuration(v);
  if (ms === undefined) {
    report.error(path, 'E_DURATION', `${field} ${q(v)} is not a valid duration`, { hint: UNITS_HINT });
    return undefined;
  }
  if (ms < 0) {
    report.error(path, 'E_DURATION', `${field} ${q(v)} must not be negative`, { hint: 'use "0s" for none' });
    return undefined;
  }
  return ms;
}

/** Checks the durations and input globs of a `cache` value (`true`, `false` or an options mapping). */
export function checkCache(report: Reporter, path: FieldPath, v: unknown): void {
  if (!isObj(v)) return;
  checkDuration(report, [...path, 'ttl'], v.ttl);
  // digestTTL also takes a number of nanoseconds (docs/decisions.md §3.1).
  if (typeof v.digestTTL === 'string') checkDuration(report, [...path, 'digestTTL'], v.digestTTL);
  checkCacheInputs(report, [...path, 'inputs'], v.inputs);
}
